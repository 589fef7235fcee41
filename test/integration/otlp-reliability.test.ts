import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Diagnostics, type Diagnostic } from "../../src/config/diagnostics.js";
import { ExportPipeline } from "../../src/export/pipeline.js";
import { createOtlpExporter, type OtlpExporterOptions } from "../../src/export/otlp/index.js";
import { deadEndpoint, OtlpReceiver } from "../support/otlp-receiver.js";
import { agentTrace, smallTrace } from "../support/sample-traces.js";

const FAST_RETRY = { maxAttempts: 4, initialBackoffMs: 5, maxBackoffMs: 20, maxRetryAfterMs: 5_000 };

let receiver: OtlpReceiver | undefined;
let diagnostics: Diagnostics;
let reports: Diagnostic[];

beforeEach(() => {
  diagnostics = new Diagnostics();
  reports = [];
  diagnostics.handler = (d) => reports.push(d);
});
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function exporterFor(url: string, options: OtlpExporterOptions = {}) {
  return createOtlpExporter({ endpoint: url, retry: FAST_RETRY, ...options }, {}, diagnostics);
}

describe("OTLP export retries", () => {
  it("retries 503 and 429 answers until the endpoint accepts", async () => {
    receiver = await OtlpReceiver.start();
    receiver.reply({ kind: "status", status: 503 }, { kind: "status", status: 429, retryAfter: "0" });
    const exporter = exporterFor(receiver.url);
    const { trace } = agentTrace();
    await exporter.export([trace]);
    expect(receiver.requests.map((r) => r.status)).toEqual([503, 429, 200]);
    // Each attempt carried the same spans.
    expect(new Set(receiver.requests.map((r) => r.spans.map((s) => s.spanId).join()))).toHaveProperty("size", 1);
    expect(exporter.stats).toMatchObject({ retries: 2, exportedSpans: 3, droppedSpans: 0 });
    expect(reports).toEqual([]);
    await exporter.shutdown();
  });

  it("honours Retry-After: a wait longer than the policy allows drops the data at once", async () => {
    receiver = await OtlpReceiver.start();
    receiver.reply({ kind: "status", status: 429, retryAfter: "3600" });
    const exporter = exporterFor(receiver.url);
    await expect(exporter.export([agentTrace().trace])).rejects.toThrow(/asked to wait 3600000 ms/);
    expect(receiver.requests).toHaveLength(1);
    expect(exporter.stats).toMatchObject({ retries: 0, droppedSpans: 3, droppedTraces: 1 });
    expect(reports.map((r) => r.code)).toEqual(["otlp-dropped:delivery-failed"]);
    await exporter.shutdown();
  });

  it("does not retry a request the endpoint refuses (400)", async () => {
    receiver = await OtlpReceiver.start();
    receiver.reply({ kind: "status", status: 400, body: "bad span" });
    const exporter = exporterFor(receiver.url);
    await expect(exporter.export([agentTrace().trace])).rejects.toThrow(/HTTP 400: bad span/);
    expect(receiver.requests).toHaveLength(1);
    expect(exporter.stats.droppedSpans).toBe(3);
    await exporter.shutdown();
  });

  it("times out a hanging request and retries it", async () => {
    receiver = await OtlpReceiver.start();
    receiver.reply({ kind: "hang" });
    const exporter = exporterFor(receiver.url, { timeoutMs: 200 });
    await exporter.export([agentTrace().trace]);
    expect(receiver.requests.map((r) => r.status)).toEqual([undefined, 200]);
    expect(exporter.stats).toMatchObject({ retries: 1, exportedSpans: 3 });
    await exporter.shutdown();
  });

  it("gives up on a dead endpoint after the allowed attempts, reporting once and counting every drop", async () => {
    const exporter = exporterFor(await deadEndpoint());
    await expect(exporter.export([agentTrace().trace])).rejects.toThrow(/after 4 attempt\(s\).*ECONNREFUSED/);
    await expect(exporter.export([smallTrace(1), smallTrace(2)])).rejects.toThrow(/ECONNREFUSED/);
    expect(exporter.stats).toMatchObject({ retries: 6, droppedSpans: 5, droppedTraces: 3, exportedSpans: 0, bufferedBytes: 0 });
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toMatch(/otlp exporter dropped 3 span\(s\) of 1 trace/);
    expect(diagnostics.counts.get("otlp-dropped:delivery-failed")).toBe(2);
    await exporter.shutdown();
  });
});

