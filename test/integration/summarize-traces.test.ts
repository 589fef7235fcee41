/**
 * summarizeTraces on a real SQLite store seeded with traces of known durations, errors,
 * tokens and costs: totals, per-hour buckets, percentiles, histogram, rankings; the exact
 * (filtered) path agreeing with the rollup; the summary tables kept right by writes,
 * merges, deletes and tag changes; a store migrated from the first schema; a tracking
 * server's store counting the same numbers from trace info (and saying what it cannot).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TracedUsageError } from "../../src/config/errors.js";
import { FilterError, MlflowServerStore, TraceStore } from "../../src/query/index.js";
import { summarizeTraces } from "../../src/query/summarize-traces.js";
import { type TracesSummary } from "../../src/query/summarize-types.js";
import { migrate } from "../../src/store/migrate.js";
import { MIGRATIONS } from "../../src/store/schema.js";
import { TraceWriter } from "../../src/store/trace-writer.js";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { createMlflowExporter } from "../../src/export/mlflow/index.js";
import { SUMMARY_SCAN_LIMIT, summarizeOnServer } from "../../src/query/remote/server-summary.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { Trace } from "../../src/model/trace.js";
import { HOUR, T0, seededTraces, summaryTrace } from "./summarize-fixture.js";

const RANGE = { from: T0, to: T0 + 3 * HOUR, interval: "1h" };

let store: TraceStore;
beforeEach(() => {
  store = TraceStore.open(join(mkdtempSync(join(tmpdir(), "traced-summary-")), "traces.db"));
  store.writeTraces(seededTraces());
});
afterEach(() => store.close());

function group(summary: TracesSummary, key: string) {
  const found = summary.groups.find((g) => g.key === key);
  expect(found, `group ${key}`).toBeDefined();
  return found!;
}

describe("summarizeTraces on seeded traces", () => {
  it("counts traces, errors, tokens and cost in the range only", () => {
    const summary = store.summarizeTraces(RANGE);
    expect(summary).toMatchObject({ available: true, fromMs: T0, toMs: T0 + 3 * HOUR, intervalMs: HOUR, filter: "" });
    expect(summary.totals).toMatchObject({
      traces: 6,
      errors: 1,
      inputTokens: 350,
      outputTokens: 70,
      totalTokens: 420,
      tracesWithTokens: 4,
      cost: 0.07,
      pricedTraces: 4,
    });
    expect(summary.totals.errorRate).toBeCloseTo(1 / 6, 10);
  });

  it("gives one bucket per hour, an empty hour included", () => {
    const { series } = store.summarizeTraces(RANGE);
    expect(series.map((b) => [b.startMs, b.endMs, b.traces, b.errors])).toEqual([
      [T0, T0 + HOUR, 4, 1],
      [T0 + HOUR, T0 + 2 * HOUR, 0, 0],
      [T0 + 2 * HOUR, T0 + 3 * HOUR, 2, 0],
    ]);
    expect(series[0]).toMatchObject({ inputTokens: 250, outputTokens: 50, cost: 0.05, pricedTraces: 3, errorRate: 0.25 });
    expect(series[1]!.latency).toEqual({ p50: null, p95: null, p99: null });
    expect(series[2]).toMatchObject({ cost: 0.02, totalTokens: 120 });
  });

  it("computes nearest-rank percentiles: exact under 20 ms, within 2.5% above", () => {
    const { totals, series } = store.summarizeTraces(RANGE);
    // Durations 5, 8, 10, 12, 15, 200: rank 3 is 10; ranks 6 (p95, p99) are 200.
    expect(totals.latency.p50).toBe(10);
    expect(Math.abs(totals.latency.p95! - 200) / 200).toBeLessThanOrEqual(0.025);
    expect(totals.latency.p99).toBe(totals.latency.p95);
    expect(series[0]!.latency.p50).toBe(10);
    expect(series[2]!.latency).toEqual({ p50: 8, p95: 12, p99: 12 });
  });

  it("draws the histogram as bars over the bins, holding every timed trace", () => {
    const { histogram } = store.summarizeTraces(RANGE);
    expect(histogram.reduce((sum, bar) => sum + bar.traces, 0)).toBe(6);
    expect(histogram[0]!.lowerMs).toBe(5);
    const last = histogram[histogram.length - 1]!;
    expect(last.lowerMs).toBeLessThanOrEqual(200);
    expect(last.upperMs).toBeGreaterThan(200);
    for (let i = 1; i < histogram.length; i++) expect(histogram[i]!.lowerMs).toBe(histogram[i - 1]!.upperMs);
  });

  it("ranks models and span names by cost, latency and errors", () => {
    const summary = store.summarizeTraces(RANGE);
    const models = group(summary, "model");
    expect(models).toMatchObject({ unit: "spans", distinct: 2 });
    expect(models.byCost.map((r) => [r.value, r.count, r.cost])).toEqual([
      ["gpt-4o", 3, 0.04],
      ["claude-sonnet-4", 1, 0.03],
    ]);
    expect(models.byCost[0]).toMatchObject({ inputTokens: 300, outputTokens: 60, priced: 3 });
    // The LLM spans last 1 ms less than their traces: 4, 9, 7 ms for gpt-4o, 14 ms for claude.
    expect(models.byLatency.map((r) => [r.value, r.avgLatencyMs])).toEqual([
      ["claude-sonnet-4", 14],
      ["gpt-4o", 6.7],
    ]);
    expect(models.byErrors).toEqual([]);
    const names = group(summary, "span.name");
    expect(names.distinct).toBe(2);
    expect(names.byErrors.map((r) => [r.value, r.count, r.errors])).toEqual([["agent", 6, 1]]);
    expect(names.byLatency.map((r) => r.value)).toEqual(["agent", "chat"]);
    expect(names.byLatency[0]!.avgLatencyMs).toBe(41.7);
  });

  it("ranks tag and metadata values, counting traces", () => {
    const summary = store.summarizeTraces({ ...RANGE, groupBy: ["tag.env", "metadata.mlflow.trace_schema.version"] });
    const env = group(summary, "tag.env");
    expect(env).toMatchObject({ unit: "traces", distinct: 2 });
    expect(env.byLatency.map((r) => [r.value, r.count, r.avgLatencyMs])).toEqual([
      ["prod", 2, 10],
      ["dev", 1, 5],
    ]);
    expect(env.byCost.map((r) => [r.value, r.cost])).toEqual([
      ["prod", 0.02],
      ["dev", 0.01],
    ]);
    expect(group(summary, "metadata.mlflow.trace_schema.version").byLatency[0]).toMatchObject({ value: "3", count: 6, errors: 1 });
  });

  it("applies the filter grammar to every number", () => {
    const summary = store.summarizeTraces({ ...RANGE, filter: "trace.status = 'ERROR'" });
    expect(summary.totals).toMatchObject({ traces: 1, errors: 1, cost: 0.03, totalTokens: 60 });
    expect(group(summary, "model").byCost.map((r) => r.value)).toEqual(["claude-sonnet-4"]);
    expect(group(summary, "span.name").byErrors).toMatchObject([{ value: "agent", count: 1, errors: 1 }]);
    const priced = store.summarizeTraces({ ...RANGE, filter: "trace.cost >= 0.02" });
    expect(priced.totals).toMatchObject({ traces: 2, cost: 0.05 });
  });

  it("reads spans exactly (filtered, or part-hour range) with the same numbers as the hourly rollup", () => {
    const rollup = store.summarizeTraces(RANGE);
    const exact = store.summarizeTraces({ ...RANGE, filter: "trace.execution_time_ms >= 0" });
    expect(exact.groups).toEqual(rollup.groups);
    expect(exact.totals).toEqual(rollup.totals);
    const partHour = store.summarizeTraces({ from: T0 + 500, to: T0 + 3 * HOUR - 1, interval: "1h" });
    expect(partHour.groups).toEqual(rollup.groups);
    expect(partHour.totals).toEqual(rollup.totals);
    expect(partHour.series.map((b) => b.traces)).toEqual([4, 0, 2]);
  });

  it("groups by intervals shorter than an hour", () => {
    const summary = store.summarizeTraces({ from: T0, to: T0 + 10_000, interval: "2s" });
    // Traces at +1 s, +2 s, +3 s and +4 s.
    expect(summary.series.map((b) => b.traces)).toEqual([1, 2, 1, 0, 0]);
    expect(summary.totals.traces).toBe(4);
  });

  it("is empty, not failing, for a range without traces", () => {
    const summary = store.summarizeTraces({ from: T0 + 10 * HOUR, to: T0 + 12 * HOUR, interval: "1h" });
    expect(summary.totals).toMatchObject({ traces: 0, errors: 0, errorRate: 0, cost: 0, totalTokens: 0, latency: { p50: null, p95: null, p99: null } });
    expect(summary.series).toHaveLength(2);
    expect(summary.histogram).toEqual([]);
    expect(summary.groups.map((g) => [g.key, g.distinct])).toEqual([
      ["model", 0],
      ["span.name", 0],
    ]);
  });

  it("stays right through rewrites, merges, deletes and tag changes", () => {
    const before = store.summarizeTraces(RANGE);
    // Writing the same traces again replaces them: nothing is counted twice.
    const again = seededTraces();
    store.writeTraces(again);
    store.writeTraces(again);
    const after = store.summarizeTraces(RANGE);
    expect(after.totals.traces).toBe(12);
    expect(group(after, "model").byCost[0]).toMatchObject({ value: "gpt-4o", count: 6, cost: 0.08 });
    const ids = again.map((t) => t.traceId);
    expect(store.deleteTraces({ traceIds: ids })).toBe(ids.length);
    const deleted = store.summarizeTraces(RANGE);
    expect(deleted.totals).toEqual(before.totals);
    expect(deleted.groups).toEqual(before.groups);
    const prod = store.summarizeTraces({ ...RANGE, groupBy: ["tag.env"] });
    const someTrace = store.searchTraces({ filter: "tag.env = 'dev'" }).traces[0]!;
    store.setTraceTag(someTrace.traceId, "env", "prod");
    const retagged = store.summarizeTraces({ ...RANGE, groupBy: ["tag.env"] });
    expect(retagged.groups[0]!.byLatency.map((r) => [r.value, r.count])).toEqual([["prod", 3]]);
    expect(prod.groups[0]!.distinct).toBe(2);
  });

  it("moves a trace between hours when a later part of it changes its time", () => {
    const whole = summaryTrace({ startMs: T0 + 500, durationMs: 30, model: "gpt-4o", inputTokens: 1, outputTokens: 1, cost: 0.5 });
    const [root, chat] = whole.spans;
    // The child part arrives first, describing the trace as it knows it (two hours later); the root's part then wins.
    store.writeTraces([new Trace({ ...whole.info, requestTimeMs: T0 + 2 * HOUR + 100, executionDurationMs: 5000 }, [chat!])]);
    store.writeTraces([new Trace(whole.info, [root!])]);
    const rolled = store.summarizeTraces(RANGE);
    expect(rolled.series.map((b) => b.traces)).toEqual([5, 0, 2]);
    expect(rolled.totals.cost).toBe(0.57);
    const exact = store.summarizeTraces({ ...RANGE, filter: "trace.execution_time_ms >= 0" });
    expect(exact.series).toEqual(rolled.series);
    expect(exact.groups).toEqual(rolled.groups);
  });

  it("fills the summary tables of a store written before they existed", () => {
    const db = new Database(":memory:");
    migrate(db as never, MIGRATIONS.slice(0, 1));
    new TraceWriter(db as never).write(seededTraces());
    migrate(db as never);
    const migrated = summarizeTraces(db as never, RANGE);
    const fresh = store.summarizeTraces(RANGE);
    expect(migrated.totals).toEqual(fresh.totals);
    expect(migrated.groups).toEqual(fresh.groups);
    expect(migrated.series).toEqual(fresh.series);
    db.close();
  });

  it("chooses an interval and a default range when none is given", () => {
    const now = T0 + 2 * HOUR + 30 * 60_000;
    const summary = summarizeTraces(store.db, {}, now);
    expect(summary.toMs).toBe(T0 + 3 * HOUR);
    expect(summary.fromMs).toBe(T0 + 3 * HOUR - 24 * HOUR);
    // 48 half hours: the smallest step giving at most ~60 buckets.
    expect(summary.intervalMs).toBe(HOUR / 2);
    // The 24 hours before T0 + 3 h hold the trace 1 ms before T0 too.
    expect(summary.totals.traces).toBe(7);
    const ages = summarizeTraces(store.db, { from: "3h", to: "now" }, T0 + 3 * HOUR);
    expect([ages.fromMs, ages.toMs, ages.totals.traces]).toEqual([T0, T0 + 3 * HOUR, 6]);
    expect(store.summarizeTraces({ from: new Date(T0).toISOString(), to: new Date(T0 + HOUR), interval: 60_000 }).series).toHaveLength(60);
  });

  it("refuses wrong options with a message naming them", () => {
    expect(() => store.summarizeTraces({ from: T0, to: T0 })).toThrow(/"from" .* must be before "to"/);
    expect(() => store.summarizeTraces({ interval: "5 parsecs" })).toThrow(TracedUsageError);
    expect(() => store.summarizeTraces({ from: T0, to: T0 + 365 * 24 * HOUR, interval: "1m" })).toThrow(/at most 2000/);
    expect(() => store.summarizeTraces({ groupBy: ["colour"] })).toThrow(/unknown "groupBy" key "colour"/);
    expect(() => store.summarizeTraces({ wrong: 1 } as never)).toThrow(/wrong/);
    expect(() => store.summarizeTraces({ filter: "trace.nope = 1" })).toThrow(FilterError);
  });

  it("counts a trace without a duration, leaving it out of the percentiles", () => {
    store.writeTraces([summaryTrace({ startMs: T0 + 5_000, durationMs: 0 })]);
    const summary = store.summarizeTraces(RANGE);
    expect(summary.totals.traces).toBe(7);
    expect(summary.histogram[0]).toMatchObject({ lowerMs: 0, traces: 1 });
  });
});

describe("summarizeTraces on an MLflow tracking server", () => {
  it("counts the range's traces from their info: the file store's numbers; models and span names not available", async () => {
    const mlflow = await FakeMlflowServer.start();
    mlflow.experiments.add("7");
    const exporter = createMlflowExporter({ trackingUri: mlflow.uri, experimentId: "7" }, {}, new Diagnostics());
    await exporter.export(seededTraces());
    await exporter.shutdown();
    const server = new MlflowServerStore({ trackingUri: mlflow.uri, experimentId: "7" }, {});
    try {
      const options = { ...RANGE, groupBy: ["model", "span.name", "tag.env"] };
      const remote = await server.summarizeTraces(options);
      const local = store.summarizeTraces(options);
      expect(remote.available).toBe(true);
      if (!remote.available) return;
      expect(remote.totals).toEqual(local.totals);
      expect(remote.series).toEqual(local.series);
      expect(remote.histogram).toEqual(local.histogram);
      expect(remote.groups[2]).toEqual(local.groups[2]);
      for (const group of remote.groups.slice(0, 2)) {
        expect(group).toMatchObject({ distinct: 0, byCost: [], unavailable: expect.stringMatching(/Not available from an MLflow tracking server/) });
      }
      const filtered = await server.summarizeTraces({ ...RANGE, filter: "trace.status = 'ERROR'" });
      expect(filtered.available && filtered.totals.traces).toBe(1);
      await expect(server.summarizeTraces({ filter: "trace.nope = 1" })).rejects.toThrow(FilterError);
    } finally {
      await server.close();
      await mlflow.close();
    }
  });

  it("says it is not available, instead of numbers from a part, when more traces match than it reads", async () => {
    let served = 0;
    // A source that always has one more page: the scan stops at the limit.
    const endless = {
      searchTraces: async () => {
        const traces = Array.from({ length: 500 }, () => summaryTrace({ startMs: T0 + 1000, durationMs: 5 }));
        served += traces.length;
        return { traces, nextPageToken: "more" };
      },
    };
    const result = await summarizeOnServer(endless, RANGE);
    expect(served).toBe(SUMMARY_SCAN_LIMIT);
    expect(result.available).toBe(false);
    expect(result.available === false && result.reason).toMatch(/at most 10,000 traces .* and more match/);
  });
});
