// LangChain benchmark: a three-step RunnableSequence (prompt → LangChain's fake chat model →
// parser) run bare and with each library's LangChain callback handler — traced's
// TracedCallbackHandler, LangSmith's LangChainTracer (its client's HTTP a local stub) and
// Langfuse's CallbackHandler (spans to a tracer provider with a no-op exporter). Calls are
// interleaved and timed one by one; between calls (untimed) every library's queue is emptied.
// Prints each variant's median and its added time over bare in the same cycle, and the ratio of
// traced's added time to the fastest peer's (goal ≤ 0.5). `npm run build && node --expose-gc bench/langchain.js`
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { RunnableSequence } from "@langchain/core/runnables";
import { LangChainTracer } from "@langchain/core/tracers/tracer_langchain";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { CallbackHandler as LangfuseHandler } from "@langfuse/langchain";
import { setLangfuseTracerProvider } from "@langfuse/tracing";
import * as traced from "traced";
import { TracedCallbackHandler } from "traced/langchain";
import { createLangSmithAdapter } from "./peers/langsmith.js";
import { createBatchedProvider } from "./peers/otel-shared.js";
import { median } from "./stats.js";

const quick = process.env.BENCH_QUICK === "1";
const warmup = Number(process.env.BENCH_LANGCHAIN_WARMUP ?? (quick ? 30 : 100));
const cycles = Number(process.env.BENCH_LANGCHAIN_CYCLES ?? (quick ? 100 : 500));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const chain = RunnableSequence.from([
  ChatPromptTemplate.fromMessages([
    ["system", "You answer in one word."],
    ["human", "{question}"],
  ]),
  new FakeListChatModel({ responses: ["Paris."] }),
  new StringOutputParser(),
]);

class EmptyHandler extends BaseCallbackHandler {
  name = "empty";
  awaitHandlers = true;
  handleChainStart() {}
  handleChainEnd() {}
  handleChatModelStart() {}
  handleLLMEnd() {}
}

function variants() {
  const diagnostics = [];
  traced.reset();
  traced.configure({ destination: { name: "bench-drop", export() {}, exportSync() {} }, maxQueueSize: 16_384, onDiagnostic: (d) => diagnostics.push(`${d.code}: ${d.message}`) });
  const pipeline = globalThis[Symbol.for("traced.registry")].singletons.get("export.pipeline");
  let queued = pipeline.stats.queued;
  const langsmith = createLangSmithAdapter();
  const langfuse = createBatchedProvider();
  setLangfuseTracerProvider(langfuse.provider);
  return {
    diagnostics,
    list: [
      { key: "bare", name: "bare LangChain", callbacks: () => undefined, drain: () => 1 },
      // LangChain's own cost of any handler: its callback managers and run bookkeeping, with handlers awaited as traced's are.
      { key: "noop", name: "an empty awaited handler", callbacks: () => [new EmptyHandler()], drain: () => 1 },
      {
        key: "traced",
        name: "traced TracedCallbackHandler",
        callbacks: () => [new TracedCallbackHandler()],
        drain() {
          pipeline.flushSync();
          const traces = pipeline.stats.queued - queued;
          queued = pipeline.stats.queued;
          return traces;
        },
      },
      {
        key: "langsmith",
        name: "LangSmith LangChainTracer",
        callbacks: () => [new LangChainTracer({ client: langsmith.client, projectName: "bench" })],
        drain() {
          const runs = langsmith.client.autoBatchQueue.items.length;
          langsmith.drain();
          return runs;
        },
      },
      {
        key: "langfuse",
        name: "Langfuse CallbackHandler",
        callbacks: () => [new LangfuseHandler()],
        drain() {
          const spans = langfuse.processor._finishedSpans.length;
          langfuse.drain();
          return spans;
        },
      },
    ],
  };
}

async function run() {
  const { list, diagnostics } = variants();
  const times = new Map(list.map((v) => [v.key, []]));
  const recorded = new Map(list.map((v) => [v.key, 0]));
  async function cycle(index, timed) {
    const perCycle = new Map();
    for (let i = 0; i < list.length; i++) {
      const v = list[(i + index) % list.length];
      // Each variant's handler is made per call, as an app passing `callbacks` per request would.
      const callbacks = v.callbacks();
      const started = performance.now();
      const answer = await chain.invoke({ question: "Capital of France?" }, { callbacks });
      const elapsed = (performance.now() - started) * 1e3;
      if (answer !== "Paris.") throw new Error(`unexpected answer ${answer}`);
      // Background handlers (LangSmith's, Langfuse's) finish here, untimed, before the queues are emptied.
      await awaitAllCallbacks();
      await nextTurn();
      await nextTurn();
      recorded.set(v.key, recorded.get(v.key) + v.drain());
      globalThis.gc?.({ type: "minor" });
      perCycle.set(v.key, elapsed);
    }
    if (timed) for (const [key, us] of perCycle) times.get(key).push({ us, bare: perCycle.get("bare") });
  }
  for (let i = 0; i < warmup; i++) await cycle(i, false);
  for (const v of list) if (v.key !== "bare" && v.key !== "noop" && recorded.get(v.key) < warmup) throw new Error(`${v.name} recorded ${recorded.get(v.key)} in ${warmup} runs`);
  for (let i = 0; i < cycles; i++) await cycle(i, true);
  if (diagnostics.length > 0) throw new Error(`traced reported problems:\n${diagnostics.join("\n")}`);

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
  const fastestPeer = Math.min(added.langsmith, added.langfuse);
  for (const r of rows) process.stderr.write(`  ${r.name.padEnd(30)} ${r.medianUs.toFixed(0).padStart(6)} µs, ×${r.pairedRatio.toFixed(3)} bare (${r.pairedAddedUs >= 0 ? "+" : ""}${r.pairedAddedUs.toFixed(0)} µs)\n`);
  const ratio = added.traced / fastestPeer;
  process.stderr.write(`  traced's added time ÷ the fastest peer's: ${ratio.toFixed(2)} (goal ≤ 0.5)\n`);
  process.stdout.write(JSON.stringify({ node: process.version, warmup, cycles, results: rows, tracedOverFastestPeer: ratio }) + "\n");
}

await run();
process.exit(0);
