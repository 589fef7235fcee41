// One round of the capture benchmark, in its own process started with --expose-gc (prints JSON):
// - a traced call given a huge graph (~50 MB, 1M nodes): time per call, and the heap each
//   finished span retains (its captured JSON is bounded by the capture budget);
// - a traced call given one object with 1M keys: its first call (V8 lists all the keys
//   once, see src/processing/own-keys.ts) and every later call;
// - many small traced calls with ordinary inputs (a promise chain passing small objects),
//   against the same code untraced and under the OpenTelemetry SDK.
// Medians of batches; nothing is exported during a batch (the queue is emptied between them).
import { do_not_optimize, measure } from "mitata";
import { createTracedAdapter } from "./peers/traced.js";
import { createOtelAdapter } from "./peers/otel.js";

const quick = process.env.BENCH_QUICK === "1";
// BENCH_CAPTURE_PARTS=small (say) runs only some parts: graph, keys, small.
const parts = new Set((process.env.BENCH_CAPTURE_PARTS ?? "graph,keys,small").split(","));
const traced = createTracedAdapter();
const otel = createOtelAdapter();
const api = traced.api;

function heapAfterGc() {
  for (let i = 0; i < 3; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const between = () => {
  traced.drain();
  otel.drain();
  globalThis.gc?.({ type: "minor" });
};

async function time(fn, batch) {
  for (let i = 0; i < 200; i++) await fn();
  between();
  const stats = await measure(fn, { min_cpu_time: (quick ? 60 : 300) * 1e6, inner_gc: true, gc: between, batch_threshold: Infinity, warmup_threshold: Infinity, batch_samples: batch });
  return stats.p50;
}

/**
 * About 50 MB and 1M nodes (objects, array items and keys, as the capture budget counts them):
 * 16,000 files of 16 statements, each statement an object with a kind and a 24-character text.
 */
function hugeGraph() {
  const files = [];
  for (let f = 0; f < 16_000; f++) {
    const statements = [];
    for (let s = 0; s < 16; s++) statements.push({ kind: s % 7, text: `s${s} f${f}`.padEnd(24, ".") });
    files.push({ name: `src/file${f}.ts`, statements });
  }
  return { program: { files, options: { strict: true } } };
}

/** Objects, array items and keys in `value` (what maxCaptureNodes counts). */
function countNodes(value) {
  if (typeof value !== "object" || value === null) return 0;
  if (Array.isArray(value)) return value.reduce((n, item) => n + 1 + countNodes(item), 0);
  return Object.keys(value).reduce((n, key) => n + 1 + countNodes(value[key]), 1);
}

const results = {};

// Huge graph.
if (parts.has("graph")) {
  const empty = heapAfterGc();
  const graph = hugeGraph();
  results.hugeGraphMb = (heapAfterGc() - empty) / 1e6;
  results.hugeGraphNodes = countNodes(graph);
  const check = traced.wrap((program) => program.program.files.length, "check");
  results.hugeGraphCallNs = await time(() => do_not_optimize(check(graph)), 16);
  const bare = (program) => program.program.files.length;
  results.hugeGraphBareNs = await time(() => do_not_optimize(bare(graph)), 16);
  // Retained per finished span: N spans held by the queue (no export), heap before and after.
  between();
  const SPANS = 200;
  const before = heapAfterGc();
  for (let i = 0; i < SPANS; i++) check(graph);
  const after = heapAfterGc();
  results.hugeGraphBytesPerSpan = (after - before) / SPANS;
  traced.drain();
  // What one span keeps of it: the inputs' JSON under the default budget.
  results.hugeGraphCapturedChars = api.serialize({ program: graph }, { maxCaptureDepth: 32, maxCaptureChars: 1_000_000 }).length;
}

// One object with 1M keys.
if (parts.has("keys")) {
  const table = {};
  for (let i = 0; i < 1_000_000; i++) table[`key${i}`] = i;
  const lookup = traced.wrap((index) => index.key1, "lookup");
  const t0 = performance.now();
  lookup(table);
  results.millionKeysFirstCallMs = performance.now() - t0;
  results.millionKeysCallNs = await time(() => do_not_optimize(lookup(table)), 16);
  traced.drain();
}

// Many small traced calls: a promise chain passing small objects, five spans per request.
if (parts.has("small")) {
  const chain = (wrap) => {
    const parse = wrap(async (req) => ({ id: req.id, user: req.user, items: req.items.slice() }), "parse");
    const price = wrap(async (order) => ({ ...order, total: order.items.reduce((sum, item) => sum + item.qty * item.unit, 0) }), "price");
    const tax = wrap((order) => ({ ...order, tax: Math.round(order.total * 0.2) }), "tax");
    const save = wrap(async (order) => ({ saved: true, id: order.id }), "save");
    return wrap(async (req) => save(tax(await price(await parse(req)))), "handle");
  };
  const request = { id: 7, user: { name: "ada", plan: "pro" }, items: [{ sku: "a", qty: 2, unit: 5 }, { sku: "b", qty: 1, unit: 12 }] };
  const bare = chain((fn) => fn);
  const tracedChain = chain(traced.wrap);
  const otelChain = chain(otel.wrapCapturing);
  results.smallCallsBareNs = await time(() => bare(request), 256);
  results.smallCallsTracedNs = await time(() => tracedChain(request), 256);
  results.smallCallsOtelNs = await time(() => otelChain(request), 256);
}

process.stdout.write(JSON.stringify(results) + "\n");
process.exit(0);
