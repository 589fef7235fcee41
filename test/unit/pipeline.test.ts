import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { ExportPipeline, type PendingTrace } from "../../src/export/pipeline.js";
import { traceFromMlflowJson, type Trace, type TraceExporter } from "../../src/index.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const golden = traceFromMlflowJson(readFileSync(join(import.meta.dirname, "../fixtures/mlflow/golden-trace.json"), "utf8"));
const pending: PendingTrace = { toTrace: () => golden };
const options = { maxQueueSize: 3, maxExportBatchSize: 2, exportTimeoutMs: 50, exitFlushTimeoutMs: 1000 };

function pipelineWith(...exporters: TraceExporter[]) {
  const diagnostics = new Diagnostics();
  const reported: string[] = [];
  diagnostics.handler = (d) => reported.push(d.code);
  const pipeline = new ExportPipeline(options, diagnostics);
  pipeline.exporters = exporters;
  return { pipeline, reported };
}

describe("export pipeline", () => {
  it("batches, counts what every exporter accepted, and keeps a bounded queue", async () => {
    const batches: number[] = [];
    const { pipeline, reported } = pipelineWith({ name: "ok", export: (traces: readonly Trace[]) => void batches.push(traces.length) });
    for (let i = 0; i < 5; i++) pipeline.enqueue(pending);
    await pipeline.flush();
    expect(batches).toEqual([2, 1]);
    expect(pipeline.stats).toMatchObject({ queued: 3, exported: 3, dropped: 2, failed: 0 });
    expect(reported).toEqual(["traces-dropped"]);
  });

  it("counts a batch as failed when an exporter throws, rejects or hangs, and reports each once", async () => {
    const { pipeline, reported } = pipelineWith(
      { name: "throws", export: () => { throw new Error("x"); } },
      { name: "ok", export: () => {} },
    );
    pipeline.enqueue(pending);
    await pipeline.flush();
    pipeline.enqueue(pending);
    await pipeline.flush();
    expect(pipeline.stats).toMatchObject({ exported: 0, failed: 2 });
    expect(reported).toEqual(["exporter-failed:throws"]);

    const hanging = pipelineWith({ name: "hangs", export: () => new Promise<void>(() => {}) });
    hanging.pipeline.enqueue(pending);
    await hanging.pipeline.flush();
    expect(hanging.pipeline.stats).toMatchObject({ exported: 0, failed: 1 });
    expect(hanging.reported).toEqual(["exporter-failed:hangs"]);
  });

  it("at exit, exports synchronously where it can and counts what it could not", () => {
    const received: number[] = [];
    const { pipeline, reported } = pipelineWith({ name: "sync", export: () => {}, exportSync: (t) => void received.push(t.length) });
    pipeline.enqueue(pending);
    pipeline.enqueue(pending);
    pipeline.flushSync();
    expect(received).toEqual([2]);
    expect(pipeline.stats.exported).toBe(2);
    const asyncOnly = pipelineWith({ name: "async-only", export: () => {} });
    asyncOnly.pipeline.enqueue(pending);
    asyncOnly.pipeline.flushSync();
    expect(asyncOnly.pipeline.stats).toMatchObject({ exported: 0, failed: 1 });
    expect(asyncOnly.reported).toEqual(["exit-unflushed:async-only"]);
  });

  it("tells whether every exporter can export synchronously", () => {
    expect(pipelineWith({ name: "sync", export: () => {}, exportSync: () => {} }).pipeline.canExportSync).toBe(true);
    expect(pipelineWith({ name: "sync", export: () => {}, exportSync: () => {} }, { name: "async-only", export: () => {} }).pipeline.canExportSync).toBe(false);
  });

  it("when the process ends mid-export, counts the queued and in-flight traces as failed and reports them once, with the reason", async () => {
    let exportStarted!: () => void;
    const started = new Promise<void>((resolve) => (exportStarted = resolve));
    const diagnostics = new Diagnostics();
    const messages: string[] = [];
    diagnostics.handler = (d) => messages.push(`${d.code}: ${d.message}`);
    const pipeline = new ExportPipeline({ ...options, maxQueueSize: 10 }, diagnostics);
    pipeline.exporters = [{ name: "hangs", export: () => (exportStarted(), new Promise<void>(() => {})) }];
    for (let i = 0; i < 3; i++) pipeline.enqueue(pending);
    void pipeline.flush();
    await started; // two traces in flight (one batch), one still queued
    for (let i = 0; i < 2; i++) pipeline.enqueue(pending);
    pipeline.abandon("the process ended on SIGTERM");
    pipeline.abandon("the process ended on SIGTERM");
    expect(pipeline.stats.failed).toBe(5);
    expect(pipeline.pending).toBe(0);
    // The abandoned export timing out later is not counted again.
    await new Promise((resolve) => setTimeout(resolve, options.exportTimeoutMs * 2));
    expect(pipeline.stats).toMatchObject({ exported: 0, failed: 5 });
    expect(messages.filter((m) => m.startsWith("exit-abandoned"))).toEqual(["exit-abandoned: 5 trace(s) may not have been exported: the process ended on SIGTERM"]);
  });
});
