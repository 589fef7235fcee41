/**
 * The per-interval numbers of a summary: traces counted per (interval, latency bin). When the
 * interval is a whole number of hours, rows are per hour — read from `trace_rollup` for the
 * whole hours of an unfiltered range, else grouped from `trace_facts` by its stored hour
 * (the order of its index: nothing sorted) — and hours are added up into intervals here.
 * Shorter intervals group trace_facts by the computed interval (SQLite sorts those rows).
 */
import { type TraceDatabase } from "../store/database.js";
import { HOUR_MS } from "../store/summary-schema.js";
import { addCounts, percentiles, type BinBounds, type BinCounts } from "./summarize-bins.js";
import { type ResolvedSummaryOptions } from "./summarize-options.js";
import { type SummaryBucket, type SummaryNumbers } from "./summarize-types.js";

export interface TraceScope {
  /** Whether there is a filter: the queries then start from the matching rows of `traces t`. */
  filtered: boolean;
  /** ` AND …` conditions of the filter over `t`, or empty. */
  where: string;
  params: unknown[];
}

/** Traces of one (hour or interval, latency bin) cell: what SQL groups, and what a tracking server's traces are counted into. */
export interface CellRow {
  g: number;
  bin: number | null;
  traces: number;
  errors: number;
  input_tokens: number | null;
  output_tokens: number | null;
  total_tokens: number | null;
  with_tokens: number;
  cost: number | null;
  priced: number;
}

export interface SeriesResult {
  totals: SummaryNumbers;
  series: SummaryBucket[];
  /** Traces per latency bin over the whole range (for the histogram). */
  bins: BinCounts;
}

interface Accumulator {
  traces: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  tracesWithTokens: number;
  cost: number;
  pricedTraces: number;
  bins: BinCounts;
}

function emptyAccumulator(): Accumulator {
  return { traces: 0, errors: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, tracesWithTokens: 0, cost: 0, pricedTraces: 0, bins: new Map() };
}

function add(into: Accumulator, row: CellRow): void {
  into.traces += row.traces;
  into.errors += row.errors;
  into.inputTokens += row.input_tokens ?? 0;
  into.outputTokens += row.output_tokens ?? 0;
  into.totalTokens += row.total_tokens ?? 0;
  into.tracesWithTokens += row.with_tokens;
  into.cost += row.cost ?? 0;
  into.pricedTraces += row.priced;
  if (row.bin !== null) addCounts(into.bins, row.bin, row.traces);
}

function numbers(acc: Accumulator, bounds: BinBounds): SummaryNumbers {
  return {
    traces: acc.traces,
    errors: acc.errors,
    errorRate: acc.traces === 0 ? 0 : acc.errors / acc.traces,
    latency: percentiles(acc.bins, bounds),
    inputTokens: acc.inputTokens,
    outputTokens: acc.outputTokens,
    totalTokens: acc.totalTokens,
    tracesWithTokens: acc.tracesWithTokens,
    // Sums of many small prices: rounded to a nano-dollar so float noise does not show.
    cost: Math.round(acc.cost * 1e9) / 1e9,
    pricedTraces: acc.pricedTraces,
  };
}

const SUMS = `count(*) AS traces, sum(f.is_error) AS errors, sum(f.input_tokens) AS input_tokens, sum(f.output_tokens) AS output_tokens,
  sum(f.total_tokens) AS total_tokens, count(f.total_tokens) AS with_tokens, sum(f.cost) AS cost, count(f.cost) AS priced`;

/** The whole hours inside [fromMs, toMs), as hour numbers [first, end), or undefined when none. */
export function wholeHours(fromMs: number, toMs: number): { first: number; end: number } | undefined {
  const first = Math.ceil(fromMs / HOUR_MS);
  const end = Math.floor(toMs / HOUR_MS);
  return first < end ? { first, end } : undefined;
}

