/**
 * flushTraces(): resolves true once every finished trace is exported; with `timeoutMs` it
 * resolves false when the time runs out first (the export goes on and is reported), and it
 * checks its options where they are written.
 */
import { afterEach, describe, expect, it } from "vitest";
import { configure, flushTraces, InMemoryExporter, reset, trace, TracedUsageError, type Diagnostic, type Trace, type TraceExporter } from "../../src/index.js";

/** An exporter whose exports settle only when the test says so. */
class HeldExporter implements TraceExporter {
  readonly name = "held";
  readonly exported: Trace[] = [];
  private readonly releases: (() => void)[] = [];
  export(traces: readonly Trace[]): Promise<void> {
    return new Promise((resolve) => {
      this.releases.push(() => {
        this.exported.push(...traces);
        resolve();
      });
    });
  }
  release(): void {
    for (const release of this.releases.splice(0)) release();
  }
}

const work = trace(function work(n: number) {
  return n + 1;
});

afterEach(() => reset());

describe("flushTraces", () => {
  it("resolves true once the traces are exported", async () => {
    const memory = new InMemoryExporter();
    configure({ destination: memory });
    work(1);
    expect(await flushTraces()).toBe(true);
    expect(memory.traces.map((t) => t.rootSpan?.name)).toEqual(["work"]);
    work(2);
    expect(await flushTraces({ timeoutMs: 60_000 })).toBe(true);
    expect(memory.traces).toHaveLength(2);
  });

  it("with timeoutMs, resolves false when the export has not finished, reports it, and the export still completes", async () => {
    const held = new HeldExporter();
    const diagnostics: Diagnostic[] = [];
    configure({ destination: held, onDiagnostic: (d) => diagnostics.push(d) });
    work(1);
    expect(await flushTraces({ timeoutMs: 20 })).toBe(false);
    expect(diagnostics.map((d) => d.code)).toEqual(["flush-timeout"]);
    expect(held.exported).toEqual([]);
    // Nothing was given up: once the exporter answers, a flush completes with the trace delivered.
    const later = flushTraces();
    held.release();
    expect(await later).toBe(true);
    expect(held.exported.map((t) => t.rootSpan?.name)).toEqual(["work"]);
  });

  it("timeoutMs: 0 waits for nothing that is not already done", async () => {
    const held = new HeldExporter();
    configure({ destination: held, onDiagnostic: () => {} });
    work(1);
    expect(await flushTraces({ timeoutMs: 0 })).toBe(false);
    held.release();
  });

  it.each([
    [{ timeoutMs: -1 }, /flushTraces: "timeoutMs" must be a non-negative number of milliseconds, got number -1/],
    [{ timeoutMs: "1s" }, /"timeoutMs" must be a non-negative number of milliseconds, got "1s"/],
    [{ timeoutMs: Number.NaN }, /got number NaN/],
    [{ timeout: 5 }, /flushTraces: unknown option "timeout" \(expected one of: timeoutMs\)/],
    [5, /flushTraces: options must be an object such as \{ timeoutMs: 2000 \}, got number 5/],
  ])("rejects bad options %j with a TracedUsageError", (options, message) => {
    expect(() => flushTraces(options as never)).toThrow(TracedUsageError);
    expect(() => flushTraces(options as never)).toThrow(message);
  });
});
