// AI SDK benchmark: `generateText` with one tool call on the AI SDK's mock model (two model
// calls: the tool call, then the answer), run bare and traced by each library the way it
// documents: traced's `experimental_telemetry: tracedTelemetry()`; LangSmith's `wrapAISDK(ai)`
// (its client's HTTP a local stub); Langfuse's: the AI SDK's own OpenTelemetry spans on an OTel
// SDK tracer provider with `LangfuseSpanProcessor` (@langfuse/otel, its exporter a no-op). The
// same spans on a bare OTel SDK provider (batch processor, no-op exporter) are shown beside them,
// as the floor of any OTel-based integration (not a peer: no product stops there). With BENCH_AI_SDK=7 under Node 22: AI SDK 7, traced's and LangSmith's
// telemetry integrations (`LangSmithTelemetry`; @ai-sdk/otel is not installed). Calls are interleaved and timed one by one; between calls (untimed) every
// library's queue is emptied. Prints each variant's median, its added time over bare in the same
// cycle, and traced's added time over the fastest peer's (goal ≤ 0.5).
// `npm run build && node --expose-gc bench/ai-sdk.js`
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LangSmithTelemetry, wrapAISDK } from "langsmith/experimental/vercel";
import * as traced from "traced";
import { tracedTelemetry } from "traced/ai";
import { z } from "zod";
import { createLangSmithAdapter } from "./peers/langsmith.js";
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { createBatchedProvider, ensureContextManager, noopSpanExporter } from "./peers/otel-shared.js";
import { median } from "./stats.js";

// BENCH_AI_SDK=7 (under Node 22): AI SDK 7 from test/toolchains, traced and LangSmith as its telemetry integrations.
const v7 = process.env.BENCH_AI_SDK === "7";
const ai7 = join(import.meta.dirname, "../test/toolchains/node_modules/ai7/dist");
const ai = v7 ? await import(pathToFileURL(join(ai7, "index.js")).href) : await import("ai");
const { MockLanguageModelV3 } = v7 ? await import(pathToFileURL(join(ai7, "test/index.js")).href) : await import("ai/test");

const quick = process.env.BENCH_QUICK === "1";
const warmup = Number(process.env.BENCH_AI_SDK_WARMUP ?? (quick ? 30 : 100));
const cycles = Number(process.env.BENCH_AI_SDK_CYCLES ?? (quick ? 100 : 400));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const usage = (input, output) => ({ inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: output, text: output, reasoning: undefined } });

/** A fresh model per call (its call count picks the reply): a tool call, then the answer. */
function weatherModel() {
  let calls = 0;
  return new MockLanguageModelV3({
    provider: "mock.chat",
    modelId: "mock-1",
    doGenerate: async () =>
      calls++ === 0
        ? { content: [{ type: "tool-call", toolCallId: "call-1", toolName: "weather", input: '{"city":"Paris"}' }], finishReason: { unified: "tool-calls", raw: undefined }, usage: usage(20, 5), warnings: [] }
        : { content: [{ type: "text", text: "Sunny in Paris." }], finishReason: { unified: "stop", raw: undefined }, usage: usage(40, 4), warnings: [] },
  });
}
const tools = { weather: ai.tool({ description: "Weather by city", inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, temperature: 21 }) }) };
const request = () => ({ model: weatherModel(), prompt: "Weather in Paris?", tools, stopWhen: ai.stepCountIs(3) });

/** The AI SDK's own telemetry cost (building the attributes) with a tracer that records nothing. */
const noopSpan = { spanContext: () => ({ traceId: "0".repeat(32), spanId: "0".repeat(16), traceFlags: 0 }), setAttribute() { return this; }, setAttributes() { return this; }, addEvent() { return this; }, addLink() { return this; }, addLinks() { return this; }, setStatus() { return this; }, updateName() { return this; }, end() {}, isRecording: () => false, recordException() {} };
const noopTracer = { startSpan: () => noopSpan, startActiveSpan: (_name, ...args) => args.find((arg) => typeof arg === "function")(noopSpan) };

/**
 * Langfuse's documented set-up for the AI SDK (its span processor on the app's provider), with a
 * no-op exporter and batches far larger than a sample; `drain` empties its batch buffer, untimed.
 */
function langfuseProvider() {
  ensureContextManager();
  const processor = new LangfuseSpanProcessor({ exporter: noopSpanExporter, publicKey: "pk-bench", secretKey: "sk-bench", baseUrl: "http://127.0.0.1:9", flushAt: 16_384, flushInterval: 3_600 });
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  return {
    provider,
    drain() {
      // Its inner BatchSpanProcessor's buffer (sdk-trace 2.x internal field), as createBatchedProvider does.
      const finished = processor.processor?._finishedSpans;
      const spans = Array.isArray(finished) ? finished.length : 0;
      if (Array.isArray(finished)) finished.length = 0;
      return spans;
    },
  };
}

