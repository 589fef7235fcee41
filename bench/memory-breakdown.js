// Where traced's retained bytes per finished span go: two heap snapshots (before and after
// N queued single-span traces), diffed by object kind. `node --expose-gc bench/memory-breakdown.js`
import { getHeapSnapshot } from "node:v8";
import { createTracedAdapter } from "./peers/traced.js";

const SPANS = 20_000;

async function snapshotTotals() {
  for (let i = 0; i < 3; i++) globalThis.gc();
  let text = "";
  for await (const chunk of getHeapSnapshot()) text += chunk;
  const snap = JSON.parse(text);
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const totals = new Map();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + typeAt]];
    const name = type === "object" || type === "closure" ? snap.strings[snap.nodes[i + nameAt]] : `(${type})`;
    const entry = totals.get(name) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += snap.nodes[i + sizeAt];
    totals.set(name, entry);
  }
  return totals;
}

const adapter = createTracedAdapter({ maxQueueSize: SPANS * 2 });
const f = adapter.wrap((x) => x + 1, "retained");
for (let i = 0; i < 2_000; i++) f(i);
adapter.drain();
const before = await snapshotTotals();
for (let i = 0; i < SPANS; i++) f(i);
const after = await snapshotTotals();
const rows = [];
for (const [name, a] of after) {
  const b = before.get(name) ?? { count: 0, bytes: 0 };
  const bytes = (a.bytes - b.bytes) / SPANS;
  if (Math.abs(bytes) >= 4) rows.push({ name, bytesPerSpan: +bytes.toFixed(1), objectsPerSpan: +((a.count - b.count) / SPANS).toFixed(2) });
}
rows.sort((x, y) => y.bytesPerSpan - x.bytesPerSpan);
console.table(rows);
console.log("total", rows.reduce((s, r) => s + r.bytesPerSpan, 0).toFixed(0), "B per span");
adapter.drain();
