// The measuring loop of the LLM-call benchmark: every (variant, call) pair once per cycle, in
// an order that rotates from cycle to cycle, each call timed alone. Between calls (untimed):
// two event-loop turns for the libraries' own end-of-call work, every queue emptied, a minor GC.
import { storageHooks } from "./storage-hooks.js";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * `variants`: `{ key, name, client, drain(): number, noHooks?, before?(), after?() }` (drain
 * returns the traces it dropped; before/after run untimed around each call); `modes`:
 * `{ name: async (client) => void }`; `intervals`, if given, receives each timed call's end
 * and duration. Returns one row per pair, in µs.
 */
export async function measure(variants, modes, { warmup, cycles, intervals }) {
  const items = variants.flatMap((variant) => Object.entries(modes).map(([mode, call]) => ({ variant, mode, call, times: [], recorded: 0 })));
  async function settle() {
    await nextTurn();
    await nextTurn();
    let drained = 0;
    for (const variant of variants) drained += variant.drain();
    globalThis.gc?.({ type: "minor" });
    return drained;
  }
  async function cycle(index, timed) {
    for (let i = 0; i < items.length; i++) {
      const item = items[(i + index) % items.length];
      // The same AsyncLocalStorage hooks for every variant: all on, or all off for `noHooks`.
      if (item.variant.noHooks) storageHooks.off();
      else storageHooks.on();
      item.variant.before?.();
      const started = performance.now();
      await item.call(item.variant.client);
      const elapsed = performance.now() - started;
      // For splitting a CPU profile by call (bench/llm/profile-split.js): µs on the monotonic clock V8's profiler uses.
      if (intervals !== undefined && timed) intervals.push({ variant: item.variant.key, mode: item.mode, endUs: Number(process.hrtime.bigint() / 1000n), us: elapsed * 1e3 });
      item.variant.after?.();
      storageHooks.on();
      const drained = await settle();
      if (timed) item.times.push(elapsed * 1e3);
      else item.recorded += drained;
    }
  }

  await settle();
  for (let i = 0; i < warmup; i++) await cycle(i, false);
  for (const item of items) {
    // A traced variant that recorded nothing would be measuring nothing.
    if (!item.variant.key.startsWith("bare") && item.recorded < warmup) throw new Error(`${item.variant.name} recorded ${item.recorded} traces in ${warmup} ${item.mode} calls`);
  }
  for (let i = 0; i < cycles; i++) await cycle(i, true);

  return items.map((item) => {
    const sorted = [...item.times].sort((a, b) => a - b);
    // Against the bare call of the same cycle, made within a few ms of it: load drift cancels.
    const bare = items.find((i) => i.variant.key === "bare" && i.mode === item.mode);
    const pairs = bare === undefined ? undefined : item.times.map((t, c) => [t, bare.times[c]]);
    return {
      variant: item.variant.key,
      name: item.variant.name,
      mode: item.mode,
      medianUs: median(sorted),
      p25Us: quantile(sorted, 0.25),
      p75Us: quantile(sorted, 0.75),
      meanUs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
      calls: sorted.length,
      pairedRatio: pairs && median(pairs.map(([t, b]) => t / b)),
      pairedAddedUs: pairs && median(pairs.map(([t, b]) => t - b)),
      recordedPerCall: item.recorded / warmup,
    };
  });
}
