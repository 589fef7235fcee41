/**
 * summarizeTraces: for a time range and a filter, traces per interval with their error rate,
 * latency percentiles, tokens and cost, a latency histogram, and the top models, span names
 * and tag values by cost, latency and errors. Everything is counted by SQLite in grouped
 * queries over the summary tables (store/summary-schema.ts); JavaScript only adds up the
 * grouped rows (a few per hour and latency bin), never reads traces.
 */
import { type TraceDatabase } from "../store/database.js";
import { compileWhere } from "./search-traces.js";
import { histogram, type BinBounds } from "./summarize-bins.js";
import { SPAN_GROUPS_NOTE, summarizeGroups } from "./summarize-groups.js";
import { PERCENTILE_NOTE } from "./summarize-notes.js";
import { resolveSummaryOptions } from "./summarize-options.js";
import { summarizeSeries, type TraceScope } from "./summarize-series.js";
import { type SummarizeTracesOptions, type TracesSummary } from "./summarize-types.js";


const boundsCache = new WeakMap<TraceDatabase, BinBounds>();

function binBounds(db: TraceDatabase): BinBounds {
  let bounds = boundsCache.get(db);
  if (bounds === undefined) {
    bounds = db.prepare<[], number>("SELECT lower_ms FROM latency_bins ORDER BY bin").pluck().all();
    boundsCache.set(db, bounds);
  }
  return bounds;
}

/** The filter as conditions over `traces t`; nothing when there is no filter. */
function traceScope(db: TraceDatabase, filter: string, experimentIds: readonly string[]): TraceScope {
  if (filter.trim() === "" && experimentIds.length === 0) return { filtered: false, where: "", params: [] };
  const where = compileWhere({ filter, experimentIds }, db);
  return { filtered: true, where: where.sql.replace(/^ WHERE /, " AND "), params: where.params };
}

export function summarizeTraces(db: TraceDatabase, options: SummarizeTracesOptions = {}, now = Date.now()): TracesSummary {
  const resolved = resolveSummaryOptions(options, now);
  const scope = traceScope(db, resolved.filter, resolved.experimentIds);
  const bounds = binBounds(db);
  // One read transaction: the numbers of every part come from the same moment of the store.
  const read = db.transaction(() => ({
    series: summarizeSeries(db, resolved, scope, bounds),
    groups: summarizeGroups(db, resolved, scope),
  }));
  const { series, groups } = read();
  return {
    available: true,
    fromMs: resolved.fromMs,
    toMs: resolved.toMs,
    intervalMs: resolved.intervalMs,
    filter: resolved.filter,
    totals: series.totals,
    series: series.series,
    histogram: histogram(series.bins, bounds),
    groups,
    notes: [PERCENTILE_NOTE, SPAN_GROUPS_NOTE],
  };
}
