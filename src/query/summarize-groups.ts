/**
 * The rankings of a summary: models and span names (counting spans that started in the
 * range, of traces matching the filter), tag and metadata values (counting traces). For the
 * whole hours of an unfiltered range, spans are read from `span_rollup` (sums per hour, name
 * and model, kept by triggers): a few rows an hour however many spans there are. The rest
 * (part hours at the ends, or any filtered range) is read from `span_facts`. Tag values
 * are read the same way, from `tag_rollup` and the tag rows.
 */
import { type TraceDatabase } from "../store/database.js";
import { MAX_SPANS_PER_TRACE } from "../store/schema.js";
import { HOUR_MS } from "../store/summary-schema.js";
import { type ResolvedSummaryOptions } from "./summarize-options.js";
import { wholeHours, type TraceScope } from "./summarize-series.js";
import { type SummaryGroup, type SummaryGroupRow } from "./summarize-types.js";

/** Sums of one group value: what SQL groups, and what a tracking server's traces are counted into. */
export interface GroupSqlRow {
  value: string;
  count: number;
  errors: number;
  timed: number;
  duration_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  priced: number;
  cost: number | null;
}

const NS_PER_MS = 1_000_000n;
const CLOCK_SKEW_MS = 60_000;

function toGroupRow(row: GroupSqlRow): SummaryGroupRow {
  return {
    value: String(row.value),
    count: row.count,
    errors: row.errors,
    errorRate: row.count === 0 ? 0 : row.errors / row.count,
    avgLatencyMs: row.timed > 0 ? Math.round(((row.duration_ms ?? 0) / row.timed) * 10) / 10 : null,
    inputTokens: row.input_tokens ?? 0,
    outputTokens: row.output_tokens ?? 0,
    cost: Math.round((row.cost ?? 0) * 1e9) / 1e9,
    priced: row.priced,
  };
}

export function ranked(key: string, unit: SummaryGroup["unit"], rows: GroupSqlRow[], limit: number): SummaryGroup {
  const all = rows.map(toGroupRow);
  const top = (score: (row: SummaryGroupRow) => number, keep: (row: SummaryGroupRow) => boolean) =>
    all
      .filter(keep)
      .sort((a, b) => score(b) - score(a) || b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, limit);
  return {
    key,
    unit,
    distinct: all.length,
    byCost: top((row) => row.cost, (row) => row.priced > 0),
    byLatency: top((row) => row.avgLatencyMs ?? 0, (row) => row.avgLatencyMs !== null),
    byErrors: top((row) => row.errors, (row) => row.errors > 0),
  };
}

/** Span sums per (name, model): `value` is the name. */
interface SpanSqlRow extends GroupSqlRow {
  model: string;
}

const SPAN_SUMS = `count(*) AS count, sum(c.is_error) AS errors, count(c.duration_ms) AS timed, sum(c.duration_ms) AS duration_ms,
  sum(c.input_tokens) AS input_tokens, sum(c.output_tokens) AS output_tokens, count(c.cost) AS priced, sum(c.cost) AS cost`;

function exactSpanRows(db: TraceDatabase, fromMs: number, toMs: number, scope: TraceScope): SpanSqlRow[] {
  if (fromMs >= toMs) return [];
  const spanRange = [BigInt(fromMs) * NS_PER_MS, BigInt(toMs) * NS_PER_MS];
  if (scope.filtered) {
    // The filter picks the traces, then their spans are read as one row-id range each. A span
    // starts within its trace, so traces that started up to the longest duration before the
    // range hold every span starting in it (plus a minute for other hosts' clocks).
    const longest = db.prepare<[], number | null>("SELECT max(execution_time_ms) FROM traces").pluck().get() ?? 0;
    const sql = `SELECT c.name AS value, c.model AS model, ${SPAN_SUMS}
      FROM traces t JOIN span_facts c ON c.span_row >= t.trace_row * ${MAX_SPANS_PER_TRACE} AND c.span_row < (t.trace_row + 1) * ${MAX_SPANS_PER_TRACE}
      WHERE t.request_time_ms >= ? AND t.request_time_ms < ? AND +c.start_time_ns >= ? AND +c.start_time_ns < ?${scope.where}
      GROUP BY c.name, c.model`;
    return db.prepare<unknown[], SpanSqlRow>(sql).all(fromMs - longest - CLOCK_SKEW_MS, toMs + CLOCK_SKEW_MS, ...spanRange, ...scope.params);
  }
  const sql = `SELECT c.name AS value, c.model AS model, ${SPAN_SUMS}
    FROM span_facts c WHERE c.start_time_ns >= ? AND c.start_time_ns < ?
    GROUP BY c.name, c.model`;
  return db.prepare<unknown[], SpanSqlRow>(sql).all(...spanRange);
}

function rollupSpanRows(db: TraceDatabase, first: number, end: number): SpanSqlRow[] {
  const sql = `SELECT name AS value, model, sum(spans) AS count, sum(errors) AS errors, sum(timed) AS timed, sum(duration_ms) AS duration_ms,
      sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(priced) AS priced, sum(cost) AS cost
    FROM span_rollup WHERE hour >= ? AND hour < ? GROUP BY name, model`;
  return db.prepare<unknown[], SpanSqlRow>(sql).all(first, end);
}

