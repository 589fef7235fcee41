/**
 * The end of a process whose exporter sends over the network (OTLP): real child processes
 * trace a burst into a local OTLP receiver, then end.
 * - process.exit(): only synchronous code runs, so the queue goes out in blocking requests
 *   sent from a child process (`exportAtExit`), to an OTLP receiver or a fake MLflow server.
 * - A signal the app does not handle: traced exports the queue the usual way, then the
 *   process dies of the signal; a receiver that never answers delays that end by
 *   exitFlushTimeoutMs at most, and what was not sent is reported once.
 * - A signal the app handles itself: nothing is dropped, the app decides when to exit.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { OtlpReceiver } from "../support/otlp-receiver.js";

const CHILD = join(import.meta.dirname, "fixtures/otlp-exit-child.mjs");
const TRACES = 1_000;
const SPANS_PER_TRACE = 3;
/** Enough time at exit for every blocking request on a slow machine (the default is 5 s). */
const ROOMY_EXIT = { TRACED_EXIT_FLUSH_TIMEOUT_MS: "60000" };

interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pendingAtSignal: number;
  /** From the signal to the child's end. */
  endMs: number;
}

/** Runs the child; in the signal modes it gets `signal` (default SIGTERM) once it prints "ready". */
function runChild(mode: "exit" | "alone" | "handled", endpoint: string, { signal = "SIGTERM", env = {} }: { signal?: NodeJS.Signals; env?: Record<string, string> } = {}): Promise<ChildEnd> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, mode, endpoint, String(TRACES)], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    let signalledAt = 0;
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (signalledAt === 0 && stdout.includes("ready")) {
        signalledAt = performance.now();
        child.kill(signal);
      }
    });
    child.on("error", reject);
    child.on("close", (code, endSignal) =>
      resolve({ code, signal: endSignal, stdout, stderr, pendingAtSignal: Number(/pending (\d+)/.exec(stdout)?.[1] ?? NaN), endMs: performance.now() - signalledAt }),
    );
  });
}

let receiver: OtlpReceiver | undefined;
let mlflow: FakeMlflowServer | undefined;
afterEach(async () => {
  await receiver?.close();
  await mlflow?.close();
  receiver = mlflow = undefined;
});

describe("process.exit() with an OTLP exporter", () => {
  it("sends what is still queued in blocking requests, so every span arrives", async () => {
    receiver = await OtlpReceiver.start();
    const end = await runChild("exit", receiver.url, { env: ROOMY_EXIT });
    expect(end.stderr).toBe("");
    expect(end).toMatchObject({ code: 0, signal: null });
    // Nothing had been sent when the app exited: only the exit flush could deliver it.
    expect(end.pendingAtSignal).toBe(TRACES);
    expect(receiver.spans).toHaveLength(TRACES * SPANS_PER_TRACE);
    expect(new Set(receiver.spans.map((s) => s.spanId)).size).toBe(TRACES * SPANS_PER_TRACE);
    // In batches of maxExportBatchSize (100), gzip-compressed as the normal path sends them.
    expect(receiver.requests).toHaveLength(TRACES / 100);
    expect(receiver.requests.every((r) => r.headers["content-encoding"] === "gzip")).toBe(true);
  });

  it("an endpoint that refuses the request: the loss is counted in the report, once", async () => {
    receiver = await OtlpReceiver.start();
    receiver.setDefaultReply({ kind: "status", status: 503 });
    const end = await runChild("exit", receiver.url, { env: ROOMY_EXIT });
    expect(end).toMatchObject({ code: 0, signal: null });
    const reports = end.stderr.split("\n").filter((line) => line.includes("failed at exit"));
    expect(reports).toHaveLength(1);
    expect(end.stderr).toContain("HTTP 503");
    // A failed exporter is not tried again for the later batches.
    expect(receiver.requests).toHaveLength(1);
  });

  it("an endpoint that never answers holds the exit for exitFlushTimeoutMs at most, and the loss is reported once", async () => {
    receiver = await OtlpReceiver.start();
    receiver.setDefaultReply({ kind: "hang" });
    const started = performance.now();
    const end = await runChild("exit", receiver.url, { env: { TRACED_EXIT_FLUSH_TIMEOUT_MS: "500" } });
    expect(end).toMatchObject({ code: 0, signal: null });
    expect(performance.now() - started).toBeLessThan(8_000); // the request timeout (10 s) did not hold it
    const reports = end.stderr.split("\n").filter((line) => line.includes("failed at exit"));
    expect(reports).toHaveLength(1);
    expect(end.stderr).toContain("no answer within");
  });
});

