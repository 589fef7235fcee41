// The Overview's numbers over 1M traces (traced only). `node bench/summaries.js <db path>`
// seeds the store on first use — rows inserted straight into the store's schema with
// prepared statements in one transaction, then their summary rows added as the trace writer
// adds a batch's (SummaryUpkeep) —
// then times summarizeTraces (tinybench): the Overview's default (7 days, hourly, models and
// span names), daily, a tag ranking, and a filtered summary.
// BENCH_SUMMARY_TRACES sets N for quick runs (default 1,000,000).
import { existsSync } from "node:fs";
import { Bench } from "tinybench";
import { TraceStore } from "../dist/esm/query/index.js";
import { SummaryUpkeep } from "../dist/esm/store/summary-upkeep.js";

const path = process.argv[2];
const TRACES = Number(process.env.BENCH_SUMMARY_TRACES ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_SUMMARY_ITERATIONS ?? 10);
const HOUR = 3_600_000;
const DAYS = 7;
// Traces spread evenly over 7 whole days ending at TO.
const TO = Date.UTC(2026, 10, 8);
const FROM = TO - DAYS * 24 * HOUR;
const MODELS = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "gemini-2.5-flash"];

function seed() {
  const store = TraceStore.open(path);
  const db = store.db;
  const insertTrace = db.prepare("INSERT INTO traces (trace_row, trace_id, location, request_time_ms, execution_time_ms, state, request_preview, response_preview) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const insertSpan = db.prepare(
    "INSERT INTO spans (span_row, span_id, parent_span_id, name, span_type, status_code, status_message, start_time_ns, end_time_ns, attributes, events) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, '[]')",
  );
  const insertTag = db.prepare("INSERT INTO trace_tags (trace_row, key, value, ordinal) VALUES (?, ?, ?, ?)");
  const insertMetadata = db.prepare("INSERT INTO trace_metadata (trace_row, key, value, ordinal) VALUES (?, ?, ?, ?)");
  const location = JSON.stringify({ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: "0" } });
  const llmAttributes = MODELS.map((model) =>
    JSON.stringify({
      "mlflow.spanType": '"LLM"',
      "mlflow.llm.model": JSON.stringify(model),
      "mlflow.chat.tokenUsage": JSON.stringify({ input_tokens: 120, output_tokens: 40, total_tokens: 160 }),
      "mlflow.llm.cost": JSON.stringify({ input_cost: 0.0003, output_cost: 0.0004, total_cost: 0.0007 }),
    }),
  );
  const toolAttributes = JSON.stringify({ "mlflow.spanType": '"TOOL"' });
  const agentAttributes = JSON.stringify({ "mlflow.spanType": '"AGENT"' });
  const usage = JSON.stringify({ input_tokens: 120, output_tokens: 40, total_tokens: 160 });
  const cost = JSON.stringify({ input_cost: 0.0003, output_cost: 0.0004, total_cost: 0.0007 });
  const step = (TO - FROM) / TRACES;
  db.transaction(() => {
    for (let i = 0; i < TRACES; i++) {
      const row = i + 1;
      const start = Math.floor(FROM + i * step);
      // Latencies from 20 ms to ~5 s, long-tailed; one trace in twenty ends in ERROR.
      const duration = Math.floor(20 + ((i * 7919) % 1000) ** 2 / 200);
      const error = i % 20 === 0;
      insertTrace.run(row, `tr-${row.toString(16).padStart(32, "0")}`, location, start, duration, error ? "ERROR" : "OK", "question", "answer");
      const ns = BigInt(start) * 1_000_000n;
      const base = row * 2 ** 20;
      insertSpan.run(base, "a".repeat(16), null, "agent", "AGENT", error ? "ERROR" : "OK", ns, ns + BigInt(duration) * 1_000_000n, agentAttributes);
      insertSpan.run(base + 1, "b".repeat(16), "a".repeat(16), `tool_${i % 5}`, "TOOL", "OK", ns + 1_000_000n, ns + 3_000_000n, toolAttributes);
      insertSpan.run(base + 2, "c".repeat(16), "a".repeat(16), "chat", "LLM", "OK", ns + 4_000_000n, ns + BigInt(duration - 1) * 1_000_000n, llmAttributes[i % MODELS.length]);
      insertTag.run(row, "env", i % 3 === 0 ? "prod" : "dev", 0);
      insertMetadata.run(row, "mlflow.trace.tokenUsage", usage, 0);
      insertMetadata.run(row, "mlflow.trace.cost", cost, 1);
    }
    new SummaryUpkeep(db).addTraces(1, TRACES + 1);
  })();
  store.close();
}

const seeded = !existsSync(path);
const seedStart = performance.now();
if (seeded) seed();
const seedMs = performance.now() - seedStart;
const store = TraceStore.open(path);
const traces = store.db.prepare("SELECT count(*) AS n FROM traces").get().n;
const CASES = {
  overview: { from: FROM, to: TO, interval: "1h" },
  daily: { from: FROM, to: TO, interval: "1d" },
  "tag.env": { from: FROM, to: TO, interval: "1d", groupBy: ["tag.env"] },
  filtered: { from: FROM, to: TO, interval: "1d", filter: "trace.status = 'ERROR'" },
};
const bench = new Bench({ iterations: ITERATIONS, time: 0, warmupIterations: 2, warmupTime: 0 });
for (const [name, options] of Object.entries(CASES)) bench.add(name, () => store.summarizeTraces(options));
await bench.run();
const results = bench.tasks.map((task) => ({ case: task.name, medianMs: task.result.latency.p50, traces: store.summarizeTraces(CASES[task.name]).totals.traces }));
store.db.close();
process.stdout.write(JSON.stringify({ traces, seeded, seedMs: seeded ? seedMs : null, results }) + "\n");
