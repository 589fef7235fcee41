// Splits a CPU profile of bench/llm.js by call: each sample goes to the call it fell in (from
// BENCH_LLM_INTERVALS), and self time per function per call is compared between a variant
// and the bare SDK's same call, measured in the same process, interleaved.
//   BENCH_LLM_ONLY=traced BENCH_LLM_INTERVALS=.tmp/calls.json node --expose-gc --cpu-prof \
//     --cpu-prof-interval 50 --cpu-prof-dir=.tmp/prof bench/llm.js > /dev/null
//   node bench/llm/profile-split.js .tmp/prof/<file>.cpuprofile .tmp/calls.json [variant] [mode] [rows]
import { readFileSync } from "node:fs";

const [profileFile, intervalsFile, variant = "traced", mode = "stream", top = "30"] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(profileFile, "utf8"));
const intervals = JSON.parse(readFileSync(intervalsFile, "utf8"))
  .map((c) => ({ ...c, startUs: c.endUs - c.us }))
  .sort((a, b) => a.startUs - b.startUs);

const frames = new Map(profile.nodes.map((n) => {
  const { functionName, url, lineNumber } = n.callFrame;
  return [n.id, `${functionName || "(anonymous)"} ${url.replace(/^.*\/(dist|node_modules)\//, "$1/")}:${lineNumber + 1}`];
}));

// Self time per function, per (variant, mode); samples outside every call are dropped.
const buckets = new Map();
let time = profile.startTime;
let at = 0;
for (let i = 0; i < profile.samples.length; i++) {
  time += profile.timeDeltas[i];
  const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
  while (at < intervals.length && intervals[at].endUs < time) at++;
  const call = intervals[at];
  if (call === undefined || call.startUs > time) continue;
  const key = `${call.variant}/${call.mode}`;
  const bucket = buckets.get(key) ?? new Map();
  buckets.set(key, bucket);
  const frame = frames.get(profile.samples[i]);
  bucket.set(frame, (bucket.get(frame) ?? 0) + next);
}

const calls = (v, m) => intervals.filter((c) => c.variant === v && c.mode === m).length;
const perCall = (v, m) => {
  const n = calls(v, m);
  return new Map([...(buckets.get(`${v}/${m}`) ?? new Map())].map(([f, t]) => [f, t / n]));
};
const base = perCall("bare", mode);
const other = perCall(variant, mode);
const total = (m) => [...m.values()].reduce((a, b) => a + b, 0);
console.log(`${mode} calls, µs per call in the profile (sampling inflates them): bare ${total(base).toFixed(0)}, ${variant} ${total(other).toFixed(0)}, difference ${(total(other) - total(base)).toFixed(0)}`);
console.log(`   diff   ${variant}   function`);
const rows = [...new Set([...base.keys(), ...other.keys()])].map((f) => [f, (other.get(f) ?? 0) - (base.get(f) ?? 0), other.get(f) ?? 0]);
for (const [f, d, t] of rows.sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`${d.toFixed(1).padStart(7)} ${t.toFixed(1).padStart(8)}   ${f}`);
const own = rows.filter(([f]) => f.includes("dist/esm/"));
console.log(`traced's own functions (dist/esm), self time per call: ${own.reduce((a, [, , t]) => a + t, 0).toFixed(1)} µs`);
