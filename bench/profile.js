// Profiles traced on one workload: `node --cpu-prof --cpu-prof-dir=.tmp/prof bench/profile.js <workload>`,
// then `node bench/profile-summary.js .tmp/prof/<file>.cpuprofile` lists the hottest functions.
import { createTracedAdapter } from "./peers/traced.js";
import { PEER_WORKLOADS } from "./workloads.js";

const workload = process.argv[2] ?? "sync span";
const seconds = Number(process.argv[3] ?? 4);
const adapter = createTracedAdapter();
// Call path only: discard queued traces instead of exporting them (export work is off-path).
if (process.env.PROFILE_CALL_PATH_ONLY === "1") {
  const pipeline = globalThis[Symbol.for("traced.registry")].singletons.get("export.pipeline");
  adapter.drain = () => pipeline.clear();
}
const fn = PEER_WORKLOADS[workload](adapter);
const deadline = performance.now() + seconds * 1000;
let calls = 0;
while (performance.now() < deadline) {
  for (let i = 0; i < 256; i++) {
    const r = fn();
    if (r instanceof Promise) await r;
  }
  calls += 256;
  adapter.drain();
}
process.stderr.write(`${workload}: ${calls} calls, ${((seconds * 1e9) / calls).toFixed(0)} ns per call (including drain)\n`);
