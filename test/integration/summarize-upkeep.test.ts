/**
 * The summary tables after every kind of write equal what they summarise, recomputed from the
 * stored traces: the writer's batch upkeep (new traces, a trace written twice in one batch, a
 * later part of a stored trace, with or without its root), deletes, tag edits, assessments,
 * imports; and a store written by migration 2 (rows made by triggers) carried to migration 3.
 * store-driver-suites.test.ts runs this file on node:sqlite too.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TraceStore } from "../../src/query/index.js";
import { summarizeTraces } from "../../src/query/summarize-traces.js";
import { type TraceDatabase } from "../../src/store/database.js";
import { migrate } from "../../src/store/migrate.js";
import { openSqlite } from "../../src/store/sqlite-driver.js";
import { MIGRATIONS } from "../../src/store/schema.js";
import { ranges } from "../../src/store/summary-upkeep.js";
import { TraceWriter } from "../../src/store/trace-writer.js";
import { Trace } from "../../src/model/trace.js";
import { HOUR, T0, seededTraces, summaryTrace } from "./summarize-fixture.js";

const RANGE = { from: T0, to: T0 + 3 * HOUR, interval: "1h", groupBy: ["model", "span.name", "tag.env", "tag.mlflow.traceName"] };

// Each summary table as what it must equal, computed from the tables it summarises (sums rounded: float order differs).
const RECOMPUTED: Record<string, [stored: string, recomputed: string]> = {
  trace_facts: [
    "SELECT trace_row, request_time_ms, hour, duration_ms, latency_bin, is_error, input_tokens, output_tokens, total_tokens, round(cost, 9) FROM trace_facts",
    `SELECT t.trace_row, t.request_time_ms, t.request_time_ms / ${HOUR}, t.execution_time_ms,
       (SELECT bin FROM latency_bins WHERE lower_ms <= t.execution_time_ms ORDER BY lower_ms DESC LIMIT 1), t.state = 'ERROR',
       json_extract(u.value, '$.input_tokens'), json_extract(u.value, '$.output_tokens'), json_extract(u.value, '$.total_tokens'),
       round(json_extract(c.value, '$.total_cost'), 9)
     FROM traces t LEFT JOIN trace_metadata u ON u.trace_row = t.trace_row AND u.key = 'mlflow.trace.tokenUsage'
     LEFT JOIN trace_metadata c ON c.trace_row = t.trace_row AND c.key = 'mlflow.trace.cost'`,
  ],
  span_facts: [
    "SELECT span_row, start_time_ns || '', hour, name, model, is_error, duration_ms, input_tokens, output_tokens, cost FROM span_facts",
    "SELECT span_row, start_time_ns || '', hour, name, model, is_error, duration_ms, input_tokens, output_tokens, cost FROM span_contributions",
  ],
  trace_rollup: [
    "SELECT hour, latency_bin, traces, errors, input_tokens, output_tokens, total_tokens, with_tokens, round(cost, 9), priced FROM trace_rollup",
    `SELECT hour, coalesce(latency_bin, -1), count(*), sum(is_error), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),
       coalesce(sum(total_tokens), 0), count(total_tokens), round(coalesce(sum(cost), 0), 9), count(cost) FROM trace_facts GROUP BY 1, 2`,
  ],
  span_rollup: [
    "SELECT hour, name, model, spans, errors, timed, round(duration_ms, 6), input_tokens, output_tokens, priced, round(cost, 9) FROM span_rollup",
    `SELECT hour, name, model, count(*), sum(is_error), count(duration_ms), round(coalesce(sum(duration_ms), 0), 6), coalesce(sum(input_tokens), 0),
       coalesce(sum(output_tokens), 0), count(cost), round(coalesce(sum(cost), 0), 9) FROM span_facts GROUP BY 1, 2, 3`,
  ],
  tag_rollup: [
    "SELECT hour, key, value, traces, errors, timed, round(duration_ms, 6), input_tokens, output_tokens, priced, round(cost, 9) FROM tag_rollup",
    `SELECT f.hour, g.key, g.value, count(*), sum(f.is_error), count(f.duration_ms), round(coalesce(sum(f.duration_ms), 0), 6),
       coalesce(sum(f.input_tokens), 0), coalesce(sum(f.output_tokens), 0), count(f.cost), round(coalesce(sum(f.cost), 0), 9)
     FROM trace_tags g JOIN trace_facts f ON f.trace_row = g.trace_row GROUP BY 1, 2, 3`,
  ],
};

function expectSummaryTablesExact(db: TraceDatabase): void {
  for (const [table, [stored, recomputed]] of Object.entries(RECOMPUTED)) {
    const rows = (sql: string) => db.prepare(sql).raw().all().map((row) => JSON.stringify(row)).sort();
    expect(rows(stored), table).toEqual(rows(recomputed));
  }
}

let dir: string;
let store: TraceStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "traced-upkeep-"));
  store = TraceStore.open(join(dir, "traces.db"));
});
afterEach(() => store.close());

describe("summary upkeep", () => {
  it("adds a batch's new traces, once each, with their tags", () => {
    store.writeTraces(seededTraces());
    expectSummaryTablesExact(store.db);
    expect(store.db.prepare("SELECT count(*) FROM tag_rollup WHERE key = 'env'").pluck().get()).toBe(2);
    const env = store.summarizeTraces(RANGE).groups.find((g) => g.key === "tag.env")!;
    expect(env.byLatency.map((r) => [r.value, r.count, r.cost])).toEqual([
      ["prod", 2, 0.02],
      ["dev", 1, 0.01],
    ]);
  });

  it("keeps them right when a batch writes a trace twice, and when a later export rewrites a stored one", () => {
    const traces = seededTraces();
    store.writeTraces([...traces, ...traces]);
    expectSummaryTablesExact(store.db);
    store.writeTraces(traces.slice(2, 5));
    expectSummaryTablesExact(store.db);
    // A later part without the root (adds a span, keeps the info), then the root's part with new numbers and a new tag.
    const whole = summaryTrace({ startMs: T0 + 500, durationMs: 30, model: "gpt-4o", inputTokens: 1, outputTokens: 1, cost: 0.5, tags: { env: "dev" } });
    const [root, chat] = whole.spans;
    store.writeTraces([new Trace({ ...whole.info, requestTimeMs: T0 + 2 * HOUR + 100, executionDurationMs: 5000, tags: { env: "prod" } }, [chat!])]);
    expectSummaryTablesExact(store.db);
    store.writeTraces([traces[0]!, new Trace(whole.info, [root!]), traces[1]!]);
    expectSummaryTablesExact(store.db);
    const env = store.summarizeTraces(RANGE).groups.find((g) => g.key === "tag.env")!;
    expect(env.byLatency.map((r) => [r.value, r.count])).toEqual([
      ["dev", 2],
      ["prod", 2],
    ]);
  });

  it("follows deletes, tag edits and assessments", () => {
    const traces = seededTraces();
    store.writeTraces(traces);
    store.setTraceTag(traces[2]!.traceId, "env", "staging");
    store.setTraceTag(traces[1]!.traceId, "env", "prod");
    expectSummaryTablesExact(store.db);
    expect(store.deleteTraceTag(traces[5]!.traceId, "env")).toBe(true);
    store.logFeedback({ traceId: traces[3]!.traceId, name: "helpful", value: true });
    expectSummaryTablesExact(store.db);
    expect(store.deleteTraces({ traceIds: [traces[1]!.traceId, traces[3]!.traceId] })).toBe(2);
    expectSummaryTablesExact(store.db);
    expect(store.deleteTraces({ maxTimestampMs: T0 + 2 * HOUR + 1_500 })).toBe(4);
    expectSummaryTablesExact(store.db);
    // A trace's row id freed by a delete and given to a new trace starts from clean summary rows.
    store.writeTraces(seededTraces().slice(6));
    expectSummaryTablesExact(store.db);
    const summary = store.summarizeTraces(RANGE);
    expect(summary.totals.traces).toBe(2);
    expect(summary.groups.find((g) => g.key === "tag.env")!.byLatency.map((r) => [r.value, r.count])).toEqual([["prod", 2]]);
  });

  it("adds imported traces like written ones", () => {
    store.writeTraces(seededTraces());
    mkdirSync(join(dir, "export"));
    expect(store.exportTraces({ directory: join(dir, "export") })).toBe(8);
    const copy = TraceStore.open(join(dir, "copy.db"));
    try {
      expect(copy.importTraces(join(dir, "export"))).toBe(8);
      expectSummaryTablesExact(copy.db);
      expect(copy.importTraces(join(dir, "export"))).toBe(8);
      expectSummaryTablesExact(copy.db);
      expect(copy.summarizeTraces(RANGE)).toEqual(store.summarizeTraces(RANGE));
    } finally {
      copy.close();
    }
  });

  it("ranks tags the same from the hourly rollup as from the tag rows", () => {
    store.writeTraces(seededTraces());
    const rolled = store.summarizeTraces(RANGE);
    const exact = store.summarizeTraces({ ...RANGE, filter: "trace.execution_time_ms >= 0" });
    const partHours = store.summarizeTraces({ ...RANGE, from: T0 + 500, to: T0 + 3 * HOUR - 1 });
    expect(exact.groups).toEqual(rolled.groups);
    expect(partHours.groups).toEqual(rolled.groups);
  });

  it("carries a store of migration 2 (summary rows made by triggers) to migration 3", () => {
    const db = openSqlite(":memory:", { readonly: false, busyTimeoutMs: 1000 });
    migrate(db, MIGRATIONS.slice(0, 2));
    const traces = seededTraces();
    // On migration 2 the writer leaves the summary rows to that schema's triggers.
    new TraceWriter(db).write([...traces, traces[1]!]);
    db.prepare("UPDATE trace_tags SET value = 'prod' WHERE key = 'env' AND value = 'dev'").run();
    migrate(db);
    expectSummaryTablesExact(db);
    store.writeTraces(traces);
    store.setTraceTag(traces[1]!.traceId, "env", "prod");
    expect(summarizeTraces(db, RANGE)).toEqual(store.summarizeTraces(RANGE));
    new TraceWriter(db).write(seededTraces());
    expectSummaryTablesExact(db);
    db.close();
  });

  it("groups row ids into runs", () => {
    expect(ranges([7, 3, 4, 5, 9, 4])).toEqual([
      [3, 6],
      [7, 8],
      [9, 10],
    ]);
    expect(ranges([])).toEqual([]);
  });
});
