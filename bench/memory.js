// Retained heap per finished span before export, for one library (argv[2]), in its own
// process started with --expose-gc. N root spans are created in one synchronous loop, so no
// exporter runs: every finished span is still held by the library's queue when we measure.
import { createTracedAdapter } from "./peers/traced.js";
import { createOtelAdapter } from "./peers/otel.js";
import { createLangfuseAdapter } from "./peers/langfuse.js";
import { createOpenInferenceAdapter } from "./peers/openinference.js";
import { createLangSmithAdapter } from "./peers/langsmith.js";

const SPANS = Number(process.env.BENCH_MEMORY_SPANS ?? 20_000);
const library = process.argv[2];
const queue = { maxQueueSize: SPANS * 2, maxExportBatchSize: SPANS * 2 };
const factories = {
  traced: () => createTracedAdapter(queue),
  otel: () => createOtelAdapter(queue),
  langfuse: () => createLangfuseAdapter(queue),
  openinference: () => createOpenInferenceAdapter(queue),
  langsmith: () => createLangSmithAdapter({ hangUploads: true }),
};

function heapAfterGc() {
  for (let i = 0; i < 3; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const adapter = factories[library]();
// A small named input and output, as in the sync-span workload.
const f = adapter.wrap((x) => x + 1, "retained");
// Warm up (and empty what warm-up queued) so code and shape caches are not counted.
for (let i = 0; i < 2_000; i++) f(i);
// LangSmith's traceable is promise-based: let its calls settle (the hung uploads keep the runs).
const settle = () => (adapter.alwaysAsync ? new Promise((resolve) => setTimeout(resolve, 300)) : undefined);
await settle();
adapter.drain();
const before = heapAfterGc();
const pending = [];
for (let i = 0; i < SPANS; i++) pending.push(f(i));
if (adapter.alwaysAsync) await Promise.all(pending);
pending.length = 0;
await settle();
const after = heapAfterGc();
// Keep the queue reachable until after the measurement.
adapter.drain();
process.stdout.write(JSON.stringify({ library: adapter.name, spans: SPANS, bytesPerSpan: (after - before) / SPANS }) + "\n");
process.exit(0);
