// Store ingest as a ratio, side by side in one process: traced's TraceWriter.write of a batch
// (100 finished traces of 5 spans, built by real traced calls) against plain prepared-statement
// inserts of the same rows (trace, spans, tags, metadata: the rows traced writes, computed
// beforehand) into the same schema, then their summary rows added with the same grouped
// statements the writer runs at the end of a batch (SummaryUpkeep), in one transaction per batch, each side on its own fresh
// file opened with the same pragmas. Batches alternate between the two sides so that both see
// the same machine state. Runs with the driver this Node chooses (TRACED_SQLITE_DRIVER forces
// one); bench/run.js runs it under Node 20 (better-sqlite3) and Node 22 (node:sqlite).
// A third side writes through the store exporter's asynchronous export() (what the export
// pipeline calls), which must not add to the cost. A fourth side is the same TraceWriter on a
// store of the first schema only (no summary tables): what keeping the summaries costs a write.
// Prints { driver, node, tracedMsPerBatch, plainMsPerBatch, ratio, asyncRatio, summaryRatio } with
// ratio = plain / traced time (1 = traced as fast as the plain inserts; goal ≥ 0.7) and
// summaryRatio = the first-schema writer's time / traced's (1 = the summaries cost nothing).
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as traced from "traced";
import { createStoreExporter, openTraceDatabase, sqliteDriverName, TraceWriter } from "../dist/esm/store/index.js";
import { migrate } from "../dist/esm/store/migrate.js";
import { firstSpanRow, MIGRATIONS } from "../dist/esm/store/schema.js";
import { openSqlite } from "../dist/esm/store/sqlite-driver.js";
import { SummaryUpkeep } from "../dist/esm/store/summary-upkeep.js";
import { spanToRow } from "../dist/esm/store/span-row.js";
import { traceInfoToRow } from "../dist/esm/store/trace-row.js";

const TRACES_PER_BATCH = 100;
const WARMUP = 5;
const ITERATIONS = Number(process.env.BENCH_STORE_ITERATIONS ?? 40);

/** Builds `count` finished traces with real traced calls (an agent step with 4 children). */
function makeTraces(count) {
  const memory = new traced.InMemoryExporter();
  traced.reset();
  traced.configure({ destination: memory, maxQueueSize: count + 1, onDiagnostic: () => {} });
  const tool = traced.trace((q) => ({ hits: [q, q.length] }), { name: "tool", spanType: "TOOL" });
  const agent = traced.trace((q) => [tool(q), tool(q + "!"), tool(q + "?"), tool(q + ".")], { name: "agent", spanType: "AGENT" });
  for (let i = 0; i < count; i++) agent(`question ${i}`);
  globalThis[Symbol.for("traced.registry")].singletons.get("export.pipeline").flushSync();
  return memory.take();
}

