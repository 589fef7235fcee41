/**
 * Load: a burst of spans into a slow exporter. Memory stays bounded by the configured queue
 * (not by the burst), drops are counted and reported, and the app never waits for export.
 * Default size fits CI; TRACED_FULL=1 runs the full 1M-span burst.
 */
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import { flushTraces, getTracingStats, reset, trace } from "../../src/index.js";
import { freshTracing, ScriptedExporter, sleep } from "../support/reliability-harness.js";

const SPANS = process.env.TRACED_FULL === "1" ? 1_000_000 : 100_000;
const QUEUE = 200;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

afterEach(() => reset());

describe(`a burst of ${SPANS.toLocaleString("en-US")} spans into an exporter that is stuck`, () => {
  it("keeps at most maxQueueSize traces, counts and reports every drop, and never blocks the app", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const exporter = new ScriptedExporter("stuck", () => gate);
    const diagnostics = freshTracing({ destination: exporter, maxQueueSize: QUEUE, exportTimeoutMs: 600_000 });
    const handle = trace(function handle(request: { id: number; text: string }) {
      return request.id;
    });
    // Let the first batch reach the exporter, which now holds it without finishing.
    handle({ id: -1, text: "first" });
    await sleep(5);
    expect(exporter.calls).toBe(1);

    const before = heapAfterGc();
    let maxPending = 0;
    let sum = 0;
    for (let i = 0; i < SPANS; i++) {
      sum += handle({ id: i, text: "a request of a few words" });
      if (i % 1000 === 0) maxPending = Math.max(maxPending, getTracingStats().export.pending);
    }
    const grown = heapAfterGc() - before;

    // The app got every one of its results while the exporter was stuck.
    expect(sum).toBe((SPANS * (SPANS - 1)) / 2);
    expect(exporter.traces).toHaveLength(0);
    expect(maxPending).toBeLessThanOrEqual(QUEUE);
    const stats = getTracingStats().export;
    expect(stats.pending).toBeLessThanOrEqual(QUEUE);
    expect(stats.dropped).toBe(SPANS - QUEUE);
    // Bounded by the queue: ~QUEUE finished traces, not SPANS of them (750+ B each).
    expect(grown).toBeLessThan(16 * 1024 * 1024);
    const dropReports = diagnostics.withCode("traces-dropped");
    expect(dropReports.length).toBeGreaterThanOrEqual(1);
    expect(dropReports[0]!.message).toMatch(/dropped/);

    release();
    await flushTraces();
    const after = getTracingStats().export;
    // Every span is accounted for: exported or dropped.
    expect(after.exported + after.dropped + after.failed).toBe(SPANS + 1);
    expect(exporter.traces).toHaveLength(after.exported);
  });

  it("concurrent async calls all settle with their own values while the exporter is stuck", async () => {
    const exporter = new ScriptedExporter("stuck-async", () => new Promise<void>(() => {}));
    freshTracing({ destination: exporter, maxQueueSize: QUEUE, exportTimeoutMs: 600_000 });
    const answer = trace(async function answer(id: number) {
      await null;
      return id * 2;
    });
    const count = Math.min(SPANS, 20_000);
    const results = await Promise.all(Array.from({ length: count }, (_, i) => answer(i)));
    expect(results.every((value, i) => value === i * 2)).toBe(true);
    const stats = getTracingStats().export;
    expect(stats.pending).toBeLessThanOrEqual(QUEUE);
    expect(stats.queued + stats.dropped).toBe(count);
  });
});

describe("a burst into an exporter that is slow but progressing", () => {
  it("accounts for every trace as exported or dropped once the burst is flushed", async () => {
    const exporter = new ScriptedExporter("slow", () => sleep(1));
    freshTracing({ destination: exporter, maxQueueSize: QUEUE });
    const step = trace(function step(n: number) {
      return n + 1;
    });
    const total = Math.min(SPANS, 50_000);
    for (let i = 0; i < total; i++) {
      expect(step(i)).toBe(i + 1);
      // Yield now and then, as a server between requests, so export makes progress.
      if (i % 2_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await flushTraces();
    const stats = getTracingStats().export;
    expect(stats.exported + stats.dropped).toBe(total);
    expect(stats.exported).toBeGreaterThan(0);
    expect(exporter.traces).toHaveLength(stats.exported);
  });
});
