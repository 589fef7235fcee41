// `npm run bench`: runs every benchmark on this machine and writes bench/results/results.{md,json}.
// Each timing round runs in a fresh process; ratios are computed within a round (one run, same
// JIT and machine state) and reported as the median over rounds with their min–max spread.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { renderMarkdown, summarize } from "./report.js";

const here = import.meta.dirname;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MEMORY_LIBRARIES = ["traced", "otel", "langsmith", "langfuse", "openinference"];

function node(args, env = {}) {
  return execFileSync(process.execPath, args, { cwd: join(here, ".."), env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 });
}

const scratch = mkdtempSync(join(os.tmpdir(), "traced-bench-"));
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
    const otlp = JSON.parse(node([join(here, "otlp.js")]));
    // The 1M-span store is built by the first round and searched by every round.
    const search = JSON.parse(node([join(here, "search.js"), join(scratch, "search.db")]));
    const ui = JSON.parse(node([join(here, "ui.js")]));
    const llm = JSON.parse(node(["--expose-gc", join(here, "llm.js")]));
    rounds.push({ ...timing, memory, store, otlp, search, ui, llm });
  }
  // Builds take seconds each and interleave their own rounds, so they run once, after the rest.
  process.stderr.write("build benchmark\n");
  const buildProject = (project, env) => JSON.parse(node([join(here, "build.js"), join(scratch, `build-${project}`)], { BENCH_BUILD_PROJECT: project, BENCH_BUILD_ITERATIONS: process.env.BENCH_BUILD_ITERATIONS ?? "6", ...env }));
  builds.large = buildProject("large", { BENCH_BUILD_PERSISTENT: "0" });
  builds.dense = buildProject("dense");
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
