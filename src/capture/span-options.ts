import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import { type LiveSpan } from "../model/live-span.js";
import { type SpanTypeName } from "../model/span-type.js";

/** Options of the block-span functions (`withSpan`, `startSpan`, `enterSpan`). */
export interface SpanOptions {
  name: string;
  spanType?: SpanTypeName;
  inputs?: unknown;
  attributes?: Record<string, unknown>;
  /** The parent span; by default the active span, and none starts a new trace. */
  parent?: LiveSpan;
}

const KEYS = ["name", "spanType", "inputs", "attributes", "parent"] as const;

export function validateSpanOptions(value: unknown, where: string): SpanOptions {
  const options = typeof value === "string" ? { name: value } : value;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TracedUsageError(`${where}: expected a span name or an options object, got ${describeValue(value)}`);
  }
  checkKnownKeys(options, KEYS, where);
  const { name, spanType, attributes, parent } = options as Record<string, unknown>;
  if (typeof name !== "string" || name === "") throw new TracedUsageError(`${where}: "name" must be a non-empty string, got ${describeValue(name)}`);
  if (spanType !== undefined && (typeof spanType !== "string" || spanType === "")) {
    throw new TracedUsageError(`${where}: "spanType" must be a non-empty string, got ${describeValue(spanType)}`);
  }
  if (attributes !== undefined && (typeof attributes !== "object" || attributes === null || Array.isArray(attributes))) {
    throw new TracedUsageError(`${where}: "attributes" must be an object, got ${describeValue(attributes)}`);
  }
  if (parent !== undefined && (typeof parent !== "object" || parent === null || typeof (parent as LiveSpan).end !== "function")) {
    throw new TracedUsageError(`${where}: "parent" must be a span, got ${describeValue(parent)}`);
  }
  return options as SpanOptions;
}
