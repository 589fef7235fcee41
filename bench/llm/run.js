// The LLM-call benchmark alone: `node bench/llm/run.js` (after `npm run build`) runs
// BENCH_LLM_ROUNDS rounds (default 3) of bench/llm.js, each in a fresh process, and writes
// bench/results/llm.{md,json}. `npm run bench` runs the same rounds as part of the full report.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { renderLlmSection, summarizeLlm } from "./report.js";

const bench = join(import.meta.dirname, "..");
const ROUNDS = Number(process.env.BENCH_LLM_ROUNDS ?? 3);

const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  process.stderr.write(`llm round ${round + 1}/${ROUNDS}\n`);
  const out = execFileSync(process.execPath, ["--expose-gc", join(bench, "llm.js")], { cwd: join(bench, ".."), encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  rounds.push(JSON.parse(out));
}

const summary = summarizeLlm(rounds);
const machine = { date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, platform: `${os.platform()} ${os.arch()}`, rounds: ROUNDS };
const fmt = (x) => (Number.isFinite(x) ? `${x.toFixed(3)}×` : "—");
const half = (x) => (Number.isFinite(x) ? `±${((x * 100) / 2).toFixed(1)}%` : "—");
const lines = [
  "# traced LLM-call benchmark",
  "",
  `${machine.date} · Node ${machine.node} · ${machine.cpu} (${machine.cores} cores) · ${machine.platform}`,
  "",
  "| goal | target | measured | spread | result |",
  "|---|---|---|---|---|",
  `| ${summary.goal.goal} | ${summary.goal.target} | ${fmt(summary.goal.median)} | ${half(summary.goal.spread)} | ${summary.goal.pass ? "pass" : "**FAIL**"} |`,
  ...summary.info.map((i) => `| ${i.what} | (info) | ${fmt(i.median)} | ${half(i.spread)} | |`),
  "",
  ...renderLlmSection(summary),
  "",
];
const outDir = join(bench, "results");
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "llm.json"), JSON.stringify({ machine, summary, rounds }, null, 2) + "\n");
writeFileSync(join(outDir, "llm.md"), lines.join("\n"));
process.stdout.write(lines.join("\n"));
