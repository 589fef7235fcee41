/**
 * Compiles resolved filter conditions into a SQL WHERE clause over `traces t`. Every value
 * (and every key) is a bound parameter; the only text spliced into SQL comes from the fixed
 * tables below, never from the filter.
 *
 * Operator semantics, after MLflow's SQL store: LIKE is case-sensitive (compiled to GLOB, as
 * SQLite's LIKE ignores case), ILIKE ignores (ASCII) case, RLIKE is a regular expression
 * search, run in linear time (rlike-pattern.ts says where its syntax differs from MLflow's).
 * A condition on tags, metadata, spans or assessments holds when some row matches
 * ("some span's name != 'x'"), as in MLflow.
 */
import { type Comparator, type FilterValue } from "./filter-parser.js";
import { MAX_SPANS_PER_TRACE, SPAN_ROW_BITS } from "../store/schema.js";
import { type Condition, type SpanColumn, type TraceColumn } from "./filter-fields.js";

export interface SqlFragment {
  readonly sql: string;
  readonly params: unknown[];
}

const TRACE_COLUMNS: Record<TraceColumn, string> = {
  request_time_ms: "t.request_time_ms",
  execution_time_ms: "t.execution_time_ms",
  end_time_ms: "(t.request_time_ms + t.execution_time_ms)",
  state: "t.state",
  trace_id: "t.trace_id",
  client_request_id: "t.client_request_id",
};

const SPAN_COLUMNS: Record<SpanColumn, string> = { name: "name", span_type: "span_type", status_code: "status_code" };

/** MLflow LIKE pattern (% and _) → GLOB pattern (* and ?), with GLOB's own specials made literal. */
export function likeToGlob(pattern: string): string {
  let glob = "";
  for (const ch of pattern) {
    if (ch === "%") glob += "*";
    else if (ch === "_") glob += "?";
    else if (ch === "*" || ch === "?" || ch === "[") glob += `[${ch}]`;
    else glob += ch;
  }
  return glob;
}

/** `expr <comparator> value`, appending the bound values to `params`. */
function compare(expr: string, comparator: Comparator, value: FilterValue, params: unknown[]): string {
  if (value.kind === "list") {
    params.push(...value.values);
    const marks = value.values.map(() => "?").join(", ");
    return `${expr} ${comparator === "IN" ? "IN" : "NOT IN"} (${marks})`;
  }
  switch (comparator) {
    case "LIKE":
      params.push(likeToGlob(String(value.value)));
      return `${expr} GLOB ?`;
    case "ILIKE":
      params.push(String(value.value));
      return `${expr} LIKE ?`;
    case "RLIKE":
      params.push(String(value.value));
      return `${expr} REGEXP ?`;
    default:
      params.push(value.value);
      return `${expr} ${comparator} ?`;
  }
}

