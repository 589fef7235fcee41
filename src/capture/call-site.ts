import { config, diagnostics } from "../config/registry.js";
import { SpanType } from "../model/span-type.js";
import { MARK, serialize } from "../processing/serialize.js";
import { type ParameterInfo } from "./parameter-names.js";
import { type TraceOptions } from "./trace-options.js";

/** Everything about a traced function that does not change between calls, prepared once. */
export interface CallSite {
  readonly name: string;
  readonly spanType: string;
  /** Static attributes, already JSON text; shared by all spans until one writes its own. */
  readonly staticAttributes: Record<string, string> | undefined;
  readonly params: readonly ParameterInfo[] | undefined;
  /** `"name":` for each parameter: inputs JSON is assembled from these without a wrapper object. */
  readonly keyPrefixes: readonly string[] | undefined;
  /** True when call arguments arrive aligned with `params` (rest values already arrays). */
  readonly aligned: boolean;
  readonly captureInputs: TraceOptions["captureInputs"];
  readonly captureOutputs: TraceOptions["captureOutputs"];
  readonly outputReducer: TraceOptions["outputReducer"];
}

export function createCallSite(
  options: TraceOptions,
  defaults: { name: string; params: readonly ParameterInfo[] | undefined; aligned?: boolean; attributes?: Record<string, unknown> },
): CallSite {
  const attributes = { ...defaults.attributes, ...options.attributes };
  const keys = Object.keys(attributes);
  let staticAttributes: Record<string, string> | undefined;
  if (keys.length !== 0) {
    staticAttributes = {};
    for (const key of keys) staticAttributes[key] = serialize(attributes[key], config);
  }
  return {
    name: options.name ?? defaults.name,
    spanType: options.spanType ?? SpanType.UNKNOWN,
    staticAttributes,
    params: defaults.params,
    keyPrefixes: defaults.params?.map((param) => JSON.stringify(param.name) + ":"),
    aligned: defaults.aligned ?? false,
    captureInputs: options.captureInputs ?? true,
    captureOutputs: options.captureOutputs ?? true,
    outputReducer: options.outputReducer,
  };
}

/** Runs a user-supplied transform; if it throws, the app carries on and the value is marked. */
export function transformed<T>(transform: (value: T) => unknown, value: T, what: string): unknown {
  try {
    return transform(value);
  } catch (error) {
    diagnostics.reportOnce(`${what}-transform-failed`, `The ${what} transform threw; a marker was recorded instead`, error);
    return MARK.unserializable(`${what} transform threw`);
  }
}

/** The value of parameter `i`: the argument, or for a rest parameter the remaining arguments. */
function argumentFor(site: CallSite, param: ParameterInfo, args: ArrayLike<unknown>, i: number): unknown {
  return param.rest && !site.aligned ? Array.prototype.slice.call(args, i) : args[i];
}

/** The named inputs as an object, for a user transform (a `__proto__` parameter stays a key). */
function inputsObject(site: CallSite, params: readonly ParameterInfo[], args: ArrayLike<unknown>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (let i = 0; i < params.length; i++) {
    if (i >= args.length && !(params[i]!.rest && !site.aligned)) continue;
    Object.defineProperty(inputs, params[i]!.name, { value: argumentFor(site, params[i]!, args, i), enumerable: true, writable: true, configurable: true });
  }
  return inputs;
}

/**
 * The call's inputs as JSON text, named by parameter; undefined when inputs are not
 * captured. Assembled from each argument's JSON and the site's precomputed `"name":`
 * prefixes: no wrapper object, so the common case is one native stringify per argument.
 */
export function captureInputs(site: CallSite, args: ArrayLike<unknown>): string | undefined {
  const capture = site.captureInputs;
  if (capture === false) return undefined;
  const params = site.params;
  if (params === undefined || (params.length === 0 && args.length !== 0)) {
    const inputs = { args: Array.prototype.slice.call(args) };
    return serialize(typeof capture === "function" ? transformed(capture, inputs, "captureInputs") : inputs, config);
  }
  if (typeof capture === "function") return serialize(transformed(capture, inputsObject(site, params, args), "captureInputs"), config);
  const prefixes = site.keyPrefixes!;
  let json = "{";
  for (let i = 0; i < params.length; i++) {
    // A rest parameter is always recorded (`[]` when no arguments are left), as it would be bound.
    const value = i < args.length || (params[i]!.rest && !site.aligned) ? argumentFor(site, params[i]!, args, i) : undefined;
    if (value === undefined) continue; // as JSON leaves out undefined members
    json += (json.length === 1 ? "" : ",") + prefixes[i] + serialize(value, config);
  }
  json += "}";
  // Each argument fits the cap on its own; together they may not, so let the walker share it out.
  return json.length <= config.maxCaptureChars ? json : serialize(inputsObject(site, params, args), config);
}

export function captureOutputs(site: CallSite, output: unknown): string | undefined {
  const capture = site.captureOutputs;
  if (capture === false) return undefined;
  return serialize(typeof capture === "function" ? transformed(capture, output, "captureOutputs") : output, config);
}
