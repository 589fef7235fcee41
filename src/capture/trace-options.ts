import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import { type SpanTypeName } from "../model/span-type.js";

/** Options of `trace(fn, options)` and `@trace(options)`. */
export interface TraceOptions {
  /** Span name; defaults to the function's or method's name. */
  name?: string;
  /** MLflow span type (`SpanType.LLM`, …) or any custom string; default `UNKNOWN`. */
  spanType?: SpanTypeName;
  /** Static attributes put on every span of this function. */
  attributes?: Record<string, unknown>;
  /** `false` records no inputs; a function records what it returns instead of the named inputs. */
  captureInputs?: boolean | ((inputs: Record<string, unknown>) => unknown);
  /** `false` records no outputs; a function records what it returns instead of the output. */
  captureOutputs?: boolean | ((output: unknown) => unknown);
  /** For generators and streams: turns the list of yielded chunks into the span's outputs. */
  outputReducer?: (chunks: unknown[]) => unknown;
}

const KEYS = ["name", "spanType", "attributes", "captureInputs", "captureOutputs", "outputReducer"] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Checks options where they are written, so a mistake fails at decoration time, not in a call. */
export function validateTraceOptions(options: unknown, where: string): TraceOptions {
  if (options === undefined) return {};
  if (!isPlainObject(options)) throw new TracedUsageError(`${where}: options must be an object, got ${describeValue(options)}`);
  checkKnownKeys(options, KEYS, where);
  const fail = (key: string, expected: string) => {
    throw new TracedUsageError(`${where}: "${key}" must be ${expected}, got ${describeValue(options[key])}`);
  };
  const { name, spanType, attributes, captureInputs, captureOutputs, outputReducer } = options;
  if (name !== undefined && (typeof name !== "string" || name === "")) fail("name", "a non-empty string");
  if (spanType !== undefined && (typeof spanType !== "string" || spanType === "")) fail("spanType", "a non-empty string");
  if (attributes !== undefined && !isPlainObject(attributes)) fail("attributes", "a plain object");
  for (const [key, value] of [["captureInputs", captureInputs], ["captureOutputs", captureOutputs]] as const) {
    if (value !== undefined && typeof value !== "boolean" && typeof value !== "function") fail(key, "a boolean or a function");
  }
  if (outputReducer !== undefined && typeof outputReducer !== "function") fail("outputReducer", "a function");
  return options as TraceOptions;
}