describe("OTLP exporter shutdown", () => {
  it("abandons a hanging request after its grace period and drops later exports", async () => {
    receiver = await OtlpReceiver.start();
    receiver.setDefaultReply({ kind: "hang" });
    // Retries would go on for several timeouts; shutdown waits one (its grace period), then aborts.
    const exporter = exporterFor(receiver.url, { timeoutMs: 150, retry: { ...FAST_RETRY, maxAttempts: 100 } });
    const pending = exporter.export([agentTrace().trace]).catch((error: Error) => error);
    await receiver.waitFor((r) => r.requests.length === 1);
    await exporter.shutdown();
    expect(await pending).toMatchObject({ name: "DeliveryError" });
    await expect(exporter.export([smallTrace()])).rejects.toThrow(/shut down/);
    expect(exporter.stats).toMatchObject({ droppedTraces: 2, exportedTraces: 0, bufferedBytes: 0 });
  });
});

describe("OTLP export under a burst to a slow endpoint", () => {
  it("never makes the caller wait, bounds its buffer and counts what it drops", async () => {
    receiver = await OtlpReceiver.start();
    receiver.setDefaultReply({ kind: "slow", delayMs: 50 });
    const oneBody = 200; // a one-span trace encodes to roughly this many bytes
    const exporter = exporterFor(receiver.url, { maxBufferBytes: oneBody * 5 });

    const settled: Array<Promise<"sent" | "dropped">> = [];
    for (let i = 0; i < 100; i++) {
      settled.push(exporter.export([smallTrace(i)]).then(() => "sent" as const, () => "dropped" as const));
    }
    // Every export call has returned and nothing has reached the network yet: encoding and
    // queueing happen in the call, sending happens later.
    expect(receiver.requests).toHaveLength(0);
    expect(exporter.stats.bufferedBytes).toBeLessThanOrEqual(oneBody * 5);

    const outcomes = await Promise.all(settled);
    const sent = outcomes.filter((o) => o === "sent").length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(100);
    expect(exporter.stats).toMatchObject({ exportedTraces: sent, droppedTraces: 100 - sent, bufferedBytes: 0 });
    expect(exporter.stats.peakBufferedBytes).toBeLessThanOrEqual(oneBody * 5);
    expect(receiver.spans).toHaveLength(sent);
    expect(reports.map((r) => r.code)).toEqual(["otlp-dropped:buffer-full"]);
    await exporter.shutdown();
  });

  it("behind traced's export queue, a hanging endpoint only fills bounded queues", async () => {
    receiver = await OtlpReceiver.start();
    receiver.setDefaultReply({ kind: "hang" });
    const exporter = exporterFor(receiver.url, { timeoutMs: 100, retry: { maxAttempts: 1 } });
    const pipeline = new ExportPipeline({ maxQueueSize: 20, maxExportBatchSize: 5, exportTimeoutMs: 10_000, exitFlushTimeoutMs: 1000 }, diagnostics);
    pipeline.exporters = [exporter];
    for (let i = 0; i < 500; i++) pipeline.enqueue({ toTrace: () => smallTrace(i) });
    expect(pipeline.pending).toBe(20);
    expect(pipeline.stats.dropped).toBe(480);
    await pipeline.flush();
    expect(exporter.stats.droppedTraces + exporter.stats.exportedTraces).toBe(20);
    expect(exporter.stats.exportedTraces).toBe(0);
    await pipeline.shutdown();
  });
});
