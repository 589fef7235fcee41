// The MLflow tracking-server store (traced only), one round: `node bench/remote.js`.
// - `traced traces copy` of 10,000 traces (5 spans each) from a file to the fake MLflow server
//   (test/support/mlflow-fake.ts, bundled with esbuild and run in its own process) and back
//   to a new file, each the built CLI in a child process, in traces per second.
// - searchTraces, a page of 100 traces with their spans: the client's own time per page
//   (its requests — the search and the batchGets —, reading and parsing the replies, building
//   Trace objects; as info, the same page read with one traces/get per trace, as from a
//   server without batchGet), as this process's
//   CPU time (user + system, process.cpuUsage) while the fake server works in its own
//   process, against the CPU time of reading the same page from the local file. Medians over
//   the pages; the wall time of a page over loopback is reported too (info). As info also:
//   the same page with the server's recorded replies handed back from memory in place of the
//   HTTP exchange (no socket, no HTTP parsing): what reading the replies and building the
//   Trace objects cost alone; and JSON.parse of those replies by itself, the floor of any
//   client of MLflow's JSON REST API.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import * as traced from "traced";
import { createStoreExporter } from "../dist/esm/store/index.js";
import { MlflowServerStore, TraceStore } from "../dist/esm/query/index.js";
import { RetryingHttpClient } from "../dist/esm/export/otlp/retrying-client.js";

const root = join(import.meta.dirname, "..");
const cli = join(root, "dist/esm/cli/main.js");
const TRACES = Number(process.env.BENCH_REMOTE_TRACES ?? 10_000);
const PAGE = 100;
const ITERATIONS = Number(process.env.BENCH_REMOTE_ITERATIONS ?? 30);
const BATCH = 1_000;

const dir = mkdtempSync(join(tmpdir(), "traced-bench-remote-"));

