// One timing round, in its own process (fresh JIT): every workload for traced and each
// peer, plus baselines, measured with mitata. Writes the medians as JSON to argv[2].
import { writeFileSync } from "node:fs";
import { measure } from "mitata";
import { createTracedAdapter } from "./peers/traced.js";
import { createOtelAdapter } from "./peers/otel.js";
import { createLangSmithAdapter } from "./peers/langsmith.js";
import { createLangfuseAdapter } from "./peers/langfuse.js";
import { createOpenInferenceAdapter } from "./peers/openinference.js";
import { BASELINES, PEER_WORKLOADS, tracedDisabledWorkload } from "./workloads.js";

const [outFile, roundText = "0"] = process.argv.slice(2);
const round = Number(roundText);
const quick = process.env.BENCH_QUICK === "1";

const adapters = [createTracedAdapter(), createOtelAdapter(), createLangSmithAdapter(), createLangfuseAdapter(), createOpenInferenceAdapter()];
const drainAll = () => {
  for (const adapter of adapters) adapter.drain();
};

// Between samples (untimed): export what the last sample queued, then collect garbage,
// so every library is measured on its call path with an empty queue.
const betweenSamples = () => {
  drainAll();
  globalThis.gc?.();
};
const MITATA = {
  min_cpu_time: (quick ? 60 : 400) * 1e6,
  batch_samples: 256,
  inner_gc: true,
  gc: betweenSamples,
};

async function warmUp(fn) {
  const deadline = performance.now() + (quick ? 30 : 150);
  let i = 0;
  while (performance.now() < deadline) {
    const r = fn();
    if (r instanceof Promise) await r;
    if (++i % 256 === 0) betweenSamples();
  }
  betweenSamples();
  // Let timers and immediates queued by warm-up run before timing starts.
  await new Promise((resolve) => setTimeout(resolve, 5));
}

async function time(fn) {
  await warmUp(fn);
  const stats = await measure(fn, { ...MITATA });
  return { medianNs: stats.p50, p25Ns: stats.p25, p75Ns: stats.p75, samples: stats.samples.length };
}

const results = [];
const record = (workload, library, stats, note) => {
  results.push({ workload, library, ...stats, ...(note ? { note } : {}) });
  process.stderr.write(`  round ${round}: ${workload} / ${library}: ${stats ? (stats.medianNs ?? NaN).toFixed(1) + " ns" : note}\n`);
};

// Rotate the peer order each round so no library always runs first or last.
const order = adapters.map((_, i) => adapters[(i + round) % adapters.length]);

for (const [baseline, build] of Object.entries(BASELINES)) record(baseline, "baseline", await time(build()));

for (const [workload, build] of Object.entries(PEER_WORKLOADS)) {
  for (const adapter of order) {
    const fn = build(adapter);
    if (fn === undefined) {
      record(workload, adapter.name, null, "not supported");
      continue;
    }
    try {
      record(workload, adapter.name, await time(fn), adapter.alwaysAsync && /sync|nested|capturing/.test(workload) ? "returns a promise even for a sync body" : undefined);
    } catch (error) {
      record(workload, adapter.name, null, `failed: ${error?.message ?? error}`);
    }
  }
}

// Tracing disabled: traced only (the peers' disabled modes are not a goal here).
const traced = adapters[0];
traced.api.disable();
record("tracing disabled", "traced", await time(tracedDisabledWorkload(traced)));
traced.api.enable();

const langsmith = adapters.find((a) => a.name.startsWith("LangSmith"));
writeFileSync(outFile, JSON.stringify({ round, node: process.version, langsmithStubRequests: langsmith.requests(), results }, null, 2));
process.exit(0);