function variants() {
  const diagnostics = [];
  traced.reset();
  traced.configure({ destination: { name: "bench-drop", export() {}, exportSync() {} }, maxQueueSize: 16_384, onDiagnostic: (d) => diagnostics.push(`${d.code}: ${d.message}`) });
  const pipeline = globalThis[Symbol.for("traced.registry")].singletons.get("export.pipeline");
  let queued = pipeline.stats.queued;
  const langsmith = createLangSmithAdapter();
  const langsmithAi = v7 ? undefined : wrapAISDK(ai, { client: langsmith.client, tracingEnabled: true, project_name: "bench" });
  const otel = createBatchedProvider();
  const otelTracer = otel.provider.getTracer("ai");
  const langfuse = langfuseProvider();
  const langfuseTracer = langfuse.provider.getTracer("ai");
  const tracedVariant = (name, telemetry) => ({
    key: "traced",
    name,
    call: () => ai.generateText({ ...request(), [v7 ? "telemetry" : "experimental_telemetry"]: telemetry }),
    drain() {
      pipeline.flushSync();
      const traces = pipeline.stats.queued - queued;
      queued = pipeline.stats.queued;
      return traces;
    },
  });
  const langsmithDrain = () => {
    const runs = langsmith.client.autoBatchQueue.items.length;
    langsmith.drain();
    return runs;
  };
  const bare = { key: "bare", name: "bare AI SDK", call: () => ai.generateText(request()), drain: () => 1 };
  if (v7) {
    // AI SDK 7 builds its telemetry events only when an integration is listening: the floor is one that does nothing.
    const noopIntegration = { onStart() {}, onEnd() {} };
    const langsmithIntegration = LangSmithTelemetry({ client: langsmith.client, tracingEnabled: true, projectName: "bench" });
    return {
      diagnostics,
      peers: ["langsmith"],
      list: [
        bare,
        tracedVariant("traced tracedTelemetry()", tracedTelemetry()),
        { key: "langsmith", name: "LangSmith LangSmithTelemetry", call: () => ai.generateText({ ...request(), telemetry: { integrations: [langsmithIntegration] } }), drain: langsmithDrain },
        ...(process.env.BENCH_AI_SDK_FLOOR === "1" ? [{ key: "floor", name: "AI SDK events, no-op integration", call: () => ai.generateText({ ...request(), telemetry: { integrations: [noopIntegration] } }), drain: () => 1 }] : []),
      ],
    };
  }
  return {
    diagnostics,
    peers: ["langsmith", "langfuse"],
    list: [
      bare,
      tracedVariant("traced tracedTelemetry()", tracedTelemetry()),
      { key: "langsmith", name: "LangSmith wrapAISDK", call: () => langsmithAi.generateText(request()), drain: langsmithDrain },
      ...(process.env.BENCH_AI_SDK_FLOOR === "1" ? [{ key: "floor", name: "AI SDK telemetry, no-op tracer", call: () => ai.generateText({ ...request(), experimental_telemetry: { isEnabled: true, tracer: noopTracer } }), drain: () => 1 }] : []),
      {
        key: "langfuse",
        name: "Langfuse LangfuseSpanProcessor",
        call: () => ai.generateText({ ...request(), experimental_telemetry: { isEnabled: true, tracer: langfuseTracer } }),
        drain: langfuse.drain,
      },
      {
        key: "otel",
        name: "AI SDK OTel spans, OTel SDK (floor)",
        call: () => ai.generateText({ ...request(), experimental_telemetry: { isEnabled: true, tracer: otelTracer } }),
        drain() {
          const spans = otel.processor._finishedSpans.length;
          otel.drain();
          return spans;
        },
      },
    ],
  };
}

async function run() {
  const { list, diagnostics, peers } = variants();
  const times = new Map(list.map((v) => [v.key, []]));
  const recorded = new Map(list.map((v) => [v.key, 0]));
  async function cycle(index, timed) {
    const perCycle = new Map();
    for (let i = 0; i < list.length; i++) {
      const v = list[(i + index) % list.length];
      const started = performance.now();
      const result = await v.call();
      const elapsed = (performance.now() - started) * 1e3;
      if (result.text !== "Sunny in Paris.") throw new Error(`${v.name}: unexpected answer ${result.text}`);
      // LangSmith's run uploads are queued in the background: let them reach the queue, untimed.
      await nextTurn();
      await nextTurn();
      recorded.set(v.key, recorded.get(v.key) + v.drain());
      globalThis.gc?.({ type: "minor" });
      perCycle.set(v.key, elapsed);
    }
    if (timed) for (const [key, us] of perCycle) times.get(key).push({ us, bare: perCycle.get("bare") });
  }
  for (let i = 0; i < warmup; i++) await cycle(i, false);
  for (const v of list) if (v.key !== "bare" && v.key !== "floor" && recorded.get(v.key) < warmup) throw new Error(`${v.name} recorded ${recorded.get(v.key)} in ${warmup} runs`);
  for (let i = 0; i < cycles; i++) await cycle(i, true);
  const reported = diagnostics.filter((d) => !d.startsWith("cost-unknown-model"));
  if (reported.length > 0) throw new Error(`traced reported problems:\n${reported.join("\n")}`);

  const rows = list.map((v) => {
    const samples = times.get(v.key);
    return {
      variant: v.key,
      name: v.name,
      medianUs: median(samples.map((s) => s.us)),
      pairedAddedUs: median(samples.map((s) => s.us - s.bare)),
      pairedRatio: median(samples.map((s) => s.us / s.bare)),
    };
  });
  const added = Object.fromEntries(rows.map((r) => [r.variant, r.pairedAddedUs]));
  const fastestPeer = Math.min(...peers.map((peer) => added[peer]));
  for (const r of rows) process.stderr.write(`  ${r.name.padEnd(30)} ${r.medianUs.toFixed(0).padStart(6)} µs, ×${r.pairedRatio.toFixed(3)} bare (${r.pairedAddedUs >= 0 ? "+" : ""}${r.pairedAddedUs.toFixed(0)} µs)\n`);
  const ratio = added.traced / fastestPeer;
  process.stderr.write(`  traced's added time ÷ the fastest peer's: ${ratio.toFixed(2)} (goal ≤ 0.5)\n`);
  process.stdout.write(JSON.stringify({ node: process.version, ai: v7 ? "7" : "6", warmup, cycles, results: rows, tracedOverFastestPeer: ratio }) + "\n");
}

await run();
process.exit(0);
