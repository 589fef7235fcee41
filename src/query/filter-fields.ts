/**
 * What each filter key means and which comparators it accepts, after MLflow's search_traces:
 * `trace.` (alias `attribute.`/`attributes.`, or no prefix), `tag.`, `metadata.`, `span.`,
 * `feedback.`, `expectation.`. A key that does not exist, or an operator or value it does
 * not accept, is an error pointing at that token.
 */
import { FilterError } from "./filter-error.js";
import { type Comparator, type Comparison, type FilterValue } from "./filter-parser.js";
import { RlikePatternError, compileRlike } from "./rlike-pattern.js";

export type TraceColumn = "request_time_ms" | "execution_time_ms" | "end_time_ms" | "state" | "trace_id" | "client_request_id";
export type SpanColumn = "name" | "span_type" | "status_code";

export type Target =
  | { readonly kind: "trace"; readonly column: TraceColumn }
  | { readonly kind: "tag" | "metadata"; readonly key: string }
  | { readonly kind: "span"; readonly column: SpanColumn }
  | { readonly kind: "spanAttribute"; readonly key: string }
  | { readonly kind: "text" }
  /** A number inside the trace's cost metadata (`mlflow.trace.cost`), e.g. its total_cost. */
  | { readonly kind: "cost"; readonly field: "input_cost" | "output_cost" | "total_cost" }
  | { readonly kind: "assessment"; readonly assessmentKind: "feedback" | "expectation"; readonly name: string };

export interface Condition {
  readonly target: Target;
  readonly comparator: Comparator;
  readonly value: FilterValue;
}

const NUMERIC: readonly Comparator[] = ["=", "!=", "<", "<=", ">", ">="];
const STRING_WITH_LISTS: readonly Comparator[] = ["=", "!=", "LIKE", "ILIKE", "RLIKE", "IN", "NOT IN"];
const STRING: readonly Comparator[] = ["=", "!=", "LIKE", "ILIKE", "RLIKE"];
const PATTERN_ONLY: readonly Comparator[] = ["LIKE", "ILIKE"];
const ASSESSMENT: readonly Comparator[] = [...STRING_WITH_LISTS, "<", "<=", ">", ">="];

interface FieldRule {
  readonly target: Target;
  readonly comparators: readonly Comparator[];
  /** What the value must be: numbers for times, strings (or string lists) for the rest. */
  readonly values: "number" | "string" | "any";
}

const PREFIXES: Record<string, "trace" | "tag" | "metadata" | "span" | "feedback" | "expectation"> = {
  trace: "trace",
  attribute: "trace",
  attributes: "trace",
  tag: "tag",
  tags: "tag",
  metadata: "metadata",
  request_metadata: "metadata",
  span: "span",
  feedback: "feedback",
  expectation: "expectation",
};

const TRACE_KEYS: Record<string, FieldRule> = {
  timestamp_ms: { target: { kind: "trace", column: "request_time_ms" }, comparators: NUMERIC, values: "number" },
  timestamp: { target: { kind: "trace", column: "request_time_ms" }, comparators: NUMERIC, values: "number" },
  execution_time_ms: { target: { kind: "trace", column: "execution_time_ms" }, comparators: NUMERIC, values: "number" },
  execution_time: { target: { kind: "trace", column: "execution_time_ms" }, comparators: NUMERIC, values: "number" },
  end_time_ms: { target: { kind: "trace", column: "end_time_ms" }, comparators: NUMERIC, values: "number" },
  status: { target: { kind: "trace", column: "state" }, comparators: STRING_WITH_LISTS, values: "string" },
  request_id: { target: { kind: "trace", column: "trace_id" }, comparators: STRING_WITH_LISTS, values: "string" },
  client_request_id: { target: { kind: "trace", column: "client_request_id" }, comparators: STRING_WITH_LISTS, values: "string" },
  name: { target: { kind: "tag", key: "mlflow.traceName" }, comparators: STRING_WITH_LISTS, values: "string" },
  run_id: { target: { kind: "metadata", key: "mlflow.sourceRun" }, comparators: STRING_WITH_LISTS, values: "string" },
  text: { target: { kind: "text" }, comparators: PATTERN_ONLY, values: "string" },
  // traced's extension (MLflow's grammar has no cost key): the summed cost in USD.
  cost: { target: { kind: "cost", field: "total_cost" }, comparators: NUMERIC, values: "number" },
  total_cost: { target: { kind: "cost", field: "total_cost" }, comparators: NUMERIC, values: "number" },
  input_cost: { target: { kind: "cost", field: "input_cost" }, comparators: NUMERIC, values: "number" },
  output_cost: { target: { kind: "cost", field: "output_cost" }, comparators: NUMERIC, values: "number" },
};

const SPAN_KEYS: Record<string, FieldRule> = {
  name: { target: { kind: "span", column: "name" }, comparators: STRING_WITH_LISTS, values: "string" },
  type: { target: { kind: "span", column: "span_type" }, comparators: STRING_WITH_LISTS, values: "string" },
  status: { target: { kind: "span", column: "status_code" }, comparators: STRING_WITH_LISTS, values: "string" },
};

