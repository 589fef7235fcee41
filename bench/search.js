// Filtered search over 1M spans (traced only). `node bench/search.js <db path>` builds the
// store on first use (205,000 traces, 1M+ spans, written in chunks through the store
// exporter), then times searchTraces with two filters (tinybench).
import { existsSync } from "node:fs";
import { Bench } from "tinybench";
import * as traced from "traced";
import { createStoreExporter } from "../dist/esm/store/index.js";
import { TraceStore } from "../dist/esm/query/index.js";

const path = process.argv[2];
const TRACES = Number(process.env.BENCH_SEARCH_TRACES ?? 205_000);
const CHUNK = 2_000;
const ITERATIONS = Number(process.env.BENCH_SEARCH_ITERATIONS ?? 20);

function buildStore() {
  const memory = new traced.InMemoryExporter();
  traced.reset();
  traced.configure({ destination: memory, maxQueueSize: CHUNK + 1, onDiagnostic: () => {} });
  const pipeline = globalThis[Symbol.for("traced.registry")].singletons.get("export.pipeline");
  const store = createStoreExporter({ path });
  const llm = traced.trace((prompt) => ({ text: `reply to ${prompt}`, usage: { input_tokens: 12, output_tokens: 30 } }), { name: "chat", spanType: "LLM" });
  const tool = traced.trace((q) => ({ hits: [q] }), { name: "search", spanType: "TOOL" });
  const agent = traced.trace(
    (i) => {
      traced.updateCurrentTrace({ tags: { env: i % 3 === 0 ? "prod" : "dev" } });
      tool(`q${i}`);
      tool(`r${i}`);
      llm(`p${i}`);
      if (i % 10 === 0) throw new Error("agent failed");
      return llm(`final ${i}`);
    },
    { name: "agent", spanType: "AGENT" },
  );
  for (let start = 0; start < TRACES; start += CHUNK) {
    for (let i = start; i < start + CHUNK; i++) {
      try {
        agent(i);
      } catch {
        // one trace in ten ends in ERROR, on purpose
      }
    }
    pipeline.flushSync();
    store.exportSync(memory.take());
  }
  return store.shutdown();
}

if (!existsSync(path)) await buildStore();
const store = TraceStore.open(path);
const spans = store.db.prepare("SELECT count(*) AS n FROM spans").get().n;
const FILTERS = {
  "trace.status = 'ERROR' AND span.type = 'LLM'": "errors with an LLM span",
  "tags.env = 'prod' AND trace.execution_time_ms >= 0": "tag and number",
};
const bench = new Bench({ iterations: ITERATIONS, time: 0, warmupIterations: 3, warmupTime: 0 });
for (const filter of Object.keys(FILTERS)) bench.add(filter, () => store.searchTraces({ filter, maxResults: 100 }));
await bench.run();
const results = bench.tasks.map((task) => ({ filter: task.name, medianMs: task.result.latency.p50, results: store.searchTraces({ filter: task.name, maxResults: 100 }).traces.length }));
store.db.close();
process.stdout.write(JSON.stringify({ spans, results }) + "\n");
process.exit(0);
