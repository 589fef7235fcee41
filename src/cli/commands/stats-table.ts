/** The terminal view of a summary: a heading with the totals, a row per interval, one table per ranking. */
import { type SummaryGroup, type SummaryGroupRow, type SummaryNumbers, type TracesSummary } from "../../query/summarize-types.js";
import { formatCost } from "../../view/cost.js";
import { formatDuration } from "../../view/duration.js";
import { renderTable, type Column } from "../table.js";

function utc(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, "");
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function interval(ms: number): string {
  const units: [number, string][] = [[604_800_000, "w"], [86_400_000, "d"], [3_600_000, "h"], [60_000, "m"], [1000, "s"]];
  const [size, unit] = units.find(([size]) => ms % size === 0) ?? [1, "ms"];
  return `${ms / size}${unit}`;
}

const SERIES_COLUMNS: Column[] = [
  { header: "TIME (UTC)" },
  { header: "TRACES", alignRight: true },
  { header: "ERRORS", alignRight: true },
  { header: "ERROR %", alignRight: true },
  { header: "P50", alignRight: true },
  { header: "P95", alignRight: true },
  { header: "P99", alignRight: true },
  { header: "TOKENS", alignRight: true },
  { header: "COST", alignRight: true },
];

function numberCells(n: SummaryNumbers): string[] {
  return [
    count(n.traces),
    count(n.errors),
    n.traces ? percent(n.errorRate) : "",
    formatDuration(n.latency.p50),
    formatDuration(n.latency.p95),
    formatDuration(n.latency.p99),
    n.tracesWithTokens ? count(n.totalTokens) : "",
    n.pricedTraces ? formatCost(n.cost) : "",
  ];
}

function groupTable(group: SummaryGroup, title: string, rows: SummaryGroupRow[], width: number): string {
  const unit = group.unit.toUpperCase();
  const columns: Column[] = [
    { header: group.key.toUpperCase(), flexible: true },
    { header: unit, alignRight: true },
    { header: "ERRORS", alignRight: true },
    { header: "AVG LATENCY", alignRight: true },
    { header: "TOKENS", alignRight: true },
    { header: "COST", alignRight: true },
  ];
  const cells = rows.map((row) => [
    row.value,
    count(row.count),
    `${count(row.errors)} (${percent(row.errorRate)})`,
    formatDuration(row.avgLatencyMs),
    count(row.inputTokens + row.outputTokens),
    row.priced ? formatCost(row.cost) : "",
  ]);
  return `Top ${group.key} by ${title}:\n${renderTable(columns, cells, width)}`;
}

export function renderStatsTables(summary: TracesSummary, width = 120): string {
  const heading =
    `Traces ${utc(summary.fromMs)} → ${utc(summary.toMs)} UTC, every ${interval(summary.intervalMs)}` +
    (summary.filter ? `, filter: ${summary.filter}` : "");
  if (summary.totals.traces === 0) return `${heading}\nNo traces in this range.`;
  const rows = summary.series.map((bucket) => [utc(bucket.startMs), ...numberCells(bucket)]);
  rows.push(["TOTAL", ...numberCells(summary.totals)]);
  const parts = [heading, renderTable(SERIES_COLUMNS, rows, width)];
  for (const group of summary.groups) {
    if (group.unavailable) {
      parts.push(`Top ${group.key}: ${group.unavailable}`);
      continue;
    }
    if (group.distinct === 0) {
      parts.push(`Top ${group.key}: none in this range.`);
      continue;
    }
    if (group.byCost.length) parts.push(groupTable(group, "cost", group.byCost, width));
    parts.push(groupTable(group, "latency", group.byLatency, width));
    if (group.byErrors.length) parts.push(groupTable(group, "errors", group.byErrors, width));
  }
  parts.push(summary.notes.join("\n"));
  return parts.join("\n\n");
}
