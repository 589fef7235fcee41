import { checkKnownKeys, describeValue, TracedUsageError } from "../../config/errors.js";
import { type SpanTypeName } from "../../model/span-type.js";

/** Which SDK method a span is for, as the naming options see it. */
export interface TracedMethod {
  /** The method's path on the client, e.g. `chat.completions.create`. */
  readonly method: string;
  /** traced's default span name, e.g. `Completions.create`. */
  readonly defaultName: string;
  readonly defaultSpanType: string;
}

/** Options every SDK integration takes (`tracedOpenAI(client, options)`, `autolog(options)` …). */
export interface IntegrationOptions {
  /** `false` records no inputs; a function records what it returns instead of the request parameters. */
  captureInputs?: boolean | ((request: unknown) => unknown);
  /** `false` records no outputs; a function records what it returns instead of the response. */
  captureOutputs?: boolean | ((response: unknown) => unknown);
  /** The span name, or a function of the method giving it; default `<Resource>.<method>`. */
  spanName?: string | ((method: TracedMethod) => string);
  /** The span type, or a function of the method giving it; default `CHAT_MODEL` (`EMBEDDING` for embeddings). */
  spanType?: SpanTypeName | ((method: TracedMethod) => SpanTypeName);
  /** Record each stream chunk as a `mlflow.chunk.item.<i>` span event, as MLflow's Python autolog does. Default false. */
  streamChunkEvents?: boolean;
}

const KEYS = ["captureInputs", "captureOutputs", "spanName", "spanType", "streamChunkEvents"] as const;

/** Checks options where they are passed, so a mistake fails there and names the key. */
export function validateIntegrationOptions<O extends IntegrationOptions>(options: unknown, where: string, extraKeys: readonly string[] = []): O {
  if (options === undefined) return {} as O;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TracedUsageError(`${where}: options must be an object, got ${describeValue(options)}`);
  }
  checkKnownKeys(options, [...KEYS, ...extraKeys], where);
  const value = options as Record<string, unknown>;
  const fail = (key: string, expected: string) => {
    throw new TracedUsageError(`${where}: "${key}" must be ${expected}, got ${describeValue(value[key])}`);
  };
  for (const key of ["captureInputs", "captureOutputs"]) {
    if (value[key] !== undefined && typeof value[key] !== "boolean" && typeof value[key] !== "function") fail(key, "a boolean or a function");
  }
  for (const key of ["spanName", "spanType"]) {
    const v = value[key];
    if (v !== undefined && typeof v !== "function" && (typeof v !== "string" || v === "")) fail(key, "a non-empty string or a function");
  }
  if (value.streamChunkEvents !== undefined && typeof value.streamChunkEvents !== "boolean") fail("streamChunkEvents", "a boolean");
  return options as O;
}

/** `autolog()`'s options: the span options, and `disable` to undo it. */
export interface AutologOptions extends IntegrationOptions {
  /** `true` undoes `autolog()`: clients made from then on, and existing ones, are no longer traced. */
  disable?: boolean;
}

/** Checks `autolog()`'s options: whether it is to be undone, and the options for the spans. */
export function validateAutologOptions(options: unknown, where: string): { disable: boolean; options: IntegrationOptions } {
  const { disable, ...integration } = validateIntegrationOptions<AutologOptions>(options, where, ["disable"]);
  if (disable !== undefined && typeof disable !== "boolean") throw new TracedUsageError(`${where}: "disable" must be a boolean, got ${describeValue(disable)}`);
  return { disable: disable === true, options: integration };
}
