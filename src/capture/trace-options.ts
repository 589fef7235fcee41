import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import { type SpanTypeName } from "../model/span-type.js";

/** True for `any`, which would otherwise satisfy both branches of a conditional type. */
type IsAny<T> = 0 extends 1 & T ? true : false;

/**
 * The item type a traced function streams: what its generator (or the generator object it
 * returns) yields. `any` when the function is not known to stream, so any reducer fits.
 */
export type StreamChunk<F> = F extends (...args: any[]) => infer R
  ? IsAny<R> extends true
    ? any
    : [R] extends [Generator<infer T, any, any> | AsyncGenerator<infer T, any, any>]
      ? T
      : any
  : any;

/** What a method must return for a reducer of `Chunk[]`: a stream of `Chunk`, or anything when untyped. */
export type StreamOf<Chunk> = unknown extends Chunk ? any : Generator<Chunk, any, any> | AsyncGenerator<Chunk, any, any>;

/** The options every form of `trace` takes, apart from `outputReducer`. */
export interface TraceOptionsBase {
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
}

/**
 * Options of `trace(fn, options)`. Generic over the traced function so that `outputReducer`
 * receives the stream's own item type (`string[]` for a generator of strings).
 */
export interface TraceOptions<F = any> extends TraceOptionsBase {
  /** For generators and streams: turns the list of yielded chunks into the span's outputs. */
  outputReducer?: (chunks: StreamChunk<F>[]) => unknown;
}

/**
 * Options of `@trace(options)`. The method is not known when the options are written, so the
 * chunk type comes from the reducer's own annotation and is checked against the method.
 */
export interface MethodTraceOptions<Chunk = any> extends TraceOptionsBase {
  /** For generator methods: turns the list of yielded chunks into the span's outputs. */
  outputReducer?: (chunks: Chunk[]) => unknown;
  /** Never set: keeps a function from passing for an options object (functions have a `name`). */
  apply?: never;
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
