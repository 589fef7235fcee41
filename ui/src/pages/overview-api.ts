/** The summary API (`GET /api/summary`), typed as the server's summarizeTraces returns it. */
import { ApiError, type ApiErrorDetails } from "../lib/api";

import type { SummarizeTracesResult as SummaryResult } from "../../../src/query/summarize-types";

// The server's own result types: one definition for what /api/summary returns as JSON.
export type { HistogramBar, LatencyPercentiles, SummaryBucket, SummaryGroup, SummaryGroupRow, SummaryNumbers, TracesSummary } from "../../../src/query/summarize-types";
export type { SummaryResult };

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
