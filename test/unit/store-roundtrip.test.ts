import { afterEach, describe, expect, it } from "vitest";
import { Trace, traceToMlflowJson } from "../../src/model/index.js";
import { openTraceDatabase, SCHEMA_VERSION, TraceReader, TraceWriter, type TraceDatabase } from "../../src/store/index.js";
import { goldenText, goldenTrace, makeTrace, tempDbPath } from "./store-test-traces.js";

describe("trace store writes and reads back", () => {
  let db: TraceDatabase | undefined;
  afterEach(() => db?.close());

  it("creates the schema in WAL mode at the current version", () => {
    db = openTraceDatabase(tempDbPath());
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    // The summary tables (store/summary-schema.ts) sit beside the trace tables.
    expect(tables).toEqual([
      "assessments",
      "latency_bins",
      "span_facts",
      "span_rollup",
      "spans",
      "tag_rollup",
      "trace_facts",
      "trace_metadata",
      "trace_rollup",
      "trace_tags",
      "traces",
    ]);
  });

  it("rebuilds the golden MLflow trace byte for byte (ns times, ids, events, tag order, assessments)", () => {
    db = openTraceDatabase(tempDbPath());
    new TraceWriter(db).write([goldenTrace()]);
    const back = new TraceReader(db).trace("tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a");
    expect(back).toBeDefined();
    expect(traceToMlflowJson(back!, 2)).toBe(goldenText.trimEnd());
  });

  it("replaces a trace written twice instead of duplicating its rows", () => {
    db = openTraceDatabase(tempDbPath());
    const writer = new TraceWriter(db);
    writer.write([goldenTrace()]);
    writer.write([goldenTrace()]);
    expect(db.prepare("SELECT count(*) FROM traces").pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM spans").pluck().get()).toBe(2);
    expect(db.prepare("SELECT count(*) FROM assessments").pluck().get()).toBe(2);
  });

  it("keeps a trace without spans, duration or previews", () => {
    db = openTraceDatabase(tempDbPath());
    const trace = makeTrace({ durationMs: null, spans: [] });
    new TraceWriter(db).write([trace]);
    const back = new TraceReader(db).trace(trace.traceId)!;
    expect(back.spans).toEqual([]);
    expect(back.info).toEqual(trace.info);
  });

  it("writes a batch atomically: a failing trace leaves none of the batch behind", () => {
    db = openTraceDatabase(tempDbPath());
    const good = makeTrace();
    const bad = makeTrace();
    // Make the second trace fail inside the transaction (a span row with no name violates NOT NULL).
    (bad.spans[0] as unknown as { name: unknown }).name = null;
    expect(() => new TraceWriter(db!).write([good, bad])).toThrow();
    expect(db.prepare("SELECT count(*) FROM traces").pluck().get()).toBe(0);
  });

  it("keeps an assessment id used by two traces on both (ids are unique per trace)", () => {
    db = openTraceDatabase(tempDbPath());
    const shared = goldenTrace().info.assessments[0]!;
    const [a, b] = [makeTrace(), makeTrace()].map(
      (t) => new Trace({ ...t.info, assessments: [{ ...shared, traceId: t.traceId }] }, t.spans),
    );
    new TraceWriter(db).write([a!, b!]);
    const reader = new TraceReader(db);
    expect(reader.trace(a!.traceId)!.info.assessments).toHaveLength(1);
    expect(reader.trace(b!.traceId)!.info.assessments).toHaveLength(1);
  });

  it("keeps a tag or metadata key named __proto__ as an ordinary key", () => {
    db = openTraceDatabase(tempDbPath());
    const t = makeTrace();
    const tags = Object.fromEntries([...Object.entries(t.info.tags), ["__proto__", "x"]]);
    const trace = new Trace({ ...t.info, tags, metadata: Object.fromEntries([["__proto__", "y"]]) }, t.spans);
    new TraceWriter(db).write([trace]);
    const back = new TraceReader(db).trace(trace.traceId)!;
    expect(Object.getPrototypeOf(back.info.tags)).toBe(Object.prototype);
    expect(Object.entries(back.info.tags)).toContainEqual(["__proto__", "x"]);
    expect(Object.entries(back.info.metadata)).toEqual([["__proto__", "y"]]);
  });

  it("opens an existing file again without re-running migrations", () => {
    const path = tempDbPath();
    openTraceDatabase(path).close();
    db = openTraceDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
  });
});
