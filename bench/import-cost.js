// Issue 17: what a cold start costs. Each sample is a fresh process that imports the library,
// sets it up and makes its first traced call: traced (an OTLP destination, and its default
// local store; traced/runtime, as transformed code loads it), the OpenTelemetry SDK (NodeTracerProvider + BatchSpanProcessor + its OTLP
// proto exporter, one span) and LangSmith's traceable (one call, offline client). Measured in
// the child: wall time from before the import to after the call, then RSS and heap after a
// forced GC; a child that imports nothing gives the process's own memory, which the memory
// ratios subtract. Runs interleave the cases in rotating order; ratios are taken within a run,
// then the median over runs. `node bench/import-cost.js` prints JSON (children use the same
// Node binary as the parent, so run it with Node 22 for Node 22's numbers).
import { execFileSync } from "node:child_process";
import { median, spread } from "./stats.js";

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 11);
const ENDPOINT = "http://127.0.0.1:9/v1/traces"; // nothing listens: no export finishes before the measurement

const CASES = {
  bare: async () => {},
  traced: async () => {
    const { configure, trace } = await import("traced");
    configure({ destination: { otlp: { endpoint: ENDPOINT } } });
    trace(function hello(name) {
      return `hello ${name}`;
    })("world");
  },
  tracedStore: async () => {
    const { trace } = await import("traced");
    trace(function hello(name) {
      return `hello ${name}`;
    })("world");
  },
  // What code compiled by the @traced transformer loads: traced/runtime, the capture path alone.
  tracedRuntime: async () => {
    const { defineSite, invoke } = await import("traced/runtime");
    invoke(defineSite({ name: "hello", parameterNames: ["name"] }), ["world"], () => "hello world");
  },
  otel: async () => {
    const { NodeTracerProvider, BatchSpanProcessor } = await import("@opentelemetry/sdk-trace-node");
    const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-proto");
    const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: ENDPOINT }))] });
    provider.register();
    provider.getTracer("bench").startActiveSpan("hello", (span) => {
      span.setAttribute("input", JSON.stringify({ name: "world" }));
      span.end();
    });
  },
  langsmith: async () => {
    const [{ Client }, { traceable }] = await Promise.all([import("langsmith"), import("langsmith/traceable")]);
    const offline = async () => new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    const client = new Client({ apiUrl: "http://127.0.0.1:9", apiKey: "offline-bench", fetchImplementation: offline, autoBatchTracing: true });
    await traceable((name) => `hello ${name}`, { name: "hello", client, tracingEnabled: true })("world");
  },
};

async function child(name) {
  const start = performance.now();
  await CASES[name]();
  const ms = performance.now() - start;
  for (let i = 0; i < 3; i++) globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  process.stdout.write(JSON.stringify({ ms, rss, heap: heapUsed }) + "\n");
  // The default store and the exporters would export now; the measurement is over.
  process.exit(0);
}

function sample(name, dbDir) {
  const out = execFileSync(process.execPath, ["--expose-gc", import.meta.filename, "child", name], {
    encoding: "utf8",
    env: { ...process.env, TRACED_DB: `${dbDir}/import-cost.db`, OTEL_SDK_DISABLED: "" },
    stdio: ["ignore", "pipe", "ignore"],
  });
  return JSON.parse(out.trim().split("\n").at(-1));
}

async function parent() {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dbDir = mkdtempSync(join(tmpdir(), "traced-import-cost-"));
  const names = Object.keys(CASES);
  const runs = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const order = names.map((_, i) => names[(i + run) % names.length]);
      const samples = {};
      for (const name of order) samples[name] = sample(name, dbDir);
      runs.push(samples);
    }
  } finally {
    rmSync(dbDir, { recursive: true, force: true });
  }
  const over = (pick) => ({ median: median(runs.map(pick)), spread: spread(runs.map(pick)) });
  const cases = Object.fromEntries(
    names.map((name) => [name, { ms: median(runs.map((r) => r[name].ms)), rssMb: median(runs.map((r) => r[name].rss)) / 2 ** 20, heapMb: median(runs.map((r) => r[name].heap)) / 2 ** 20 }]),
  );
  /** `a` against `b` within each run: time as measured, memory above the bare process's. */
  const vs = (a, b) => ({
    time: over((r) => r[a].ms / r[b].ms),
    rss: over((r) => (r[a].rss - r.bare.rss) / (r[b].rss - r.bare.rss)),
    heap: over((r) => (r[a].heap - r.bare.heap) / (r[b].heap - r.bare.heap)),
  });
  return {
    node: process.version,
    runs: RUNS,
    cases,
    tracedVsOtel: vs("traced", "otel"),
    tracedStoreVsOtel: vs("tracedStore", "otel"),
    tracedRuntimeVsOtel: vs("tracedRuntime", "otel"),
    tracedVsLangsmith: vs("traced", "langsmith"),
  };
}

if (process.argv[2] === "child") await child(process.argv[3]);
else process.stdout.write(JSON.stringify(await parent()) + "\n");