/** Rows summed per `keyOf(row)`, which becomes their value. */
function mergedBy<R extends GroupSqlRow>(rows: readonly R[], keyOf: (row: R) => string): GroupSqlRow[] {
  const byValue = new Map<string, GroupSqlRow>();
  for (const row of rows) {
    const value = keyOf(row);
    const into = byValue.get(value);
    if (into === undefined) {
      byValue.set(value, { ...row, value });
      continue;
    }
    into.count += row.count;
    into.errors += row.errors;
    into.timed += row.timed;
    into.priced += row.priced;
    into.duration_ms = (into.duration_ms ?? 0) + (row.duration_ms ?? 0);
    into.input_tokens = (into.input_tokens ?? 0) + (row.input_tokens ?? 0);
    into.output_tokens = (into.output_tokens ?? 0) + (row.output_tokens ?? 0);
    into.cost = (into.cost ?? 0) + (row.cost ?? 0);
  }
  return [...byValue.values()];
}

/**
 * Span sums per (name, model) over the range, read once for both rankings: from the rollup
 * for the whole hours of an unfiltered range, from span_facts for the rest.
 */
function spanRows(db: TraceDatabase, options: ResolvedSummaryOptions, scope: TraceScope): SpanSqlRow[] {
  const { fromMs, toMs } = options;
  const hours = scope.filtered ? undefined : wholeHours(fromMs, toMs);
  if (hours === undefined) return exactSpanRows(db, fromMs, toMs, scope);
  return [
    ...exactSpanRows(db, fromMs, hours.first * HOUR_MS, scope),
    ...rollupSpanRows(db, hours.first, hours.end),
    ...exactSpanRows(db, hours.end * HOUR_MS, toMs, scope),
  ];
}

function exactKeyValueRows(
  db: TraceDatabase,
  table: "trace_tags" | "trace_metadata",
  key: string,
  fromMs: number,
  toMs: number,
  scope: TraceScope,
): GroupSqlRow[] {
  if (fromMs >= toMs) return [];
  const sql = `SELECT g.value AS value, count(*) AS count, sum(f.is_error) AS errors, count(f.duration_ms) AS timed, sum(f.duration_ms) AS duration_ms,
      sum(f.input_tokens) AS input_tokens, sum(f.output_tokens) AS output_tokens, count(f.cost) AS priced, sum(f.cost) AS cost
    FROM ${table} g JOIN trace_facts f ON f.trace_row = g.trace_row${scope.filtered ? " JOIN traces t ON t.trace_row = g.trace_row" : ""}
    WHERE g.key = ? AND f.request_time_ms >= ? AND f.request_time_ms < ?${scope.where}
    GROUP BY g.value`;
  return db.prepare<unknown[], GroupSqlRow>(sql).all(key, fromMs, toMs, ...scope.params);
}

function rollupTagRows(db: TraceDatabase, key: string, first: number, end: number): GroupSqlRow[] {
  const sql = `SELECT value, sum(traces) AS count, sum(errors) AS errors, sum(timed) AS timed, sum(duration_ms) AS duration_ms,
      sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(priced) AS priced, sum(cost) AS cost
    FROM tag_rollup WHERE key = ? AND hour >= ? AND hour < ? GROUP BY value`;
  return db.prepare<unknown[], GroupSqlRow>(sql).all(key, first, end);
}

/**
 * Trace sums per value of a tag or metadata key. Tags are rolled up per hour (`tag_rollup`):
 * the whole hours of an unfiltered range read it, the rest reads the tag rows. Metadata is
 * not rolled up (token usage and cost are metadata too, a distinct value per trace).
 */
function keyValueGroups(db: TraceDatabase, table: "trace_tags" | "trace_metadata", key: string, options: ResolvedSummaryOptions, scope: TraceScope): GroupSqlRow[] {
  const { fromMs, toMs } = options;
  const hours = scope.filtered || table === "trace_metadata" ? undefined : wholeHours(fromMs, toMs);
  if (hours === undefined) return exactKeyValueRows(db, table, key, fromMs, toMs, scope);
  return mergedBy(
    [
      ...exactKeyValueRows(db, table, key, fromMs, hours.first * HOUR_MS, scope),
      ...rollupTagRows(db, key, hours.first, hours.end),
      ...exactKeyValueRows(db, table, key, hours.end * HOUR_MS, toMs, scope),
    ],
    (row) => String(row.value),
  );
}

export function summarizeGroups(db: TraceDatabase, options: ResolvedSummaryOptions, scope: TraceScope): SummaryGroup[] {
  let spans: SpanSqlRow[] | undefined;
  const spansOnce = () => (spans ??= spanRows(db, options, scope));
  return options.groupBy.map((key) => {
    if (key === "model") return ranked(key, "spans", mergedBy(spansOnce().filter((row) => row.model !== ""), (row) => row.model), options.limit);
    if (key === "span.name") return ranked(key, "spans", mergedBy(spansOnce(), (row) => row.value), options.limit);
    const dot = key.indexOf(".");
    const table = key.slice(0, dot) === "metadata" ? "trace_metadata" : "trace_tags";
    return ranked(key, "traces", keyValueGroups(db, table, key.slice(dot + 1), options, scope), options.limit);
  });
}

export const SPAN_GROUPS_NOTE = "Models and span names count the spans that started in the range, of the traces that match the filter; tag and metadata values count traces.";