/** The keys a user may write, for error messages. */
export const FILTER_KEYS_HELP =
  "trace.timestamp_ms, trace.execution_time_ms, trace.end_time_ms, trace.status, trace.request_id, trace.client_request_id, " +
  "trace.name, trace.run_id, trace.text, trace.cost (USD), trace.input_cost, trace.output_cost, tag.<key>, metadata.<key>, span.name, span.type, span.status, span.attributes.<key>, " +
  "feedback.<name>, expectation.<name>";

export function resolveCondition(comparison: Comparison, filter: string): Condition {
  const { key, comparator, value } = comparison;
  const keyError = (message: string): never => {
    throw new FilterError(message, filter, key.position, key.text);
  };
  const rule = ruleFor(key.segments, keyError);
  if (!rule.comparators.includes(comparator)) {
    const t = comparison.comparatorToken;
    throw new FilterError(`${key.text} does not support ${comparator} (it supports ${rule.comparators.join(", ")})`, filter, t.position, t.text);
  }
  const v = comparison.valueToken;
  if (rule.values === "number" && value.kind !== "number") {
    const unit = rule.target.kind === "cost" ? "USD" : "milliseconds";
    throw new FilterError(`${key.text} compares with a number (${unit}), written without quotes`, filter, v.position, v.text);
  }
  if (rule.values === "string" && value.kind === "number") {
    throw new FilterError(`${key.text} compares with a quoted string`, filter, v.position, v.text);
  }
  if (value.kind === "number" && ["LIKE", "ILIKE", "RLIKE"].includes(comparator)) {
    throw new FilterError(`${comparator} compares with a quoted pattern`, filter, v.position, v.text);
  }
  if (value.kind === "number" && !Number.isFinite(value.value)) {
    throw new FilterError("Number out of range", filter, v.position, v.text);
  }
  if (comparator === "RLIKE" && value.kind === "string") {
    try {
      compileRlike(value.value);
    } catch (error) {
      const prefix = error instanceof RlikePatternError && error.construct ? "" : "Invalid regular expression: ";
      throw new FilterError(`${prefix}${(error as Error).message}`, filter, v.position, v.text);
    }
  }
  const numericOrdering = ["<", "<=", ">", ">="].includes(comparator);
  if (rule.target.kind === "assessment" && numericOrdering && value.kind !== "number") {
    throw new FilterError(`${comparator} on an assessment compares with a number`, filter, v.position, v.text);
  }
  return { target: rule.target, comparator, value: normalizeValue(rule.target, value) };
}

function ruleFor(segments: readonly string[], keyError: (message: string) => never): FieldRule {
  if (segments.length === 1) return traceRule(segments[0]!, keyError);
  const prefix = PREFIXES[segments[0]!.toLowerCase()];
  const rest = segments.slice(1).join(".");
  switch (prefix) {
    case "trace":
      return traceRule(rest, keyError);
    case "tag":
      return { target: { kind: "tag", key: rest }, comparators: STRING, values: "string" };
    case "metadata":
      return { target: { kind: "metadata", key: rest }, comparators: STRING, values: "string" };
    case "span": {
      if (segments[1]!.toLowerCase() === "attributes" || segments[1]!.toLowerCase() === "attribute") {
        const attribute = segments.slice(2).join(".");
        if (!attribute) keyError("span.attributes needs a key (span.attributes.<key>)");
        return { target: { kind: "spanAttribute", key: attribute }, comparators: STRING_WITH_LISTS, values: "string" };
      }
      const rule = SPAN_KEYS[rest.toLowerCase()];
      return rule ?? keyError(`Unknown span key "${rest}" (span.name, span.type, span.status or span.attributes.<key>)`);
    }
    case "feedback":
    case "expectation":
      return { target: { kind: "assessment", assessmentKind: prefix, name: rest }, comparators: ASSESSMENT, values: "any" };
    default:
      return keyError(`Unknown key prefix "${segments[0]}" (expected one of: ${FILTER_KEYS_HELP})`);
  }
}

function traceRule(key: string, keyError: (message: string) => never): FieldRule {
  const rule = TRACE_KEYS[key.toLowerCase()];
  if (rule) return rule;
  if (key.toLowerCase() === "state") keyError('Unknown key "state": the trace state is filtered as trace.status (as in MLflow)');
  return keyError(`Unknown trace key "${key}" (expected one of: ${FILTER_KEYS_HELP})`);
}

/** Span status codes are stored as OK / ERROR / UNSET; accept MLflow's STATUS_CODE_ spelling too. */
function normalizeValue(target: Target, value: FilterValue): FilterValue {
  if (target.kind !== "span" || target.column !== "status_code") return value;
  const strip = (text: string) => text.replace(/^STATUS_CODE_/i, "");
  if (value.kind === "string") return { kind: "string", value: strip(value.value) };
  if (value.kind === "list") return { kind: "list", values: value.values.map(strip) };
  return value;
}
