// `npm run bench`: runs every benchmark on this machine and writes bench/results/results.{md,json}.
// Each timing round runs in a fresh process; ratios are computed within a round (one run, same
// JIT and machine state) and reported as the median over rounds with their min–max spread.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { renderMarkdown, summarize } from "./report.js";

const here = import.meta.dirname;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MEMORY_LIBRARIES = ["traced", "otel", "langsmith", "langfuse", "openinference"];

const NODE22 = join(here, "../test/toolchains/node_modules/node22/bin/node");

function node(args, env = {}, binary = process.execPath) {
  return execFileSync(binary, args, { cwd: join(here, ".."), env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 });
}

const scratch = mkdtempSync(join(os.tmpdir(), "traced-bench-"));
const SUMMARY_CACHE = join(here, "../.tmp/bench");
mkdirSync(SUMMARY_CACHE, { recursive: true });
const rounds = [];
const builds = {};
try {
  for (let round = 0; round < ROUNDS; round++) {
    process.stderr.write(`timing round ${round + 1}/${ROUNDS}\n`);
    const file = join(scratch, `round-${round}.json`);
    node(["--expose-gc", join(here, "timing.js"), file, String(round)]);
    const timing = JSON.parse(readFileSync(file, "utf8"));
    const memory = MEMORY_LIBRARIES.map((library) => JSON.parse(node(["--expose-gc", join(here, "memory.js"), library])));
    const store = JSON.parse(node([join(here, "store.js")]));
    // Store ingest against plain inserts, on each driver: better-sqlite3 (this Node 20) and node:sqlite (Node 22).
    const storeIngest = [JSON.parse(node([join(here, "store-ingest.js")]))];
    if (existsSync(NODE22)) storeIngest.push(JSON.parse(node([join(here, "store-ingest.js")], {}, NODE22)));
    const otlp = JSON.parse(node([join(here, "otlp.js")]));
    // The 1M-span store is built by the first round and searched by every round.
    const search = JSON.parse(node([join(here, "search.js"), join(scratch, "search.db")]));
    const ui = JSON.parse(node([join(here, "ui.js")]));
    const sessions = JSON.parse(node([join(here, "sessions.js")]));
    // Issue 16: the Overview's numbers over 1M traces; the seeded store is kept under .tmp between runs.
    const summaries = JSON.parse(node([join(here, "summaries.js"), join(SUMMARY_CACHE, `summaries-${process.env.BENCH_SUMMARY_TRACES ?? 1_000_000}.db`)]));
    const llm = JSON.parse(node(["--expose-gc", join(here, "llm.js")]));
    // Issue 18: capture of huge inputs, and many small traced calls (bench/capture.js).
    const capture = JSON.parse(node(["--expose-gc", join(here, "capture.js")]));
    // Issue 17: a cold import + the first traced call, fresh processes, on Node 20 and Node 22 (bench/import-cost.js).
    const importCost = [JSON.parse(node([join(here, "import-cost.js")]))];
    if (existsSync(NODE22)) importCost.push(JSON.parse(node([join(here, "import-cost.js")], {}, NODE22)));
    rounds.push({ ...timing, memory, store, storeIngest, otlp, search, ui, llm, sessions, capture, summaries, importCost });
  }
  // Builds take seconds each and interleave their own rounds, so they run once, after the rest.
  process.stderr.write("build benchmark\n");
  const buildProject = (project, env) => JSON.parse(node([join(here, "build.js"), join(scratch, `build-${project}`)], { BENCH_BUILD_PROJECT: project, BENCH_BUILD_ITERATIONS: process.env.BENCH_BUILD_ITERATIONS ?? "6", ...env }));
  builds.large = buildProject("large", { BENCH_BUILD_PERSISTENT: "0" });
  builds.dense = buildProject("dense");
  // The tracking-server store: 10,000 traces copied each way take a minute, so one run, after the rest.
  process.stderr.write("tracking-server store benchmark\n");
  builds.remote = JSON.parse(node([join(here, "remote.js")]));
  // The AI SDK on mock models (generateText with one tool call): traced and its peers, one run.
  process.stderr.write("AI SDK benchmark\n");
  builds.aiSdk = JSON.parse(node(["--expose-gc", join(here, "ai-sdk.js")]));
  // AI SDK 7 needs Node 22: traced's and LangSmith's telemetry integrations.
  if (existsSync(NODE22)) builds.aiSdk7 = JSON.parse(node(["--expose-gc", join(here, "ai-sdk.js")], { BENCH_AI_SDK: "7" }, NODE22));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const machine = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  platform: `${os.platform()} ${os.arch()}`,
  rounds: ROUNDS,
};
const summary = summarize(rounds, builds);
const outDir = join(here, "results");
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "results.json"), JSON.stringify({ machine, summary, rounds, builds }, null, 2) + "\n");
writeFileSync(join(outDir, "results.md"), renderMarkdown(machine, summary));
process.stdout.write(renderMarkdown(machine, summary));
