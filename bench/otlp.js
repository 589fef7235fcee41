// OTLP export rate (traced only): batches of 100 traces × 5 spans encoded as OTLP protobuf
// and POSTed to a local receiver in this same process (so sender and receiver share the
// core: a conservative number). One awaited export per timed tinybench iteration.
import { createServer } from "node:http";
import { Bench } from "tinybench";
import * as traced from "traced";
import { createOtlpExporter } from "../dist/esm/export/otlp/index.js";

const TRACES_PER_BATCH = 100;
const SPANS_PER_TRACE = 5;
const ITERATIONS = Number(process.env.BENCH_OTLP_ITERATIONS ?? 40);

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

let receivedBytes = 0;
const server = createServer((req, res) => {
  req.on("data", (chunk) => (receivedBytes += chunk.length));
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/x-protobuf" });
    res.end();
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const exporter = createOtlpExporter({ endpoint: `http://127.0.0.1:${server.address().port}/v1/traces` }, {});
const batch = makeTraces(TRACES_PER_BATCH);

const bench = new Bench({ iterations: ITERATIONS, time: 0, warmupIterations: 5, warmupTime: 0 });
bench.add("OTLP export (http/protobuf, 500 spans per request)", () => exporter.export(batch));
await bench.run();
const task = bench.tasks[0];
if (task.result.state === "errored") throw task.result.error;
const latency = task.result.latency;
await exporter.shutdown();
server.close();
const spansPerBatch = TRACES_PER_BATCH * SPANS_PER_TRACE;
process.stdout.write(JSON.stringify({ medianMsPerBatch: latency.p50, spansPerBatch, spansPerSecond: (spansPerBatch / latency.p50) * 1000, receivedBytes }) + "\n");
process.exit(0);
