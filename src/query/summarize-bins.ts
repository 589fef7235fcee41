/**
 * Percentiles and histograms from latency-bin counts (store/summary-schema.ts): SQL counts
 * traces per bin, this reads the counts. Bins are 1 ms wide below 20 ms, so percentiles of
 * whole-millisecond durations are exact there; above, a bin is at most 5% wide and its
 * geometric middle is reported: within 2.5% of the exact nearest-rank value.
 */
import { type HistogramBar, type LatencyPercentiles } from "./summarize-types.js";

/** bin index → lower bound (ms); bin i covers [lower[i], lower[i + 1]). */
export type BinBounds = readonly number[];

/** Counts per bin (sparse). */
export type BinCounts = Map<number, number>;

export function addCounts(into: BinCounts, bin: number, count: number): void {
  into.set(bin, (into.get(bin) ?? 0) + count);
}

function binValue(bounds: BinBounds, bin: number): number {
  const lower = bounds[bin]!;
  const upper = bounds[bin + 1];
  if (upper === undefined || upper - lower <= 1) return lower;
  return Math.round(Math.sqrt(lower * upper) * 10) / 10;
}

/** Nearest-rank percentiles (p50, p95, p99) of the counted durations. */
export function percentiles(counts: BinCounts, bounds: BinBounds): LatencyPercentiles {
  const bins = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return { p50: null, p95: null, p99: null };
  const at = (p: number): number => {
    const rank = Math.max(1, Math.ceil(p * total));
    let seen = 0;
    for (const [bin, n] of bins) {
      seen += n;
      if (seen >= rank) return binValue(bounds, bin);
    }
    return binValue(bounds, bins[bins.length - 1]![0]);
  };
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

const MAX_BARS = 40;

/**
 * Histogram bars between the fastest and slowest bin that hold traces: neighbouring bins are
 * merged so there are at most 40 bars, each a whole number of bins.
 */
export function histogram(counts: BinCounts, bounds: BinBounds): HistogramBar[] {
  const used = [...counts.keys()].filter((bin) => (counts.get(bin) ?? 0) > 0);
  if (used.length === 0) return [];
  const first = Math.min(...used);
  const last = Math.max(...used);
  const width = Math.ceil((last - first + 1) / MAX_BARS);
  const bars: HistogramBar[] = [];
  for (let start = first; start <= last; start += width) {
    let traces = 0;
    for (let bin = start; bin < start + width && bin <= last; bin++) traces += counts.get(bin) ?? 0;
    const end = Math.min(start + width, last + 1);
    bars.push({ lowerMs: bounds[start]!, upperMs: bounds[end] ?? null, traces });
  }
  return bars;
}
