/**
 * Distributed tracing for real: a client process calls a server process over HTTP on
 * 127.0.0.1, and a main thread hands work to a worker thread; each exports its own spans to
 * one local OTLP receiver, and together they form one trace with the right parent links.
 */
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OtlpReceiver } from "../support/otlp-receiver.js";

const traced = JSON.stringify(join(import.meta.dirname, "../../dist/esm/index.js"));
const run = promisify(execFile);

const SERVER = `
import http from "node:http";
const { configure, trace, withTracingContextFromHeaders, flushTraces } = await import(${traced});
configure({ destination: { otlp: { endpoint: process.env.RECEIVER } } });
const lookup = trace(function lookup(city) { return city.length * 3; }, { spanType: "TOOL" });
const handle = trace(async function handle(city) { return { city, temperature: lookup(city) }; }, { spanType: "CHAIN" });
const server = http.createServer((req, res) => {
  const city = new URL(req.url, "http://x").searchParams.get("city");
  withTracingContextFromHeaders(req.headers, () => handle(city)).then(async (body) => {
    res.end(JSON.stringify(body));
    await flushTraces();
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
process.on("SIGTERM", async () => { await flushTraces(); process.exit(0); });
`;

const CLIENT = `
const { configure, trace, getTracingContextHeaders, flushTraces } = await import(${traced});
configure({ destination: { otlp: { endpoint: process.env.RECEIVER } } });
const ask = trace(async function ask(city) {
  const res = await fetch("http://127.0.0.1:" + process.env.PORT + "/weather?city=" + city, { headers: getTracingContextHeaders() });
  return res.json();
}, { spanType: "AGENT" });
console.log(JSON.stringify(await ask("Lisbon")));
await flushTraces();
`;

const WORKER_MAIN = `
import { Worker } from "node:worker_threads";
const { configure, trace, getTracingContextHeaders, flushTraces } = await import(${traced});
configure({ destination: { otlp: { endpoint: process.env.RECEIVER } } });
const fanOut = trace(async function fanOut(items) {
  const worker = new Worker(new URL("./worker.mjs", import.meta.url), { workerData: { headers: getTracingContextHeaders(), items } });
  const [result] = await Promise.all([new Promise((resolve) => worker.once("message", resolve)), once(worker, "exit")]);
  return result;
});
import { once } from "node:events";
console.log(JSON.stringify(await fanOut([1, 2, 3])));
await flushTraces();
`;

const WORKER = `
import { parentPort, workerData } from "node:worker_threads";
const { configure, trace, withTracingContextFromHeaders, flushTraces } = await import(${traced});
configure({ destination: { otlp: { endpoint: process.env.RECEIVER } } });
const square = trace(function square(x) { return x * x; });
const crunch = trace(function crunch(items) { return items.map(square); });
const result = withTracingContextFromHeaders(workerData.headers, () => crunch(workerData.items));
await flushTraces();
parentPort.postMessage(result);
`;

let receiver: OtlpReceiver;
let dir: string;
beforeEach(async () => {
  receiver = await OtlpReceiver.start();
  dir = mkdtempSync(join(tmpdir(), "traced-distributed-"));
});
afterEach(async () => {
  await receiver.close();
});

function byName(name: string) {
  const span = receiver.spans.find((s) => s.name === name);
  if (!span) throw new Error(`no span named ${name}; got ${receiver.spans.map((s) => s.name).join(", ")}`);
  return span;
}

describe("one trace across processes and threads", () => {
  it("client and server processes over HTTP", async () => {
    writeFileSync(join(dir, "server.mjs"), SERVER);
    writeFileSync(join(dir, "client.mjs"), CLIENT);
    const env = { ...process.env, RECEIVER: receiver.url };
    const server = spawn(process.execPath, [join(dir, "server.mjs")], { env, stdio: ["ignore", "pipe", "inherit"] });
    try {
      const [chunk] = (await once(server.stdout!, "data")) as [Buffer];
      const port = chunk.toString().trim();
      const { stdout } = await run(process.execPath, [join(dir, "client.mjs")], { env: { ...env, PORT: port } });
      expect(JSON.parse(stdout)).toEqual({ city: "Lisbon", temperature: 18 });
      await receiver.waitFor((r) => r.spans.length >= 3);
    } finally {
      server.kill("SIGTERM");
      await once(server, "exit");
    }
    const [ask, handle, lookup] = ["ask", "handle", "lookup"].map(byName);
    expect(new Set([ask!.traceId, handle!.traceId, lookup!.traceId]).size).toBe(1);
    expect(ask!.parentSpanId).toBe("");
    expect(handle!.parentSpanId).toBe(ask!.spanId);
    expect(lookup!.parentSpanId).toBe(handle!.spanId);
    expect(receiver.spans).toHaveLength(3);
  });

  it("a worker thread joins its caller's trace, and each span is exported once", async () => {
    writeFileSync(join(dir, "main.mjs"), WORKER_MAIN);
    writeFileSync(join(dir, "worker.mjs"), WORKER);
    const { stdout } = await run(process.execPath, [join(dir, "main.mjs")], { env: { ...process.env, RECEIVER: receiver.url } });
    expect(JSON.parse(stdout)).toEqual([1, 4, 9]);
    await receiver.waitFor((r) => r.spans.length >= 5);
    const fanOut = byName("fanOut");
    const crunch = byName("crunch");
    expect(crunch.traceId).toBe(fanOut.traceId);
    expect(crunch.parentSpanId).toBe(fanOut.spanId);
    const squares = receiver.spans.filter((s) => s.name.startsWith("square"));
    expect(squares).toHaveLength(3);
    expect(squares.every((s) => s.parentSpanId === crunch.spanId && s.traceId === fanOut.traceId)).toBe(true);
    const ids = receiver.spans.map((s) => s.spanId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(5);
  });
});
