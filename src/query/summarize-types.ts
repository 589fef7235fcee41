/**
 * The shapes of `summarizeTraces`: a time range of traces as numbers per interval, a latency
 * histogram and the top groups (models, span names, tag or metadata values).
 */

/** `model`, `span.name`, `tag.<key>` or `metadata.<key>` (e.g. `metadata.mlflow.trace.user`). */
export type SummaryGroupKey = string;

export interface SummarizeTracesOptions {
  /** searchTraces' filter grammar, applied to the traces. */
  filter?: string;
  /** Start (inclusive): ms since the epoch, a Date, an ISO date, or an age before now (`24h`, `7d`). Default: `to` minus 24 hours. */
  from?: number | Date | string;
  /** End (exclusive), same forms. Default: now, rounded up to the hour. */
  to?: number | Date | string;
  /** Bucket width: ms, or `30s`, `5m`, `1h`, `1d`, `1w`. Default: a step giving at most ~60 buckets. Buckets start at multiples of it since the epoch (UTC). */
  interval?: number | string;
  /** What to rank (default `["model", "span.name"]`). */
  groupBy?: readonly SummaryGroupKey[];
  /** Rows per ranking (default 10). */
  limit?: number;
  /** Only traces of these experiments. */
  experimentIds?: readonly string[];
}

export interface LatencyPercentiles {
  /** Milliseconds; null when no trace in the range has a duration. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface SummaryNumbers {
  traces: number;
  /** Traces whose state is ERROR. */
  errors: number;
  /** errors / traces (0 when there are no traces). */
  errorRate: number;
  latency: LatencyPercentiles;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** How many traces record token usage. */
  tracesWithTokens: number;
  /** USD over the priced traces. */
  cost: number;
  /** How many traces have a cost (`mlflow.trace.cost`). */
  pricedTraces: number;
}

export interface SummaryBucket extends SummaryNumbers {
  /** The bucket's time span [startMs, endMs), ms since the epoch. */
  startMs: number;
  endMs: number;
}

export interface HistogramBar {
  /** Durations in [lowerMs, upperMs); upperMs null for the open last bin. */
  lowerMs: number;
  upperMs: number | null;
  traces: number;
}

export interface SummaryGroupRow {
  value: string;
  /** Spans (model, span.name) or traces (tag, metadata) in the group. */
  count: number;
  errors: number;
  errorRate: number;
  /** Mean duration in ms of the group's spans or traces; null when none has one. */
  avgLatencyMs: number | null;
  inputTokens: number;
  outputTokens: number;
  /** USD. */
  cost: number;
  /** How many of the group's spans or traces have a cost. */
  priced: number;
}

export interface SummaryGroup {
  key: SummaryGroupKey;
  /** What `count` counts. */
  unit: "spans" | "traces";
  /** How many distinct values the group has. */
  distinct: number;
  byCost: SummaryGroupRow[];
  byLatency: SummaryGroupRow[];
  byErrors: SummaryGroupRow[];
  /** Why the store cannot rank this key (a tracking server cannot group spans); the rankings are then empty. */
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
  /** How the numbers were computed, in words: percentiles' precision, what span groups count. */
  notes: string[];
}

/** The store cannot compute this summary (a tracking server with more matching traces than it reads): no numbers rather than wrong ones. */
export interface SummaryUnavailable {
  available: false;
  reason: string;
}

export type SummarizeTracesResult = TracesSummary | SummaryUnavailable;
