/** The Overview's charts, built from one summary: each a uPlot chart with a summary in words. */
import { useMemo } from "preact/hooks";
import { UPlotChart, type ChartSeries } from "../components/chart-uplot";
import { formatCost, formatCount, formatDuration, formatTime } from "../lib/format";
import { type SummaryBucket, type TracesSummary } from "./overview-api";

export interface OverviewChartsProps {
  summary: TracesSummary;
  /** Opens the trace list for a time span, with extra conditions. */
  onOpen: (fromMs: number, toMs: number, extra: string[]) => void;
}

function peak(series: SummaryBucket[], value: (b: SummaryBucket) => number | null): SummaryBucket | undefined {
  let best: SummaryBucket | undefined;
  for (const bucket of series) if ((value(bucket) ?? -Infinity) > (best ? (value(best) ?? -Infinity) : -Infinity)) best = bucket;
  return best;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

function histogramLabel(lower: number, upper: number | null): string {
  return upper === null ? `≥ ${formatDuration(lower)}` : `${formatDuration(lower)}–${formatDuration(upper)}`;
}

export function OverviewCharts({ summary, onOpen }: OverviewChartsProps) {
  const { series, totals, histogram } = summary;
  const charts = useMemo(() => {
    const x = series.map((b) => b.startMs / 1000);
    const line = (label: string, colorVar: string, values: (number | null)[]): ChartSeries => ({ label, colorVar, values, kind: "line" });
    const bars = (label: string, colorVar: string, values: (number | null)[]): ChartSeries => ({ label, colorVar, values, kind: "bars" });
    return {
      x,
      traces: [bars("Traces", "--accent", series.map((b) => b.traces)), bars("Errors", "--error", series.map((b) => b.errors))],
      errorRate: [line("Error rate", "--error", series.map((b) => (b.traces ? b.errorRate * 100 : null)))],
      latency: [
        line("p50", "--ok", series.map((b) => b.latency.p50)),
        line("p95", "--accent", series.map((b) => b.latency.p95)),
        line("p99", "--error", series.map((b) => b.latency.p99)),
      ],
      tokens: [line("Input tokens", "--accent", series.map((b) => b.inputTokens)), line("Output tokens", "--ok", series.map((b) => b.outputTokens))],
      cost: [bars("Cost", "--accent", series.map((b) => b.cost))],
      histogramX: histogram.map((_, i) => i),
      histogram: [bars("Traces", "--accent", histogram.map((bar) => bar.traces))],
      histogramLabels: histogram.map((bar) => histogramLabel(bar.lowerMs, bar.upperMs)),
      histogramTicks: histogram.map((bar) => formatDuration(bar.lowerMs)),
    };
  }, [summary]);

  const bucketName = (i: number) => `${formatTime(series[i]!.startMs)} – ${formatTime(series[i]!.endMs)}`;
  const openBucket = (extra: string[]) => (i: number) => onOpen(series[i]!.startMs, series[i]!.endMs, extra);
  const busiest = peak(series, (b) => b.traces);
  const slowest = peak(series, (b) => b.latency.p95);
  const costliest = peak(series, (b) => b.cost);
  const range = `from ${formatTime(summary.fromMs)} to ${formatTime(summary.toMs)}, ${series.length} intervals`;

  return (
    <div class="overview-charts">
      <UPlotChart
        id="chart-traces"
        title="Traces per interval"
        yUnit="traces"
        x={charts.x}
        timeAxis
        series={charts.traces}
        formatY={(v) => formatCount(Math.round(v))}
        integerY
        describeX={bucketName}
        onPick={openBucket([])}
        summary={`Traces per interval ${range}: ${formatCount(totals.traces)} traces in total; errors: ${formatCount(totals.errors)}.${busiest && busiest.traces ? ` Busiest: ${formatCount(busiest.traces)} at ${formatTime(busiest.startMs)}.` : ""}`}
      />
      <UPlotChart
        id="chart-error-rate"
        title="Error rate"
        yUnit="%"
        x={charts.x}
        timeAxis
        series={charts.errorRate}
        formatY={(v) => `${v.toFixed(1)}%`}
        describeX={bucketName}
        onPick={openBucket(["trace.status = 'ERROR'"])}
        summary={`Error rate ${range}: ${percent(totals.errorRate)} overall.`}
      />
      <UPlotChart
        id="chart-latency"
        title="Latency p50 / p95 / p99"
        yUnit="ms"
        x={charts.x}
        timeAxis
        series={charts.latency}
        formatY={(v) => formatDuration(v)}
        describeX={bucketName}
        onPick={openBucket([])}
        summary={`Latency ${range}: p50 ${formatDuration(totals.latency.p50)}, p95 ${formatDuration(totals.latency.p95)}, p99 ${formatDuration(totals.latency.p99)} overall.${slowest?.latency.p95 != null ? ` Highest p95: ${formatDuration(slowest.latency.p95)} at ${formatTime(slowest.startMs)}.` : ""}`}
      />
      <UPlotChart
        id="chart-histogram"
        title="Latency histogram"
        yUnit="traces"
        x={charts.histogramX}
        timeAxis={false}
        categories={charts.histogramTicks}
        series={charts.histogram}
        formatY={(v) => formatCount(Math.round(v))}
        integerY
        describeX={(i) => charts.histogramLabels[i]!}
        onPick={(i) => {
          const bar = histogram[i]!;
          const extra = [`trace.execution_time_ms >= ${bar.lowerMs}`, ...(bar.upperMs === null ? [] : [`trace.execution_time_ms < ${bar.upperMs}`])];
          onOpen(summary.fromMs, summary.toMs, extra);
        }}
        summary={`Latency histogram: ${histogram.map((bar, i) => `${charts.histogramLabels[i]}: ${formatCount(bar.traces)}`).join("; ") || "no traces"}.`}
      />
      <UPlotChart
        id="chart-tokens"
        title="Tokens"
        yUnit="tokens"
        x={charts.x}
        timeAxis
        series={charts.tokens}
        formatY={(v) => formatCount(Math.round(v))}
        integerY
        describeX={bucketName}
        onPick={openBucket([])}
        summary={`Tokens ${range}: ${formatCount(totals.inputTokens)} input, ${formatCount(totals.outputTokens)} output, over ${formatCount(totals.tracesWithTokens)} traces that record usage.`}
      />
      <UPlotChart
        id="chart-cost"
        title="Cost"
        yUnit="USD"
        x={charts.x}
        timeAxis
        series={charts.cost}
        formatY={(v) => formatCost(v)}
        describeX={bucketName}
        onPick={openBucket(["trace.cost > 0"])}
        summary={`Cost ${range}: ${formatCost(totals.cost)} over ${formatCount(totals.pricedTraces)} priced traces.${costliest && costliest.cost ? ` Highest: ${formatCost(costliest.cost)} at ${formatTime(costliest.startMs)}.` : ""}`}
      />
    </div>
  );
}
