// `traced ui` server time (traced only): the trace list's first page over a store of 100k
// traces, and one 10k-span trace's detail, each a median over repeated requests on loopback
// (request latency, an upper bound on server time).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as traced from "traced";
import { createStoreExporter } from "../dist/esm/store/index.js";
import { createUiServer } from "../dist/esm/ui/index.js";

const TRACES = Number(process.env.BENCH_UI_TRACES ?? 100_000);
const BIG_TRACE_SPANS = 10_000;
const REQUESTS = Number(process.env.BENCH_UI_REQUESTS ?? 30);
const BATCH = 2_000;

const dir = mkdtempSync(join(tmpdir(), "traced-bench-ui-"));
const dbPath = join(dir, "ui.db");
const store = createStoreExporter({ path: dbPath });
const memory = new traced.InMemoryExporter();
traced.reset();
traced.configure({ destination: memory, maxQueueSize: BATCH + 1, onDiagnostic: () => {} });
const pipeline = globalThis[Symbol.for("traced.registry")].singletons.get("export.pipeline");

// 100k small traces (an agent with a tool call), written in batches as the exporter would.
const tool = traced.trace((q) => ({ hits: [q] }), { name: "tool", spanType: "TOOL" });
const agent = traced.trace((q) => tool(q).hits.length, { name: "agent", spanType: "AGENT" });
for (let written = 0; written < TRACES; written += BATCH) {
  for (let i = 0; i < BATCH; i++) agent(`question ${written + i}`);
  pipeline.flushSync();
  store.exportSync(memory.take());
}
// One trace of 10k spans.
const leaf = traced.trace((i) => i, { name: "step" });
const big = traced.trace(() => { for (let i = 1; i < BIG_TRACE_SPANS; i++) leaf(i); }, { name: "big", spanType: "CHAIN" });
big();
pipeline.flushSync();
const [bigTrace] = memory.take();
store.exportSync([bigTrace]);
await store.shutdown();

const server = await createUiServer({ dbPath, port: 0 });
async function medianMs(path) {
  const times = [];
  for (let i = 0; i < REQUESTS + 3; i++) {
    const started = performance.now();
    const response = await fetch(new URL(path, server.url));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    await response.arrayBuffer();
    if (i >= 3) times.push(performance.now() - started); // the first requests warm up
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
const listMs = await medianMs("/api/traces");
const detailMs = await medianMs(`/api/traces/${bigTrace.info.traceId}`);
await server.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ traces: TRACES + 1, listMs, bigTraceSpans: BIG_TRACE_SPANS, detailMs }) + "\n");
process.exit(0);
