/**
 * `traced/runtime`: the small, stable entry point that code emitted by the `@traced` JSDoc
 * transformer calls. Sites are defined once per tagged function at module load (options
 * are checked there); each call then goes through the same hot path as `trace()`.
 * Loading it alone sets up what `traced` does: environment settings (read when the registry
 * is created), the default destination and the flush at exit (installed with the destination).
 */
import "./default-destination.js";
import { describeValue, TracedUsageError, checkKnownKeys } from "./config/errors.js";
import { createCallSite, type CallSite } from "./capture/call-site.js";
import { PARAMETER_NAMES } from "./capture/parameter-names.js";
import { traceGenerator } from "./capture/stream.js";
import { callTraced } from "./capture/traced-call.js";
import { validateTraceOptions } from "./capture/trace-options.js";

export { PARAMETER_NAMES };

export interface SiteOptions {
  name: string;
  parameterNames: readonly string[];
  spanType?: string;
  attributes?: Record<string, unknown>;
  captureInputs?: boolean;
  captureOutputs?: boolean;
  /** Recorded as span attributes `code.file.path` and `code.line.number`. */
  file?: string;
  line?: number;
}

/** An opaque, prepared call site. */
export type TraceSite = CallSite & { readonly __tracedSite: true };

const SITE_KEYS = ["name", "parameterNames", "spanType", "attributes", "captureInputs", "captureOutputs", "file", "line"] as const;

/** `options` may also be their JSON text, which is what the transformer emits (one string literal per site). */
export function defineSite(options: SiteOptions | string): TraceSite {
  if (typeof options === "string") options = parseSiteJson(options);
  const where = `@traced ${typeof options?.name === "string" ? options.name : ""}`.trim();
  if (typeof options !== "object" || options === null) throw new TracedUsageError(`${where}: expected site options, got ${describeValue(options)}`);
  checkKnownKeys(options, SITE_KEYS, where);
  const { parameterNames, file, line, ...traceOptions } = options;
  if (!Array.isArray(parameterNames) || !parameterNames.every((n) => typeof n === "string")) {
    throw new TracedUsageError(`${where}: parameterNames must be an array of strings`);
  }
  if (file !== undefined && typeof file !== "string") throw new TracedUsageError(`${where}: file must be a string`);
  if (line !== undefined && !Number.isInteger(line)) throw new TracedUsageError(`${where}: line must be an integer`);
  const validated = validateTraceOptions(traceOptions, where);
  const location: Record<string, unknown> = {};
  if (file !== undefined) location["code.file.path"] = file;
  if (line !== undefined) location["code.line.number"] = line;
  return createCallSite(validated, {
    name: options.name,
    params: parameterNames.map((name) => ({ name, rest: false })),
    aligned: true,
    attributes: location,
  }) as TraceSite;
}

function parseSiteJson(text: string): SiteOptions {
  try {
    return JSON.parse(text) as SiteOptions;
  } catch {
    throw new TracedUsageError(`@traced: site options are not valid JSON: ${describeValue(text)}`);
  }
}

/** Runs a tagged function's body inside its span (sync stays sync; promises end the span when settled). */
export function invoke<R>(site: TraceSite, args: readonly unknown[], body: () => R): R {
  return callTraced(site, args, body, undefined);
}

export function invokeGenerator<T, R, N>(site: TraceSite, args: readonly unknown[], generator: Generator<T, R, N>): Generator<T, R, N> {
  return traceGenerator(site, args, generator);
}

export function invokeAsyncGenerator<T, R, N>(site: TraceSite, args: readonly unknown[], generator: AsyncGenerator<T, R, N>): AsyncGenerator<T, R, N> {
  return traceGenerator(site, args, generator);
}

/**
 * Records parameter names on a method for `@trace` (place it below `@trace`). Works as a
 * stage-3 decorator and as a legacy one.
 */
export function parameterNames(...names: string[]): any {
  return (target: unknown, context: unknown, descriptor?: PropertyDescriptor) => {
    const method = typeof target === "function" && typeof context === "object" ? target : descriptor?.value;
    if (typeof method === "function") Object.defineProperty(method, PARAMETER_NAMES, { value: names, configurable: true });
    return typeof context === "object" ? undefined : descriptor;
  };
}

