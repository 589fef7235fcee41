// One round of the LLM-call benchmark, in its own process: the real `openai` SDK against a
// local wire server (a child process), bare and traced by each library, a streamed call
// (100 chunks) and a plain one, interleaved call by call (bench/llm/measure.js). Prints the
// round as JSON on stdout. `node --expose-gc bench/llm.js`; BENCH_LLM_ONLY=traced,langsmith
// keeps the bare SDK and the listed variants; BENCH_LLM_INTERVALS=<file> writes each call's
// time span, for splitting a CPU profile by variant (bench/llm/profile-split.js).
import { storageHooks } from "./llm/storage-hooks.js"; // first: before any AsyncLocalStorage is enabled
import { writeFileSync } from "node:fs";
import { measure } from "./llm/measure.js";
import { REQUEST, STREAM_CHUNKS } from "./llm/replies.js";
import { startWireServer } from "./llm/server.js";
import { createVariants } from "./llm/variants.js";

const quick = process.env.BENCH_QUICK === "1";
const warmup = Number(process.env.BENCH_LLM_WARMUP ?? (quick ? 20 : 60));
const cycles = Number(process.env.BENCH_LLM_CYCLES ?? (quick ? 60 : 300));
const only = process.env.BENCH_LLM_ONLY?.split(",");

/** What an app does with a stream: reads every chunk and keeps the text. */
async function streamed(client) {
  const stream = await client.chat.completions.create({ ...REQUEST, stream: true, stream_options: { include_usage: true } });
  let chunks = 0;
  let text = "";
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices[0]?.delta?.content ?? "";
  }
  if (chunks !== STREAM_CHUNKS || text.length === 0) throw new Error(`expected ${STREAM_CHUNKS} chunks with text, got ${chunks}`);
}

async function plain(client) {
  const completion = await client.chat.completions.create(REQUEST);
  if (!completion.choices[0].message.content) throw new Error("the completion has no content");
}

const server = await startWireServer();
try {
  const { variants, diagnostics, openInference } = createVariants(server.url, only);
  for (const v of variants) if (v.noHooks && !storageHooks.switchable) v.unsupported = "this Node's AsyncLocalStorage cannot be switched off";
  const intervals = process.env.BENCH_LLM_INTERVALS === undefined ? undefined : [];
  const measured = await measure(variants.filter((v) => v.unsupported === undefined), { stream: streamed, plain }, { warmup, cycles, intervals });
  if (intervals !== undefined) writeFileSync(process.env.BENCH_LLM_INTERVALS, JSON.stringify(intervals));
  const unsupported = variants.filter((v) => v.unsupported !== undefined).flatMap((v) => ["stream", "plain"].map((mode) => ({ variant: v.key, name: v.name, mode, note: v.unsupported })));
  const results = [...measured, ...unsupported];
  for (const r of measured) process.stderr.write(`  ${r.mode.padEnd(6)} ${r.name}: ${r.medianUs.toFixed(0)} µs, ×${r.pairedRatio.toFixed(3)} bare in the same cycle (${r.pairedAddedUs >= 0 ? "+" : ""}${r.pairedAddedUs.toFixed(0)} µs)\n`);
  if (diagnostics.length > 0) throw new Error(`traced reported problems:\n${diagnostics.join("\n")}`);
  const setup = { node: process.version, chunks: STREAM_CHUNKS, warmup, cycles, sseWrites: process.env.BENCH_LLM_SSE_WRITES === "each" ? "each" : "one", storageInstances: storageHooks.count, openInference };
  process.stdout.write(JSON.stringify({ ...setup, results }) + "\n");
} finally {
  server.close();
}
process.exit(0);
