// Sums self time per function in a .cpuprofile and prints the top entries.
import { readFileSync } from "node:fs";

const profile = JSON.parse(readFileSync(process.argv[2], "utf8"));
const top = Number(process.argv[3] ?? 25);
const selfTime = new Map();
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
let total = 0;
for (const node of profile.nodes) {
  const t = dt.get(node.id) ?? 0;
  total += t;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || "(anonymous)"} ${url.replace(/^.*\/(dist|node_modules)\//, "$1/")}:${lineNumber + 1}`;
  selfTime.set(key, (selfTime.get(key) ?? 0) + t);
}
const rows = [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [key, t] of rows) console.log(`${((t / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