/** A JSON path naming one object member, whatever characters the key holds. */
export function jsonMemberPath(key: string): string {
  return `$."${key.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

// An attribute's stored JSON text, decoded when it is a JSON string: what users compare.
const ATTRIBUTE_TEXT = "CASE WHEN json_valid(a.v) AND json_type(a.v) = 'text' THEN json_extract(a.v, '$') ELSE a.v END";

/**
 * A condition on a child table (spans, tags, metadata, assessments) compiles two ways:
 * - "drive": `t.trace_row IN (SELECT …)` — SQLite reads the matching child rows through
 *   their index first; best when few rows match;
 * - "probe": `EXISTS (… WHERE <this trace> …)` — traces are walked in result order and each
 *   is checked; best when many match, since the walk stops once the page is full.
 */
export type Strategy = "drive" | "probe";

/** The rowid range holding the spans of the outer query's trace (see store/schema.ts). */
function spansOfTrace(): string {
  return `span_row >= t.trace_row * ${MAX_SPANS_PER_TRACE} AND span_row < (t.trace_row + 1) * ${MAX_SPANS_PER_TRACE}`;
}

// In probe form the row lookup must go through the trace's own rows (the rowid range of its
// spans, the (trace_row, key) key of tags): without statistics SQLite may otherwise pick the
// index on the compared column and scan it once per trace.
const PROBE_SOURCE: Record<string, string> = {
  spans: "spans NOT INDEXED",
  trace_tags: "trace_tags NOT INDEXED",
  trace_metadata: "trace_metadata NOT INDEXED",
  assessments: "assessments INDEXED BY assessments_by_trace",
};

function childSql(table: string, keyColumn: string, match: string, strategy: Strategy): string {
  if (strategy === "drive") return `t.trace_row IN (SELECT ${keyColumn} FROM ${table} WHERE ${match})`;
  const own = table === "spans" ? spansOfTrace() : "trace_row = t.trace_row";
  return `EXISTS (SELECT 1 FROM ${PROBE_SOURCE[table]} WHERE ${own} AND ${match})`;
}

/** The part of a child-table condition that selects rows, and the table: what a selectivity estimate counts. */
export function childMatch(condition: Condition, params: unknown[]): { table: string; keyColumn: string; match: string } | undefined {
  const { target, comparator, value } = condition;
  switch (target.kind) {
    case "tag":
    case "metadata":
      params.push(target.key);
      return {
        table: target.kind === "tag" ? "trace_tags" : "trace_metadata",
        keyColumn: "trace_row",
        match: `key = ? AND ${compare("value", comparator, value, params)}`,
      };
    case "cost":
      params.push("mlflow.trace.cost", `$.${target.field}`);
      return {
        table: "trace_metadata",
        keyColumn: "trace_row",
        // A hand-written value that is not JSON never matches (json_extract would raise on it).
        match: `key = ? AND ${compare("CASE WHEN json_valid(value) THEN CAST(json_extract(value, ?) AS REAL) END", comparator, value, params)}`,
      };
    case "span":
      return { table: "spans", keyColumn: `span_row >> ${SPAN_ROW_BITS}`, match: compare(SPAN_COLUMNS[target.column], comparator, value, params) };
    case "assessment": {
      params.push(target.assessmentKind, target.name);
      const valueMatch =
        value.kind === "number"
          ? `json_type(value_json) IN ('integer', 'real') AND ${compare("CAST(value_json AS REAL)", comparator, value, params)}`
          : compare("value_text", comparator, value, params);
      return { table: "assessments", keyColumn: "trace_row", match: `kind = ? AND name = ? AND (valid IS NULL OR valid = 1) AND ${valueMatch}` };
    }
    default:
      return undefined;
  }
}

function conditionSql(condition: Condition, params: unknown[], strategy: Strategy): string {
  const { target, comparator, value } = condition;
  switch (target.kind) {
    case "trace":
      return compare(TRACE_COLUMNS[target.column], comparator, value, params);
    case "spanAttribute": {
      // No index can serve this: always probe, so a dense match stops early. For `=` with a
      // plain string, a substring test on the raw JSON skips most spans before any parsing.
      params.push(jsonMemberPath(target.key));
      const plain = value.kind === "string" && comparator === "=" && /^[\x20-\x7e]*$/.test(value.value) && !/["\\]/.test(value.value);
      if (plain) params.push(value.value);
      const spans = `SELECT json_extract(attributes, ?) AS v FROM spans NOT INDEXED WHERE ${spansOfTrace()}${plain ? " AND instr(attributes, ?) > 0" : ""}`;
      return `EXISTS (SELECT 1 FROM (${spans}) a WHERE a.v IS NOT NULL AND ${compare(ATTRIBUTE_TEXT, comparator, value, params)})`;
    }
    case "text": {
      const parts = ["t.request_preview", "t.response_preview"].map((column) => compare(column, comparator, value, params));
      const spanParts = ["name", "attributes"].map((column) => compare(column, comparator, value, params));
      return `(${parts.join(" OR ")} OR EXISTS (SELECT 1 FROM spans NOT INDEXED WHERE ${spansOfTrace()} AND (${spanParts.join(" OR ")})))`;
    }
    default: {
      const child = childMatch(condition, params)!;
      return childSql(child.table, child.keyColumn, child.match, strategy);
    }
  }
}

/** The WHERE clause (without the keyword) for all conditions, joined by AND; empty when none. */
export function compileConditions(
  conditions: readonly Condition[],
  strategyFor: (condition: Condition) => Strategy = () => "drive",
): SqlFragment {
  const params: unknown[] = [];
  const clauses = conditions.map((condition) => conditionSql(condition, params, strategyFor(condition)));
  return { sql: clauses.join(" AND "), params };
}