/** A raw connection of the driver itself (no traced adapter), with the pragmas traced sets. */
function rawConnection(driver, path) {
  openTraceDatabase(path).close(); // the schema, created by traced
  let db;
  if (driver === "node") {
    const { DatabaseSync } = process.getBuiltinModule("node:sqlite");
    db = new DatabaseSync(path);
    db.transaction = (fn) => () => {
      db.exec("BEGIN IMMEDIATE");
      try {
        fn();
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    };
  } else if (driver === "better") {
    const Database = createRequire(import.meta.url)("better-sqlite3");
    db = new Database(path);
    const transaction = db.transaction.bind(db);
    db.transaction = (fn) => transaction(fn).immediate;
  } else {
    throw new Error(`store-ingest: no plain baseline for driver ${driver}`);
  }
  for (const pragma of ["journal_mode = WAL", "synchronous = NORMAL", "cache_size = -65536", "wal_autocheckpoint = 8192"]) db.exec(`PRAGMA ${pragma}`);
  return db;
}

/** The rows traced stores for each trace, as positional values, computed before timing. */
function rowsOf(trace) {
  const info = traceInfoToRow(trace.info);
  return {
    trace: [info.trace_id, info.location, info.request_time_ms, info.execution_time_ms, info.state, info.request_preview, info.response_preview, info.client_request_id],
    spans: trace.spans.map(spanToRow).map((s) => [s.span_id, s.parent_span_id, s.name, s.span_type, s.status_code, s.status_message, s.start_time_ns, s.end_time_ns, s.attributes, s.events]),
    tags: Object.entries(trace.info.tags),
    metadata: Object.entries(trace.info.metadata),
  };
}

/** A store of the first schema only (traces, spans, tags, metadata: no summary tables), with traced's pragmas. */
function firstSchemaDatabase(path) {
  const db = openSqlite(path, { readonly: false, busyTimeoutMs: 2000 });
  for (const pragma of ["journal_mode = WAL", "synchronous = NORMAL", "cache_size = -65536", "wal_autocheckpoint = 8192"]) db.pragma(pragma);
  migrate(db, MIGRATIONS.slice(0, 1));
  return db;
}

function plainWriter(db) {
  const insertTrace = db.prepare(
    "INSERT INTO traces (trace_id, location, request_time_ms, execution_time_ms, state, request_preview, response_preview, client_request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertSpan = db.prepare(
    "INSERT INTO spans (span_row, span_id, parent_span_id, name, span_type, status_code, status_message, start_time_ns, end_time_ns, attributes, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertTag = db.prepare("INSERT INTO trace_tags (trace_row, key, value, ordinal) VALUES (?, ?, ?, ?)");
  const insertMetadata = db.prepare("INSERT INTO trace_metadata (trace_row, key, value, ordinal) VALUES (?, ?, ?, ?)");
  const summaries = new SummaryUpkeep(db);
  let rows;
  const write = db.transaction(() => {
    const inserted = new Set();
    const llmSpans = [];
    for (const row of rows) {
      const traceRow = Number(insertTrace.run(...row.trace).lastInsertRowid);
      inserted.add(traceRow);
      let spanRow = firstSpanRow(traceRow);
      for (const span of row.spans) {
        if (SummaryUpkeep.mayHaveLlmFacts(span[8])) llmSpans.push(spanRow);
        insertSpan.run(spanRow++, ...span);
      }
      let ordinal = 0;
      for (const [key, value] of row.tags) insertTag.run(traceRow, key, value, ordinal++);
      ordinal = 0;
      for (const [key, value] of row.metadata) insertMetadata.run(traceRow, key, value, ordinal++);
    }
    summaries.add(inserted, new Set(), llmSpans);
  });
  return (batch) => {
    rows = batch;
    write();
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const driver = sqliteDriverName();
const dir = mkdtempSync(join(tmpdir(), "traced-bench-ingest-"));
const batches = WARMUP + ITERATIONS;
const SIDES = 4;
const traces = makeTraces(batches * TRACES_PER_BATCH * SIDES);
const tracedDb = openTraceDatabase(join(dir, "traced.db"));
const writer = new TraceWriter(tracedDb);
const plainDb = rawConnection(driver, join(dir, "plain.db"));
const plain = plainWriter(plainDb);
const exporter = createStoreExporter({ path: join(dir, "exporter.db") });
const firstSchemaDb = firstSchemaDatabase(join(dir, "first-schema.db"));
const firstSchemaWriter = new TraceWriter(firstSchemaDb);
const times = { traced: [], plain: [], async: [], firstSchema: [] };
const timed = async (name, write) => {
  const start = performance.now();
  await write();
  return [name, performance.now() - start];
};
for (let i = 0; i < batches; i++) {
  const slice = (k) => traces.slice((SIDES * i + k) * TRACES_PER_BATCH, (SIDES * i + k + 1) * TRACES_PER_BATCH);
  const [tracedBatch, plainRows, asyncBatch, firstSchemaBatch] = [slice(0), slice(1).map(rowsOf), slice(2), slice(3)];
  const sides = [
    () => timed("traced", () => writer.write(tracedBatch)),
    () => timed("plain", () => plain(plainRows)),
    () => timed("async", () => exporter.export(asyncBatch)),
    () => timed("firstSchema", () => firstSchemaWriter.write(firstSchemaBatch)),
  ];
  // Rotate which side goes first, so none always runs right after another's checkpoint.
  for (let k = 0; k < sides.length; k++) {
    const [name, ms] = await sides[(i + k) % sides.length]();
    if (i >= WARMUP) times[name].push(ms);
  }
}
await exporter.shutdown();
tracedDb.close();
plainDb.close();
firstSchemaDb.close();
rmSync(dir, { recursive: true, force: true });
const tracedMs = median(times.traced);
const plainMs = median(times.plain);
const asyncMs = median(times.async);
const firstSchemaMs = median(times.firstSchema);
const spansPerBatch = TRACES_PER_BATCH * traces[0].spans.length;
process.stdout.write(
  JSON.stringify({
    driver,
    node: process.versions.node,
    spansPerBatch,
    tracedMsPerBatch: tracedMs,
    plainMsPerBatch: plainMs,
    tracedSpansPerSecond: (spansPerBatch / tracedMs) * 1000,
    plainSpansPerSecond: (spansPerBatch / plainMs) * 1000,
    ratio: plainMs / tracedMs,
    asyncMsPerBatch: asyncMs,
    asyncRatio: plainMs / asyncMs,
    firstSchemaMsPerBatch: firstSchemaMs,
    summaryRatio: firstSchemaMs / tracedMs,
    samples: times.traced.length,
  }) + "\n",
);
process.exit(0);
