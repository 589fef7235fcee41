/** The summary API (`GET /api/summary`), typed as the server's summarizeTraces returns it. */
import { ApiError, type ApiErrorDetails } from "../lib/api";

export interface LatencyPercentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface SummaryNumbers {
  traces: number;
  errors: number;
  errorRate: number;
  latency: LatencyPercentiles;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  tracesWithTokens: number;
  cost: number;
  pricedTraces: number;
}

export interface SummaryBucket extends SummaryNumbers {
  startMs: number;
  endMs: number;
}

export interface HistogramBar {
  lowerMs: number;
  upperMs: number | null;
  traces: number;
}

export interface SummaryGroupRow {
  value: string;
  count: number;
  errors: number;
  errorRate: number;
  avgLatencyMs: number | null;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  priced: number;
}

export interface SummaryGroup {
  key: string;
  unit: "spans" | "traces";
  distinct: number;
  byCost: SummaryGroupRow[];
  byLatency: SummaryGroupRow[];
  byErrors: SummaryGroupRow[];
  unavailable?: string;
}

export interface TracesSummary {
  available: true;
  fromMs: number;
  toMs: number;
  intervalMs: number;
  filter: string;
  totals: SummaryNumbers;
  series: SummaryBucket[];
  histogram: HistogramBar[];
  groups: SummaryGroup[];
  notes: string[];
}

export type SummaryResult = TracesSummary | { available: false; reason: string };

export interface SummaryQuery {
  filter: string;
  from: string;
  to: string;
  interval: string;
  groupBy: string[];
}

export async function fetchSummary(query: SummaryQuery, signal?: AbortSignal): Promise<SummaryResult> {
  const params = new URLSearchParams();
  if (query.filter) params.set("filter", query.filter);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.interval) params.set("interval", query.interval);
  for (const key of query.groupBy) params.append("groupBy", key);
  const response = await fetch(`/api/summary?${params}`, { headers: { Accept: "application/json" }, ...(signal ? { signal } : {}) });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const details = (body as { error?: ApiErrorDetails } | null)?.error ?? { message: `HTTP ${response.status}`, kind: "http" };
    throw new ApiError(response.status, details);
  }
  return body as SummaryResult;
}
