// Store ingest rate (traced only): finished traces of 5 spans written to a fresh SQLite file
// with the store exporter's exportSync, 100 traces (500 spans) per batch, one batch per
// timed iteration (tinybench). Every batch holds new traces, so each write is a real insert.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bench } from "tinybench";
import * as traced from "traced";
import { createStoreExporter } from "../dist/esm/store/index.js";

const TRACES_PER_BATCH = 100;
const SPANS_PER_TRACE = 5;
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

const dir = mkdtempSync(join(tmpdir(), "traced-bench-store-"));
const exporter = createStoreExporter({ path: join(dir, "bench.db") });
const traces = makeTraces((WARMUP + ITERATIONS + 5) * TRACES_PER_BATCH);
let next = 0;
let batch;

const bench = new Bench({ iterations: ITERATIONS, time: 0, warmupIterations: WARMUP, warmupTime: 0 });
bench.add("store ingest (exportSync, 500 spans per batch)", () => exporter.exportSync(batch), {
  beforeEach() {
    batch = traces.slice(next, next + TRACES_PER_BATCH);
    next += TRACES_PER_BATCH;
  },
});
await bench.run();
const latency = bench.tasks[0].result.latency;
await exporter.shutdown();
rmSync(dir, { recursive: true, force: true });
const spansPerBatch = TRACES_PER_BATCH * SPANS_PER_TRACE;
process.stdout.write(
  JSON.stringify({ medianMsPerBatch: latency.p50, spansPerBatch, spansPerSecond: (spansPerBatch / latency.p50) * 1000, p25Ms: latency.p25 ?? null, p75Ms: latency.p75, samples: latency.samplesCount ?? ITERATIONS }) + "\n",
);
process.exit(0);