/** Rows of trace_facts in [fromMs, toMs), grouped by `group` (the hour, or the interval index) and bin. */
function factRows(db: TraceDatabase, fromMs: number, toMs: number, scope: TraceScope, interval?: { origin: number; ms: number }): CellRow[] {
  if (fromMs >= toMs) return [];
  const group = interval ? "(f.request_time_ms - CAST(? AS INTEGER)) / CAST(? AS INTEGER)" : "f.hour";
  const intervalParams = interval ? [interval.origin, interval.ms] : [];
  if (scope.filtered) {
    // The filter picks the traces (through its indexes); their facts are read by row id.
    const sql = `SELECT ${group} AS g, f.latency_bin AS bin, ${SUMS}
      FROM traces t JOIN trace_facts f ON f.trace_row = t.trace_row
      WHERE t.request_time_ms >= ? AND t.request_time_ms < ?${scope.where}
      GROUP BY g, bin`;
    return db.prepare<unknown[], CellRow>(sql).all(...intervalParams, fromMs, toMs, ...scope.params);
  }
  const sql = `SELECT ${group} AS g, f.latency_bin AS bin, ${SUMS}
    FROM trace_facts f
    WHERE f.hour >= CAST(? AS INTEGER) AND f.hour <= CAST(? AS INTEGER) AND f.request_time_ms >= ? AND f.request_time_ms < ?
    GROUP BY g, bin`;
  const params = [...intervalParams, Math.floor(fromMs / HOUR_MS), Math.floor((toMs - 1) / HOUR_MS), fromMs, toMs];
  return db.prepare<unknown[], CellRow>(sql).all(...params);
}

/** Rows of trace_rollup for hours [first, end): the same shape as factRows by hour. */
function rollupRows(db: TraceDatabase, first: number, end: number): CellRow[] {
  const sql = `SELECT hour AS g, CASE WHEN latency_bin >= 0 THEN latency_bin END AS bin, traces, errors, input_tokens, output_tokens, total_tokens, with_tokens, cost, priced
    FROM trace_rollup WHERE hour >= CAST(? AS INTEGER) AND hour < CAST(? AS INTEGER)`;
  return db.prepare<unknown[], CellRow>(sql).all(first, end);
}

/**
 * The rows of the range: by hour when the interval is whole hours — from the rollup for the
 * whole hours of an unfiltered range and from trace_facts for the part hours at its ends —
 * else by interval from trace_facts.
 */
function cellRows(db: TraceDatabase, options: ResolvedSummaryOptions, scope: TraceScope, origin: number): CellRow[] {
  const { fromMs, toMs, intervalMs } = options;
  if (intervalMs % HOUR_MS !== 0) return factRows(db, fromMs, toMs, scope, { origin, ms: intervalMs });
  const hours = scope.filtered ? undefined : wholeHours(fromMs, toMs);
  if (hours === undefined) return factRows(db, fromMs, toMs, scope);
  return [
    ...factRows(db, fromMs, hours.first * HOUR_MS, scope),
    ...rollupRows(db, hours.first, hours.end),
    ...factRows(db, hours.end * HOUR_MS, toMs, scope),
  ];
}

export function summarizeSeries(db: TraceDatabase, options: ResolvedSummaryOptions, scope: TraceScope, bounds: BinBounds): SeriesResult {
  return seriesFromCells(cellRows(db, options, scope, seriesOrigin(options)), options, bounds);
}

/** The first interval's start: a multiple of the interval since the epoch. */
export function seriesOrigin(options: Pick<ResolvedSummaryOptions, "fromMs" | "intervalMs">): number {
  return Math.floor(options.fromMs / options.intervalMs) * options.intervalMs;
}

/** Totals and intervals from cells whose `g` is the hour when the interval is whole hours, else the interval's index. */
export function seriesFromCells(rows: readonly CellRow[], options: ResolvedSummaryOptions, bounds: BinBounds): SeriesResult {
  const { fromMs, toMs, intervalMs } = options;
  const origin = seriesOrigin(options);
  const byHour = intervalMs % HOUR_MS === 0;
  const bucketCount = Math.ceil(toMs / intervalMs) - Math.floor(fromMs / intervalMs);
  const buckets = Array.from({ length: bucketCount }, emptyAccumulator);
  const total = emptyAccumulator();
  for (const row of rows) {
    const bucket = buckets[byHour ? Math.floor((row.g * HOUR_MS - origin) / intervalMs) : row.g];
    // Only a server's reply can hold a trace outside the range asked for: it is not counted.
    if (bucket === undefined) continue;
    add(bucket, row);
    add(total, row);
  }
  return {
    totals: numbers(total, bounds),
    series: buckets.map((acc, i) => ({ startMs: origin + i * intervalMs, endMs: origin + (i + 1) * intervalMs, ...numbers(acc, bounds) })),
    bins: total.bins,
  };
}
