// Filtered search over 1M stored spans (traced only): 100,000 traces of 10 spans are written
// to a fresh SQLite file, then each filter runs `searchTraces` (first page, 100 full traces
// with spans) ROUNDS times; the median per filter is reported, plus the ingest rate of the
// build itself. Standalone: prints one JSON object, like bench/store.js.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Span, Trace } from "../dist/esm/model/index.js";
import { TraceStore } from "../dist/esm/query/index.js";

const TRACES = Number(process.env.BENCH_SEARCH_TRACES ?? 100_000);
const SPANS_PER_TRACE = 10;
const BATCH = 1000;
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 15);
const T0 = 1_700_000_000_000;
const TYPES = ["AGENT", "LLM", "TOOL", "RETRIEVER", "CHAIN"];

// Filters on each indexed field, selective and dense, single and combined.
const FILTERS = [
  "trace.status = 'ERROR'",
  `trace.timestamp_ms > ${T0 + (TRACES / 2) * 1000} AND span.type = 'LLM'`,
  "trace.execution_time_ms > 900",
  "trace.name = 'agent7'",
  "tag.env = 'prod'",
  "metadata.`mlflow.trace.user` = 'user42'",
  "span.name = 'step17'",
  "span.type = 'RETRIEVER'",
  "span.status = 'ERROR'",
  "span.name LIKE 'step1%'",
  "span.name = 'step17' AND tag.env = 'prod' AND trace.status = 'OK'",
  "span.attributes.model = 'gpt-4o'",
  "span.name = 'no-such-span'",
];

function hex(n, width) {
  return n.toString(16).padStart(width, "0");
}

function makeTrace(i) {
  const traceId = "tr-" + hex(i + 1, 32);
  const start = BigInt(T0 + i * 1000) * 1_000_000n;
  const failed = i % 20 === 0;
  const spans = Array.from({ length: SPANS_PER_TRACE }, (_, j) => new Span({
    traceId,
    spanId: hex(j + 1, 16),
    parentId: j === 0 ? null : hex(1, 16),
    name: j === 0 ? `agent${i % 50}` : `step${(i * 7 + j) % 200}`,
    startTimeNs: start + BigInt(j * 1000),
    endTimeNs: start + 5_000_000n,
    status: { code: failed && j === 3 ? "ERROR" : "OK", message: "" },
    attributes: {
      "mlflow.traceRequestId": JSON.stringify(traceId),
      "mlflow.spanType": JSON.stringify(TYPES[j % TYPES.length]),
      "mlflow.spanInputs": JSON.stringify({ question: `question ${i}`, step: j }),
      "mlflow.spanOutputs": JSON.stringify(`answer ${i}.${j}`),
      model: JSON.stringify(j % 3 ? "gpt-4o" : "embed-3"),
    },
    events: [],
  }));
  return new Trace({
    traceId,
    traceLocation: { type: "MLFLOW_EXPERIMENT", experimentId: "0" },
    requestTimeMs: T0 + i * 1000,
    executionDurationMs: i % 1000,
    state: failed ? "ERROR" : "OK",
    requestPreview: JSON.stringify({ question: `question ${i}` }),
    responsePreview: JSON.stringify(`answer ${i}`),
    metadata: { "mlflow.trace_schema.version": "3", "mlflow.trace.user": `user${i % 100}` },
    tags: { "mlflow.traceName": `agent${i % 50}`, env: i % 2 ? "prod" : "dev" },
    assessments: [],
  }, spans);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const dir = mkdtempSync(join(tmpdir(), "traced-bench-search-"));
const store = TraceStore.open(join(dir, "search.db"));
let writeMs = 0;
for (let first = 0; first < TRACES; first += BATCH) {
  const batch = Array.from({ length: Math.min(BATCH, TRACES - first) }, (_, k) => makeTrace(first + k));
  const started = performance.now();
  store.writeTraces(batch);
  writeMs += performance.now() - started;
}

const results = FILTERS.map((filter) => {
  const times = [];
  let matched = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    matched = store.searchTraces({ filter }).traces.length;
    times.push(performance.now() - started);
  }
  return { filter, medianMs: median(times), maxMs: Math.max(...times), returned: matched };
});
store.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({
    spans: TRACES * SPANS_PER_TRACE,
    ingestSpansPerSecond: (TRACES * SPANS_PER_TRACE) / (writeMs / 1000),
    medianOfMediansMs: median(results.map((r) => r.medianMs)),
    worstMedianMs: Math.max(...results.map((r) => r.medianMs)),
    filters: results,
  }) + "\n",
);
