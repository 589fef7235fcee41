/**
 * The Overview: for a time range and a filter, the numbers of summarizeTraces — totals,
 * charts per interval, a latency histogram and the top models, span names and tag values.
 * A click on a bar, a point or a ranked value opens the trace list filtered to it.
 */
import { useEffect, useState } from "preact/hooks";
import { FilterBox } from "../components/filter-box";
import { ApiError, type ApiErrorDetails } from "../lib/api";
import { formatCost, formatCount, formatDuration, formatTime } from "../lib/format";
import { navigate, type Location } from "../lib/router";
import { fetchSummary, type SummaryResult } from "./overview-api";
import { OverviewCharts } from "./overview-charts";
import { OverviewGroups } from "./overview-groups";
import { OVERVIEW_INTERVALS, OVERVIEW_RANGES, groupByOf, groupCondition, overviewUrl, readOverviewState, traceListUrl, type OverviewState } from "./overview-state";
import "./overview.css";

type Load = { status: "loading" } | { status: "error"; error: ApiErrorDetails } | { status: "done"; result: SummaryResult };

export function OverviewPage({ location }: { location: Location }) {
  const state = readOverviewState(location.query);
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const key = overviewUrl(state);

  useEffect(() => {
    const abort = new AbortController();
    setLoad({ status: "loading" });
    fetchSummary({ filter: state.filter, from: state.from, to: state.to, interval: state.interval, groupBy: groupByOf(state) }, abort.signal).then(
      (result) => setLoad({ status: "done", result }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setLoad({ status: "error", error: error instanceof ApiError ? error.details : { message: String(error), kind: "network" } });
      },
    );
    return () => abort.abort();
  }, [key]);

  const update = (change: Partial<OverviewState>) => navigate(overviewUrl({ ...state, ...change }));
  const summary = load.status === "done" && load.result.available ? load.result : null;
  const open = (fromMs: number, toMs: number, extra: string[]) => navigate(traceListUrl(state.filter, fromMs, toMs, extra));

  return (
    <main class="overview-page">
      <div class="overview-controls">
        <FilterBox value={state.filter} error={load.status === "error" && load.error.kind === "filter" ? load.error : null} onSubmit={(filter) => update({ filter })} />
        <label>
          Range{" "}
          <select value={state.from in OVERVIEW_RANGES ? state.from : ""} onChange={(e) => update({ from: (e.target as HTMLSelectElement).value || "24h", to: "" })}>
            {Object.entries(OVERVIEW_RANGES).map(([value, label]) => (
              <option value={value}>{label}</option>
            ))}
            {!(state.from in OVERVIEW_RANGES) && <option value="">Custom</option>}
          </select>
        </label>
        <label>
          Interval{" "}
          <select value={state.interval} onChange={(e) => update({ interval: (e.target as HTMLSelectElement).value })}>
            {OVERVIEW_INTERVALS.map((value) => (
              <option value={value}>{value || "auto"}</option>
            ))}
          </select>
        </label>
        <form
          class="tag-key-form"
          onSubmit={(event) => {
            event.preventDefault();
            const input = (event.currentTarget as HTMLFormElement).elements.namedItem("tag") as HTMLInputElement;
            update({ tagKey: input.value.trim() });
          }}
        >
          <label>
            Rank tag{" "}
            <input name="tag" type="text" placeholder="tag key, e.g. env" value={state.tagKey} size={14} />
          </label>
        </form>
      </div>
      {load.status === "loading" && <p class="muted" role="status">Loading…</p>}
      {load.status === "error" && load.error.kind !== "filter" && (
        <p class="error-text" role="alert">
          {load.error.message}
        </p>
      )}
      {load.status === "done" && !load.result.available && (
        <p class="overview-unavailable" role="status" data-testid="summary-unavailable">
          {load.result.reason}
        </p>
      )}
      {summary && summary.totals.traces === 0 && (
        <p class="overview-empty" role="status" data-testid="overview-empty">
          No traces from {formatTime(summary.fromMs)} to {formatTime(summary.toMs)}
          {summary.filter ? " match the filter" : ""}.
        </p>
      )}
      {summary && summary.totals.traces > 0 && (
        <>
          <section class="overview-totals" aria-label="totals">
            <Stat label="Traces" field="traces" value={formatCount(summary.totals.traces)} />
            <Stat label="Errors" field="errors" value={`${formatCount(summary.totals.errors)} (${(summary.totals.errorRate * 100).toFixed(1)}%)`} />
            <Stat label="p50" field="p50" value={formatDuration(summary.totals.latency.p50)} />
            <Stat label="p95" field="p95" value={formatDuration(summary.totals.latency.p95)} />
            <Stat label="p99" field="p99" value={formatDuration(summary.totals.latency.p99)} />
            <Stat label="Tokens" field="tokens" value={formatCount(summary.totals.totalTokens)} />
            <Stat label="Cost" field="cost" value={summary.totals.pricedTraces ? formatCost(summary.totals.cost) : "—"} />
          </section>
          <p class="muted overview-range">
            {formatTime(summary.fromMs)} – {formatTime(summary.toMs)}, every {intervalText(summary.intervalMs)}. Click a bar or a point to see its traces.
          </p>
          <OverviewCharts summary={summary} onOpen={open} />
          <OverviewGroups groups={summary.groups} onOpen={(groupKey, value) => open(summary.fromMs, summary.toMs, [groupCondition(groupKey, value)])} />
          <ul class="muted overview-notes">
            {summary.notes.map((note) => (
              <li>{note}</li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}

function intervalText(ms: number): string {
  const units: [number, string][] = [[604_800_000, "week"], [86_400_000, "day"], [3_600_000, "hour"], [60_000, "minute"], [1000, "second"]];
  const [size, unit] = units.find(([size]) => ms % size === 0) ?? [1, "ms"];
  const n = ms / size;
  return n === 1 ? unit : `${n} ${unit}s`;
}

function Stat({ label, value, field }: { label: string; value: string; field: string }) {
  return (
    <div class="stat" data-stat={field}>
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
    </div>
  );
}
