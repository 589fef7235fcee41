/**
 * summarizeTraces through a tracking server. MLflow's REST API has no aggregate query, so the
 * store searches the range's matching traces (trace info only, 500 a page) and counts them
 * here, up to SUMMARY_SCAN_LIMIT traces; past that it answers "not available" rather than
 * numbers from a part. The numbers are those of the file store (the same latency bins);
 * models and span names need every span, so those rankings say they are not available.
 */
import { TraceMetadataKey } from "../../model/keys.js";
import { type TraceInfo } from "../../model/trace-info.js";
import { TRACE_COST_KEY } from "../../processing/pricing/span-cost.js";
import { HOUR_MS, latencyBinBounds } from "../../store/summary-schema.js";
import { totalCost } from "../../view/cost.js";
import { type SearchTracesOptions, type SearchTracesResult } from "../search-traces.js";
import { histogram } from "../summarize-bins.js";
import { ranked, SPAN_GROUPS_NOTE, type GroupSqlRow } from "../summarize-groups.js";
import { resolveSummaryOptions, type ResolvedSummaryOptions } from "../summarize-options.js";
import { seriesFromCells, seriesOrigin, type CellRow } from "../summarize-series.js";
import { PERCENTILE_NOTE } from "../summarize-notes.js";
import { type SummarizeTracesOptions, type SummarizeTracesResult, type SummaryGroup } from "../summarize-types.js";

/** At most this many traces are read for one summary (20 pages of the server's 500). */
export const SUMMARY_SCAN_LIMIT = 10_000;
const PAGE = 500;

export interface SummarySource {
  searchTraces(options: SearchTracesOptions): Promise<SearchTracesResult>;
}

const BOUNDS = latencyBinBounds();

function binOf(durationMs: number | null): number | null {
  if (durationMs === null || durationMs < 0) return null;
  let low = 0;
  let high = BOUNDS.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (BOUNDS[middle]! <= durationMs) low = middle;
    else high = middle - 1;
  }
  return low;
}

function tokensOf(info: TraceInfo): { input: number; output: number; total: number } | undefined {
  const text = info.metadata[TraceMetadataKey.TOKEN_USAGE];
  if (!text) return undefined;
  try {
    const usage = JSON.parse(text) as Record<string, unknown>;
    const n = (key: string) => (typeof usage[key] === "number" ? (usage[key] as number) : 0);
    return { input: n("input_tokens"), output: n("output_tokens"), total: typeof usage.total_tokens === "number" ? usage.total_tokens : n("input_tokens") + n("output_tokens") };
  } catch {
    return undefined;
  }
}

/** One trace as one cell row of the series. */
function cellOf(info: TraceInfo, options: ResolvedSummaryOptions, origin: number): CellRow {
  const tokens = tokensOf(info);
  const cost = totalCost(info.metadata[TRACE_COST_KEY]);
  const byHour = options.intervalMs % HOUR_MS === 0;
  return {
    g: byHour ? Math.floor(info.requestTimeMs / HOUR_MS) : Math.floor((info.requestTimeMs - origin) / options.intervalMs),
    bin: binOf(info.executionDurationMs),
    traces: 1,
    errors: info.state === "ERROR" ? 1 : 0,
    input_tokens: tokens?.input ?? null,
    output_tokens: tokens?.output ?? null,
    total_tokens: tokens?.total ?? null,
    with_tokens: tokens ? 1 : 0,
    cost: cost ?? null,
    priced: cost === undefined ? 0 : 1,
  };
}

function keyValueGroup(key: string, infos: readonly TraceInfo[], limit: number): SummaryGroup {
  const dot = key.indexOf(".");
  const name = key.slice(dot + 1);
  const byValue = new Map<string, GroupSqlRow>();
  for (const info of infos) {
    const value = (key.startsWith("metadata.") ? info.metadata : info.tags)[name];
    if (value === undefined) continue;
    const row = byValue.get(value) ?? { value, count: 0, errors: 0, timed: 0, duration_ms: 0, input_tokens: 0, output_tokens: 0, priced: 0, cost: 0 };
    const tokens = tokensOf(info);
    const cost = totalCost(info.metadata[TRACE_COST_KEY]);
    row.count++;
    if (info.state === "ERROR") row.errors++;
    if (info.executionDurationMs !== null) {
      row.timed++;
      row.duration_ms! += info.executionDurationMs;
    }
    row.input_tokens! += tokens?.input ?? 0;
    row.output_tokens! += tokens?.output ?? 0;
    if (cost !== undefined) {
      row.priced++;
      row.cost! += cost;
    }
    byValue.set(value, row);
  }
  return ranked(key, "traces", [...byValue.values()], limit);
}

export async function summarizeOnServer(source: SummarySource, options: SummarizeTracesOptions, now = Date.now()): Promise<SummarizeTracesResult> {
  const resolved = resolveSummaryOptions(options, now);
  const range = `trace.timestamp_ms >= ${resolved.fromMs} AND trace.timestamp_ms < ${resolved.toMs}`;
  const filter = resolved.filter.trim() ? `${resolved.filter} AND ${range}` : range;
  const infos: TraceInfo[] = [];
  let pageToken: string | undefined;
  do {
    const page = await source.searchTraces({ filter, maxResults: PAGE, includeSpans: false, ...(pageToken ? { pageToken } : {}) });
    infos.push(...page.traces.map((trace) => trace.info));
    pageToken = page.nextPageToken;
  } while (pageToken && infos.length < SUMMARY_SCAN_LIMIT);
  if (pageToken !== undefined) {
    return {
      available: false,
      reason: `Summaries from an MLflow tracking server count at most ${SUMMARY_SCAN_LIMIT.toLocaleString("en-US")} traces (its REST API has no aggregate queries), and more match: narrow the range or the filter, or copy the traces to a file (traced traces copy).`,
    };
  }
  const origin = seriesOrigin(resolved);
  const series = seriesFromCells(infos.map((info) => cellOf(info, resolved, origin)), resolved, BOUNDS);
  const spansReason = "Not available from an MLflow tracking server: ranking models and span names needs every span, which its REST API serves one trace at a time.";
  const groups = resolved.groupBy.map((key): SummaryGroup =>
    key === "model" || key === "span.name"
      ? { key, unit: "spans", distinct: 0, byCost: [], byLatency: [], byErrors: [], unavailable: spansReason }
      : keyValueGroup(key, infos, resolved.limit),
  );
  return {
    available: true,
    fromMs: resolved.fromMs,
    toMs: resolved.toMs,
    intervalMs: resolved.intervalMs,
    filter: resolved.filter,
    totals: series.totals,
    series: series.series,
    histogram: histogram(series.bins, BOUNDS),
    groups,
    notes: [PERCENTILE_NOTE, `Counted from the ${infos.length.toLocaleString("en-US")} matching traces read from the tracking server.`, SPAN_GROUPS_NOTE],
  };
}