/** The fake MLflow server in a child process (so its work is not on this process's clock). */
async function startFakeServer() {
  const bundle = join(dir, "fake-mlflow.mjs");
  await build({
    stdin: {
      contents: `import { FakeMlflowServer } from "./test/support/mlflow-fake.ts";
const fake = await FakeMlflowServer.start();
process.stdout.write(fake.uri + "\\n");
process.on("SIGTERM", () => fake.close().then(() => process.exit(0)));`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: bundle,
    logLevel: "error",
  });
  const child = spawn(process.execPath, [bundle], { stdio: ["ignore", "pipe", "inherit"] });
  const [chunk] = await once(child.stdout, "data");
  return { uri: chunk.toString().trim(), stop: () => child.kill("SIGTERM") };
}

/** `count` finished traces of 5 spans (an agent and four tool calls), written to a new file. */
function writeLocalFile(path, count) {
  const memory = new traced.InMemoryExporter();
  traced.reset();
  traced.configure({ destination: memory, maxQueueSize: BATCH + 1, onDiagnostic: () => {} });
  const pipeline = globalThis[Symbol.for("traced.registry")].singletons.get("export.pipeline");
  const store = createStoreExporter({ path });
  const tool = traced.trace((q) => ({ hits: [q, q.length] }), { name: "tool", spanType: "TOOL" });
  const agent = traced.trace((q) => [tool(q), tool(q + "!"), tool(q + "?"), tool(q + ".")], { name: "agent", spanType: "AGENT" });
  for (let written = 0; written < count; written += BATCH) {
    for (let i = 0; i < BATCH; i++) agent(`question ${written + i}`);
    pipeline.flushSync();
    store.exportSync(memory.take());
  }
  return store.shutdown();
}

function timedCopy(from, to) {
  const started = performance.now();
  const out = execFileSync(process.execPath, [cli, "traces", "copy", "--from", from, "--to", to], { encoding: "utf8", env: { ...process.env, MLFLOW_TRACKING_URI: "", TRACED_DB: "" } });
  const seconds = (performance.now() - started) / 1000;
  const copied = Number(/Copied (\d+) trace/.exec(out)?.[1]);
  if (copied !== TRACES) throw new Error(`traces copy ${from} → ${to} copied ${copied}, expected ${TRACES}: ${out}`);
  return { seconds, tracesPerSecond: copied / seconds };
}

/** CPU time of this process (all its threads) spent in `work`, in ms. */
async function cpuMs(work) {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

// One HTTP exchange of the store's client (Node's http, or fetch elsewhere); replaced below
// to record the replies of a page and to hand them back from memory.
const liveExchange = RetryingHttpClient.prototype.exchange;

/** The replies of one page (the search, then the batchGets or each trace's get), recorded from the live server. */
async function recordPage(store) {
  const replies = new Map();
  RetryingHttpClient.prototype.exchange = async function (request) {
    const response = await liveExchange.call(this, request);
    replies.set(`${request.method} ${request.url.href}`, response);
    return response;
  };
  try {
    await store.searchTraces({ maxResults: PAGE });
  } finally {
    RetryingHttpClient.prototype.exchange = liveExchange;
  }
  return replies;
}

function replayingExchange(replies) {
  return async (request) => {
    const reply = replies.get(`${request.method} ${request.url.href}`);
    if (reply === undefined) throw new Error(`no recorded reply for ${request.method} ${request.url.href}`);
    return { status: reply.status, headers: reply.headers, body: reply.body };
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

let fake;
try {
  const source = join(dir, "source.db");
  await writeLocalFile(source, TRACES);
  fake = await startFakeServer();
  const push = timedCopy(source, fake.uri);
  const pulled = join(dir, "pulled.db");
  const pull = timedCopy(fake.uri, pulled);

  const server = new MlflowServerStore({ trackingUri: fake.uri, experimentId: "0" });
  const local = TraceStore.open(pulled);
  const livePage = await server.searchTraces({ maxResults: PAGE });
  const localPage = local.searchTraces({ maxResults: PAGE });
  const localIds = new Set(localPage.traces.map((t) => t.traceId));
  const samePage = livePage.traces.filter((t) => localIds.has(t.traceId)).length;
  const spansPerPage = livePage.traces.reduce((n, t) => n + t.spans.length, 0);
  const wallStarted = performance.now();
  for (let i = 0; i < 5; i++) await server.searchTraces({ maxResults: PAGE });
  const wallMs = (performance.now() - wallStarted) / 5;
  // Interleaved, so both see the same machine state.
  const localSamples = [];
  const remoteSamples = [];
  // The same page as a server without batchGet gives it (one traces/get per trace): this
  // store is told the server has none, as it finds out from such a server's first 404.
  const perTraceStore = new MlflowServerStore({ trackingUri: fake.uri, experimentId: "0" });
  perTraceStore.spans.batchUnavailable = true;
  const perTraceSamples = [];
  for (let i = 0; i < 3; i++) {
    local.searchTraces({ maxResults: PAGE });
    await server.searchTraces({ maxResults: PAGE });
    await perTraceStore.searchTraces({ maxResults: PAGE });
  }
  for (let i = 0; i < ITERATIONS; i++) {
    localSamples.push(await cpuMs(() => local.searchTraces({ maxResults: PAGE })));
    remoteSamples.push(await cpuMs(() => server.searchTraces({ maxResults: PAGE })));
    perTraceSamples.push(await cpuMs(() => perTraceStore.searchTraces({ maxResults: PAGE })));
  }
  await perTraceStore.close();
  const localMs = median(localSamples);
  const remoteMs = median(remoteSamples);
  const perTraceMs = median(perTraceSamples);
  const replies = await recordPage(server);
  // A recent server's page is the search and a few batchGets; one without batchGet, a get per trace.
  const perTrace = [...replies.keys()].filter((key) => key.includes("/traces/get?")).length;
  if (perTrace !== 0 && replies.size !== livePage.traces.length + 1) throw new Error(`recorded ${replies.size} replies for a page of ${livePage.traces.length} traces`);
  RetryingHttpClient.prototype.exchange = replayingExchange(replies);
  const replaySamples = [];
  try {
    for (let i = 0; i < 3; i++) await server.searchTraces({ maxResults: PAGE });
    for (let i = 0; i < ITERATIONS; i++) replaySamples.push(await cpuMs(() => server.searchTraces({ maxResults: PAGE })));
  } finally {
    RetryingHttpClient.prototype.exchange = liveExchange;
  }
  const replayMs = median(replaySamples);
  const texts = [...replies.values()].map((reply) => reply.body.toString("utf8"));
  const parseSamples = [];
  for (let i = 0; i < ITERATIONS; i++) parseSamples.push(await cpuMs(() => texts.forEach((text) => JSON.parse(text))));
  const parseMs = median(parseSamples);
  const replyBytes = [...replies.values()].reduce((n, reply) => n + reply.body.length, 0);
  local.close();
  await server.close();
  process.stdout.write(
    JSON.stringify({
      traces: TRACES,
      page: { traces: livePage.traces.length, spans: spansPerPage, sameTracesAsLocal: samePage, requests: replies.size, replyBytes, localMs, remoteMs, ratio: remoteMs / localMs, perTraceMs, perTraceRatio: perTraceMs / localMs, replayMs, replayRatio: replayMs / localMs, parseMs, parseRatio: parseMs / localMs, wallMs },
      copy: { toServer: push, fromServer: pull },
    }) + "\n",
  );
} finally {
  fake?.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
