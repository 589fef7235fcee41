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
    aligned: defaults.aligned ?? false,
    captureInputs: options.captureInputs ?? true,
    captureOutputs: options.captureOutputs ?? true,
    outputReducer: options.outputReducer,
  };
}

/** Runs a user-supplied transform; if it throws, the app carries on and the value is marked. */
function transformed<T>(transform: (value: T) => unknown, value: T, what: string): unknown {
  try {
    return transform(value);
  } catch (error) {
    diagnostics.reportOnce(`${what}-transform-failed`, `The ${what} transform threw; a marker was recorded instead`, error);
    return MARK.unserializable(`${what} transform threw`);
  }
}

/** The call's inputs as JSON text, named by parameter; undefined when inputs are not captured. */
export function captureInputs(site: CallSite, args: ArrayLike<unknown>): string | undefined {
  const capture = site.captureInputs;
  if (capture === false) return undefined;
  const params = site.params;
  let inputs: Record<string, unknown>;
  if (params === undefined || (params.length === 0 && args.length !== 0)) {
    inputs = { args: Array.prototype.slice.call(args) };
  } else {
    // A null prototype: a parameter may legally be called `__proto__`.
    inputs = Object.create(null) as Record<string, unknown>;
    for (let i = 0; i < params.length; i++) {
      const param = params[i]!;
      if (param.rest && !site.aligned) inputs[param.name] = Array.prototype.slice.call(args, i);
      else if (i < args.length) inputs[param.name] = args[i];
    }
  }
  return serialize(typeof capture === "function" ? transformed(capture, inputs, "captureInputs") : inputs, config);
}

export function captureOutputs(site: CallSite, output: unknown): string | undefined {
  const capture = site.captureOutputs;
  if (capture === false) return undefined;
  return serialize(typeof capture === "function" ? transformed(capture, output, "captureOutputs") : output, config);
}
