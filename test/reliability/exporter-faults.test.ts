/**
 * Fault matrix, exporter side: a destination that throws, rejects, hangs or is slow must not
 * change what the app's traced functions return or throw, and each kind of failure is
 * reported exactly once (then only counted), however many traces hit it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { flushTraces, getTracingStats, reset, trace } from "../../src/index.js";
import { AppError, freshTracing, never, ScriptedExporter, sleep } from "../support/reliability-harness.js";

const appResult = { answer: 42 };
const appError = new AppError("the app's own failure", { code: 7 });

const syncOk = trace(function syncOk(question: string) {
  return appResult;
});
const syncFails = trace(function syncFails(question: string): never {
  throw appError;
});
const asyncOk = trace(async function asyncOk(question: string) {
  await Promise.resolve();
  return appResult;
});
const asyncFails = trace(async function asyncFails(question: string): Promise<never> {
  await Promise.resolve();
  throw appError;
});

/** Runs the four app calls, checking each result or error is exactly the app's own. */
async function runAppCalls(): Promise<void> {
  expect(syncOk("q")).toBe(appResult);
  expect(() => syncFails("q")).toThrow(appError);
  await expect(asyncOk("q")).resolves.toBe(appResult);
  const rejection = await asyncFails("q").catch((error: unknown) => error);
  expect(rejection).toBe(appError);
  expect(rejection).toBeInstanceOf(AppError);
  expect((rejection as AppError).detail).toEqual({ code: 7 });
}

/** Three rounds of app calls, each followed by a flush, so the exporter fails three times. */
async function runRounds(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await runAppCalls();
    await expect(flushTraces()).resolves.toBe(true);
  }
}

afterEach(() => reset());

describe("an exporter that fails", () => {
  it("throws synchronously: app values and errors unchanged, reported once, every trace counted failed", async () => {
    const exporter = new ScriptedExporter("throwing", () => {
      throw new Error("disk full");
    });
    const diagnostics = freshTracing({ destination: exporter });
    await runRounds();
    const reports = diagnostics.withCode("exporter-failed");
    expect(reports).toHaveLength(1);
    expect(reports[0]!.code).toBe("exporter-failed:throwing");
    expect((reports[0]!.error as Error).message).toBe("disk full");
    // Three export calls failed; each was counted although only the first was reported.
    expect(exporter.calls).toBe(3);
    expect(getTracingStats().diagnostics["exporter-failed:throwing"]).toBe(3);
    expect(getTracingStats().export.failed).toBe(12);
  });

  it("rejects: app values and errors unchanged, reported once", async () => {
    const exporter = new ScriptedExporter("rejecting", () => Promise.reject(new Error("503 from collector")));
    const diagnostics = freshTracing({ destination: exporter });
    await runRounds();
    const reports = diagnostics.withCode("exporter-failed");
    expect(reports).toHaveLength(1);
    expect((reports[0]!.error as Error).message).toBe("503 from collector");
    expect(getTracingStats().diagnostics["exporter-failed:rejecting"]).toBe(3);
    expect(getTracingStats().export.failed).toBe(12);
  });

  it("hangs forever: flushTraces still settles (export timeout), the hang is reported once", async () => {
    const exporter = new ScriptedExporter("hanging", () => never());
    const diagnostics = freshTracing({ destination: exporter, exportTimeoutMs: 30 });
    await runRounds();
    const reports = diagnostics.withCode("exporter-failed");
    expect(reports).toHaveLength(1);
    expect(String((reports[0]!.error as Error).message)).toMatch(/timed out/);
    expect(getTracingStats().diagnostics["exporter-failed:hanging"]).toBe(3);
  });

  it("is slower than the export timeout: counted as failed once, reported once, the app untouched", async () => {
    const exporter = new ScriptedExporter("slow", () => sleep(120));
    const diagnostics = freshTracing({ destination: exporter, exportTimeoutMs: 20 });
    await runAppCalls();
    await flushTraces();
    await runAppCalls();
    await flushTraces();
    expect(diagnostics.withCode("exporter-failed")).toHaveLength(1);
    expect(getTracingStats().diagnostics["exporter-failed:slow"]).toBe(2);
  });
});

describe("an exporter that is slow but within its timeout", () => {
  it("never holds up the app: calls return before the export finishes, and every trace arrives", async () => {
    let releaseExport!: () => void;
    const exportGate = new Promise<void>((resolve) => (releaseExport = resolve));
    const exporter = new ScriptedExporter("slow-but-ok", () => exportGate);
    const diagnostics = freshTracing({ destination: exporter });
    await runAppCalls();
    // Let the pipeline start exporting; the export is now blocked on the gate.
    await sleep(5);
    expect(exporter.calls).toBe(1);
    // The app keeps running while the export is pending.
    await runAppCalls();
    expect(exporter.traces).toHaveLength(0);
    releaseExport();
    await flushTraces();
    expect(exporter.traces).toHaveLength(8);
    expect(diagnostics.all).toEqual([]);
    expect(getTracingStats().export).toMatchObject({ exported: 8, failed: 0, dropped: 0 });
  });
});
