// The LLM-call rounds (bench/llm.js output, one per fresh process) summarized: per variant and
// call, the median time, the ratio to the bare SDK call of the same cycle, the time added per
// call and per chunk; medians over rounds with their spread. Used by report.js and llm/run.js.
import { median, spread } from "../stats.js";

const overRounds = (values) => ({ median: median(values), spread: spread(values), values });

const PEERS = ["langsmith", "openinference"];

export function summarizeLlm(rounds) {
  const first = rounds[0];
  const find = (round, variant, mode) => round.results.find((r) => r.variant === variant && r.mode === mode);
  const rows = first.results.map(({ variant, name, mode, note }) => {
    const pick = (key) => overRounds(rounds.map((round) => find(round, variant, mode)?.[key]));
    const added = pick("pairedAddedUs");
    return { variant, name, mode, note: note ?? null, medianUs: pick("medianUs").median, ratio: pick("pairedRatio"), addedUs: added.median, addedPerChunkUs: mode === "stream" ? added.median / first.chunks : NaN };
  });
  const row = (variant, mode) => rows.find((r) => r.variant === variant && r.mode === mode);
  const traced = row("traced", "stream");
  const peers = PEERS.map((key) => row(key, "stream")).filter((r) => r !== undefined && r.note === null);
  const goal = {
    goal: `traced adds at most 3% to a ${first.chunks}-chunk streamed chat call (openai SDK, local wire server) and less than every peer`,
    target: "≤ 1.03× and < every peer",
    limit: 1.03,
    unit: "x3",
    median: traced.ratio.median,
    spread: traced.ratio.spread,
    pass: traced.ratio.median <= 1.03 && peers.every((p) => traced.ratio.median < p.ratio.median),
  };
  // Node 20's AsyncLocalStorage hooks every promise once any instance is on; every library here uses one.
  const perRound = (fn) => overRounds(rounds.map(fn));
  const noHooks = (round, mode) => find(round, "bare-no-hooks", mode)?.pairedRatio;
  const info = [
    { what: "traced, plain (non-streamed) chat call vs bare SDK", median: row("traced", "plain").ratio.median, spread: row("traced", "plain").ratio.spread },
    ...peers.map((p) => ({ what: `${p.name}, streamed chat call vs bare SDK`, median: p.ratio.median, spread: p.ratio.spread })),
    { what: "bare SDK streamed call: AsyncLocalStorage hooks on (as with any of these libraries) vs none enabled", ...perRound((round) => 1 / noHooks(round, "stream")) },
    { what: "traced streamed call vs bare SDK in a process with no AsyncLocalStorage enabled", ...perRound((round) => find(round, "traced", "stream").pairedRatio / noHooks(round, "stream")) },
  ];
  return { setup: { node: first.node, chunks: first.chunks, cycles: first.cycles, warmup: first.warmup, sseWrites: first.sseWrites, rounds: rounds.length, openInference: first.openInference }, rows, goal, info };
}

const fmtUs = (us) => (Number.isFinite(us) ? `${us >= 0 ? "+" : ""}${us.toFixed(us < 10 && us > -10 ? 2 : 0)} µs` : "—");
const fmtX = (x) => (Number.isFinite(x) ? `${x.toFixed(3)}×` : "—");
const fmtPct = (x) => (Number.isFinite(x) ? `±${((x * 100) / 2).toFixed(1)}%` : "—");

export function renderLlmSection(llm) {
  const { setup } = llm;
  const lines = ["## LLM call: the openai SDK over a local wire server", ""];
  lines.push(
    `The real \`openai\` client (\`maxRetries: 0\`) against an HTTP server in a child process on 127.0.0.1 speaking Chat Completions: a plain JSON completion, and an SSE stream of ${setup.chunks} chunks (content deltas, the finish chunk, the usage chunk, then \`[DONE]\`; ${setup.sseWrites === "each" ? "one write per event" : "written in one write"}), no delays. Each call is its own trace (no app span around it). ${setup.rounds} rounds in fresh processes; in each, ${setup.cycles} cycles after ${setup.warmup} warm-up cycles, every variant and call once per cycle in rotating order, each call timed alone; between calls (untimed) every library's queue is emptied and a minor GC runs. Ratio: the median over a round's cycles of (call ÷ the bare SDK's same call in that cycle), then the median over rounds (± half the range over rounds). Added: the same for the difference.`,
    "",
    "| call | variant | median time | × bare SDK | spread | added per call | added per chunk | note |",
    "|---|---|---|---|---|---|---|---|",
  );
  for (const r of llm.rows) {
    if (r.note !== null) {
      lines.push(`| ${r.mode} | ${r.name} | — | — | — | — | — | ${r.note} |`);
      continue;
    }
    const bare = r.variant === "bare";
    lines.push(`| ${r.mode} | ${r.name} | ${(r.medianUs / 1e3).toFixed(3)} ms | ${bare ? "1" : fmtX(r.ratio.median)} | ${bare ? "" : fmtPct(r.ratio.spread)} | ${bare ? "" : fmtUs(r.addedUs)} | ${bare || r.mode !== "stream" ? "" : fmtUs(r.addedPerChunkUs)} | ${r.variant === "bare-no-hooks" ? "no AsyncLocalStorage enabled in the process while it runs" : ""} |`);
  }
  return lines;
}
