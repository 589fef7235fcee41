// One timing round, in its own process (fresh JIT): every workload for traced and each
// peer, plus baselines, measured with mitata. Writes the medians as JSON to argv[2].
import { writeFileSync } from "node:fs";
import { measure } from "mitata";
import { createTracedAdapter } from "./peers/traced.js";
import { createTaggedAdapter } from "./peers/tagged.js";
import { createOtelAdapter } from "./peers/otel.js";
import { createLangSmithAdapter } from "./peers/langsmith.js";
import { createLangfuseAdapter } from "./peers/langfuse.js";
import { createOpenInferenceAdapter } from "./peers/openinference.js";
import { BASELINES, PEER_WORKLOADS, tracedDisabledWorkload } from "./workloads.js";

const [outFile, roundText = "0"] = process.argv.slice(2);
const round = Number(roundText);
const quick = process.env.BENCH_QUICK === "1";

const tracedAdapter = createTracedAdapter();
const adapters = [tracedAdapter, await createTaggedAdapter(tracedAdapter), createOtelAdapter(), createLangSmithAdapter(), createLangfuseAdapter(), createOpenInferenceAdapter()];
const drainAll = () => {
  for (const adapter of adapters) adapter.drain();
};

// Between samples (untimed): export what the last sample queued, then a minor GC (scavenge),
// so every library is measured on its call path with an empty queue and a clean young
// generation. Not a full GC: a major GC before every sample is not what apps see, and it
// distorts libraries unevenly (traced measured ~5x slower right after one, OTel ~1.2x).
const betweenSamples = () => {
  drainAll();
  globalThis.gc?.({ type: "minor" });
};
// Always batched (thresholds off): mitata would otherwise time a slow-looking first call one
// call per sample, each right after the between-samples GC, which measures a cold heap.
const MITATA = {
  min_cpu_time: (quick ? 60 : 400) * 1e6,
  inner_gc: true,
  gc: betweenSamples,
  batch_threshold: Infinity,
  warmup_threshold: Infinity,
};

/** Warms up `fn` (and returns its rough cost per call in ns, for the log). */
async function warmUp(fn) {
  const deadline = performance.now() + (quick ? 30 : 150);
  let calls = 0;
  let busy = 0;
  while (performance.now() < deadline) {
    // Time only the calls, not the draining and GC between groups of them.
    const t0 = performance.now();
    for (let i = 0; i < 64; i++) {
      const r = fn();
      if (r instanceof Promise) await r;
    }
    busy += performance.now() - t0;
    calls += 64;
    betweenSamples();
  }
  // Let timers and immediates queued by warm-up run before timing starts.
  await new Promise((resolve) => setTimeout(resolve, 5));
  return (busy * 1e6) / calls;
}

// Calls per sample, the same for every library in a workload: 256 (no library's queue can
// overflow within a sample), fewer for the slow workloads; multiples of mitata's unroll of 4.
const BATCH = {
  "span capturing a 10 KB input": 64,
  "one JSON.stringify of the 10 KB input": 64,
  "async generator, 100 chunks + reducer": 16,
  "bare async generator, 100 chunks + join": 16,
};

async function time(fn, workload) {
  await warmUp(fn);
  const batch = BATCH[workload] ?? 256;
  const stats = await measure(fn, { ...MITATA, batch_samples: batch });
  return { medianNs: stats.p50, p25Ns: stats.p25, p75Ns: stats.p75, samples: stats.samples.length, callsPerSample: batch };
}

const results = [];
const record = (workload, library, stats, note) => {
  results.push({ workload, library, ...stats, ...(note ? { note } : {}) });
  process.stderr.write(`  round ${round}: ${workload} / ${library}: ${stats ? (stats.medianNs ?? NaN).toFixed(1) + " ns" : note}\n`);
};

// Rotate the peer order each round so no library always runs first or last.
const order = adapters.map((_, i) => adapters[(i + round) % adapters.length]);

for (const [baseline, build] of Object.entries(BASELINES)) record(baseline, "baseline", await time(build(), baseline));

for (const [workload, build] of Object.entries(PEER_WORKLOADS)) {
  for (const adapter of order) {
    const fn = build(adapter);
    if (fn === undefined) {
      record(workload, adapter.name, null, "not supported");
      continue;
    }
    try {
      record(workload, adapter.name, await time(fn, workload), adapter.alwaysAsync && /sync|nested|capturing/.test(workload) ? "returns a promise even for a sync body" : undefined);
    } catch (error) {
      record(workload, adapter.name, null, `failed: ${error?.message ?? error}`);
    }
  }
}

// Tracing disabled: traced only (the peers' disabled modes are not a goal here).
const traced = adapters[0];
traced.api.disable();
record("tracing disabled", "traced", await time(tracedDisabledWorkload(traced), "tracing disabled"));
traced.api.enable();

const langsmith = adapters.find((a) => a.name.startsWith("LangSmith"));
writeFileSync(outFile, JSON.stringify({ round, node: process.version, langsmithStubRequests: langsmith.requests(), results }, null, 2));
process.exit(0);