describe("process.exit() with the MLflow exporter", () => {
  it("stores every trace: its spans first, then its info", async () => {
    mlflow = await FakeMlflowServer.start();
    const end = await runChild("exit", `mlflow=${mlflow.uri}`, { env: ROOMY_EXIT });
    expect(end.stderr).toBe("");
    expect(end).toMatchObject({ code: 0, signal: null });
    expect(end.pendingAtSignal).toBe(TRACES);
    expect(mlflow.traces.size).toBe(TRACES);
    for (const stored of mlflow.traces.values()) {
      expect(stored.spans).toHaveLength(SPANS_PER_TRACE);
      expect(stored.spansAtInfoCall).toBe(SPANS_PER_TRACE);
      expect(stored.info).toMatchObject({ state: "OK" });
    }
  });

  it("a refused trace info call: the trace's spans are kept, the rest goes on, and it is reported once", async () => {
    mlflow = await FakeMlflowServer.start();
    mlflow.failNext("/api/3.0/mlflow/traces", 400, 400);
    const end = await runChild("exit", `mlflow=${mlflow.uri}`, { env: ROOMY_EXIT });
    expect(end).toMatchObject({ code: 0, signal: null });
    expect(end.stderr.split("\n").filter((line) => line.includes("but not its info"))).toHaveLength(1);
    expect(mlflow.traces.size).toBe(TRACES);
    expect([...mlflow.traces.values()].filter((t) => t.spansAtInfoCall === undefined)).toHaveLength(2);
  });
});

describe("a signal with an OTLP exporter", () => {
  it("exports the queue, then the signal ends the process as it would have", async () => {
    receiver = await OtlpReceiver.start();
    receiver.setDefaultReply({ kind: "slow", delayMs: 100 });
    const end = await runChild("alone", receiver.url);
    expect(end.stderr).toBe("");
    // The slow receiver left most of the burst queued: only the signal's flush can send it.
    expect(end.pendingAtSignal).toBeGreaterThan(0);
    expect(end).toMatchObject({ code: null, signal: "SIGTERM" });
    expect(receiver.spans).toHaveLength(TRACES * SPANS_PER_TRACE);
    expect(new Set(receiver.spans.map((s) => s.spanId)).size).toBe(TRACES * SPANS_PER_TRACE);
  });

  it("a receiver that never answers delays the end by exitFlushTimeoutMs at most, and what was not sent is reported once", async () => {
    receiver = await OtlpReceiver.start();
    receiver.setDefaultReply({ kind: "hang" });
    const end = await runChild("alone", receiver.url, { env: { TRACED_EXIT_FLUSH_TIMEOUT_MS: "300" } });
    expect(end).toMatchObject({ code: null, signal: "SIGTERM" });
    expect(end.endMs).toBeLessThan(5_000); // the OTLP request timeout (10 s) did not hold it
    const reports = end.stderr.split("\n").filter((line) => line.includes("may not have been exported"));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(new RegExp(`${TRACES} trace\\(s\\) may not have been exported: the process ended on SIGTERM before the exporters finished \\(waited 300 ms`));
  });

  it("when the app handles the signal itself, nothing is dropped and the app decides when to exit", async () => {
    receiver = await OtlpReceiver.start();
    receiver.setDefaultReply({ kind: "slow", delayMs: 100 });
    const end = await runChild("handled", receiver.url, { signal: "SIGINT" });
    expect(end.stderr).toBe("");
    expect(end.pendingAtSignal).toBeGreaterThan(0);
    expect(end).toMatchObject({ code: 0, signal: null });
    expect(JSON.parse(/stats (.*)/.exec(end.stdout)![1]!)).toEqual({ exported: TRACES, failed: 0, dropped: 0 });
    expect(receiver.spans).toHaveLength(TRACES * SPANS_PER_TRACE);
  });
});
