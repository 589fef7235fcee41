import { type Diagnostics } from "../config/diagnostics.js";
import { onCloudflareWorkers } from "../config/cloudflare-workers.js";
import { unref } from "../config/unref.js";
import { type Trace } from "../model/trace.js";
import { type TraceExporter } from "./exporter.js";

/** A finished trace whose model object is built lazily, off the traced call's path. */
export interface PendingTrace {
  toTrace(): Trace;
  /** Lets a change to the trace wait for its export (see query/pending-export.ts). */
  readonly traceId?: string;
}

export interface PipelineOptions {
  /** At most this many finished traces wait for export; more are dropped and counted. */
  maxQueueSize: number;
  /** At most this many traces go to an exporter in one call. */
  maxExportBatchSize: number;
  /** An export that has not settled after this long counts as failed (ms). */
  exportTimeoutMs: number;
  /** How long the end of a process waits for network exports (signals, `process.exit()`), in ms. */
  exitFlushTimeoutMs: number;
}

export interface PipelineStats {
  queued: number;
  exported: number;
  dropped: number;
  failed: number;
}

const DROP_REPORT_INTERVAL_MS = 10_000;

/** The state of one flush at the `exit` event: its deadline, and the exporters that failed in it. */
interface ExitFlush {
  deadline: number;
  failed: Set<TraceExporter>;
}

/**
 * A bounded queue between finished traces and the exporters. Exports run one batch at a
 * time; while an exporter is slow the queue fills and new traces are dropped (counted and
 * reported at most once per interval), so memory stays bounded and the app never waits.
 */
export class ExportPipeline {
  exporters: readonly TraceExporter[] = [];
  private queue: PendingTrace[] = [];
  /** Traces handed to the exporters whose export has not settled. */
  private inFlight = 0;
  /** Bumped by `abandon`: exports started before it are already counted when they settle. */
  private generation = 0;
  private draining: Promise<void> | undefined;
  private scheduled = false;
  private lastDropReport = 0;
  private droppedSinceReport = 0;
  readonly stats: PipelineStats = { queued: 0, exported: 0, dropped: 0, failed: 0 };
  /** Run at the start of every flush (capture sends traces that still wait for late spans). */
  readonly beforeFlush: (() => void)[] = [];
  /**
   * Whether a finished trace starts an export by itself. Not in Cloudflare Workers: there the
   * runtime drops a request's I/O when the request ends, so an export started in a request that
   * did not hand `flushTraces()` to `ctx.waitUntil` would never settle and hold the queue for
   * good. Traces wait for the next `flushTraces()` instead, which runs in a request kept alive.
   */
  private readonly exportsOnItsOwn = !onCloudflareWorkers();

  constructor(
    public options: PipelineOptions,
    private readonly diagnostics: Diagnostics,
  ) {}

  enqueue(trace: PendingTrace): void {
    if (this.exporters.length === 0) return;
    if (this.queue.length >= this.options.maxQueueSize) {
      this.recordDrop(1);
      return;
    }
    this.queue.push(trace);
    this.stats.queued++;
    if (this.exportsOnItsOwn && !this.scheduled && this.draining === undefined) {
      this.scheduled = true;
      unref(
        setImmediate(() => {
          this.scheduled = false;
          void this.drain();
        }),
      );
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  /** The ids of the traces waiting in this queue. */
  queuedTraceIds(): string[] {
    const ids: string[] = [];
    for (const item of this.queue) if (item.traceId !== undefined) ids.push(item.traceId);
    return ids;
  }

  /** True while the trace waits in this queue (not yet handed to the exporters). */
  holds(traceId: string): boolean {
    return this.queue.some((item) => item.traceId === traceId);
  }

  /** Exports everything queued so far, then asks exporters to flush their own buffers. */
  async flush(): Promise<void> {
    for (const step of this.beforeFlush) step();
    while (this.queue.length > 0 || this.draining !== undefined) await this.drain();
    await Promise.all(this.exporters.map((exporter) => this.guard(exporter, "flush", () => exporter.forceFlush?.())));
  }

  /** Whether every exporter can export synchronously (so `flushSync` delivers everything). */
  get canExportSync(): boolean {
    return this.exporters.every((exporter) => exporter.exportSync !== undefined);
  }

  /**
   * The process is ending with traces still queued or being exported (a signal's wait ran
   * out, an export still running at exit): they are counted as failed and reported once, with
   * the reason. Exports already running are not counted again when they settle.
   */
  abandon(reason: string): void {
    const lost = this.queue.length + this.inFlight;
    if (lost === 0) return;
    this.queue = [];
    this.inFlight = 0;
    this.generation++;
    this.stats.failed += lost;
    this.diagnostics.reportOnce("exit-abandoned", `${lost} trace(s) may not have been exported: ${reason}`);
  }

  /**
   * Exports what is queued synchronously, in batches: with `exportSync`, or at the `exit`
   * event (`atExit`) also with an exporter's costlier `exportAtExit`. What an exporter cannot
   * take is counted as failed and reported.
   */
  flushSync(atExit = false): void {
    // At exit, `exportAtExit` blocks on the network: all of it together gets `exitFlushTimeoutMs`,
    // and an exporter that failed once is not tried again (a dead endpoint must not hold the exit).
    const exit: ExitFlush | undefined = atExit ? { deadline: Date.now() + this.options.exitFlushTimeoutMs, failed: new Set() } : undefined;
    while (this.queue.length > 0) {
      const batch = this.takeBatch(this.options.maxExportBatchSize);
      if (batch.length === 0) continue;
      let delivered = true;
      for (const exporter of this.exporters) {
        if (!this.exportNow(exporter, batch, exit)) delivered = false;
      }
      this.count(delivered, batch.length);
    }
  }

  private exportNow(exporter: TraceExporter, batch: Trace[], exit: ExitFlush | undefined): boolean {
    const label = exporter.name ?? "(unnamed)";
    if (!exporter.exportSync && !(exit && exporter.exportAtExit)) {
      this.diagnostics.reportOnce(
        `exit-unflushed:${exporter.name ?? "exporter"}`,
        `${this.queue.length + batch.length} trace(s) could not be exported at exit: exporter ${label} cannot export synchronously; call flushTraces() before exiting`,
      );
      return false;
    }
    if (exit?.failed.has(exporter)) return false;
    try {
      if (exporter.exportSync) exporter.exportSync(batch);
      else {
        const budgetMs = exit!.deadline - Date.now();
        if (budgetMs <= 0) throw new Error(`exitFlushTimeoutMs (${this.options.exitFlushTimeoutMs} ms) ran out`);
        exporter.exportAtExit!(batch, budgetMs);
      }
      return true;
    } catch (error) {
      exit?.failed.add(exporter);
      this.diagnostics.reportOnce(`exporter-failed:${exporter.name ?? "exporter"}`, `Exporter ${label} failed at exit; what was left for it is counted as failed`, error);
      return false;
    }
  }

  /** `exported` counts traces every exporter accepted; the rest are `failed`. */
  private count(delivered: boolean, traces: number): void {
    if (delivered) this.stats.exported += traces;
    else this.stats.failed += traces;
  }

  async shutdown(): Promise<void> {
    await this.flush();
    await Promise.all(this.exporters.map((exporter) => this.guard(exporter, "shutdown", () => exporter.shutdown?.())));
  }

  /** Forget queued traces and counters (for `reset()`). */
  clear(): void {
    this.queue = [];
    Object.assign(this.stats, { queued: 0, exported: 0, dropped: 0, failed: 0 });
    this.droppedSinceReport = 0;
    this.lastDropReport = 0;
  }

  private drain(): Promise<void> {
    this.draining ??= this.drainLoop().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async drainLoop(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.takeBatch(this.options.maxExportBatchSize);
      if (batch.length === 0) continue;
      const generation = this.generation;
      this.inFlight += batch.length;
      const results = await Promise.all(this.exporters.map((exporter) => this.guard(exporter, "export", () => exporter.export(batch))));
      if (generation !== this.generation) continue;
      this.inFlight -= batch.length;
      this.count(results.every(Boolean), batch.length);
    }
  }

  private takeBatch(max: number): Trace[] {
    const pending = this.queue.splice(0, Math.min(max, this.queue.length));
    const batch: Trace[] = [];
    for (const item of pending) {
      try {
        batch.push(item.toTrace());
      } catch (error) {
        this.stats.failed++;
        this.diagnostics.reportOnce("trace-build-failed", "A finished trace could not be assembled and was dropped", error);
      }
    }
    return batch;
  }

  /** Runs one exporter call with a timeout; true when it succeeded. Failures are reported once. */
  private async guard(exporter: TraceExporter, action: string, run: () => unknown): Promise<boolean> {
    const label = exporter.name ?? "(unnamed)";
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = run();
      if (result && typeof (result as Promise<void>).then === "function") {
        await Promise.race([
          result,
          new Promise((_, reject) => {
            timer = unref(setTimeout(() => reject(new Error(`timed out after ${this.options.exportTimeoutMs} ms`)), this.options.exportTimeoutMs));
          }),
        ]);
      }
      return true;
    } catch (error) {
      this.diagnostics.reportOnce(`exporter-failed:${label}`, `Exporter ${label} failed to ${action}`, error);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private recordDrop(count: number): void {
    this.stats.dropped += count;
    this.droppedSinceReport += count;
    const now = Date.now();
    if (now - this.lastDropReport >= DROP_REPORT_INTERVAL_MS) {
      this.diagnostics.report(
        "traces-dropped",
        `Export queue full (${this.options.maxQueueSize} traces): dropped ${this.droppedSinceReport} trace(s) since the last report, ${this.stats.dropped} in all. Raise maxQueueSize or use a faster destination.`,
      );
      this.lastDropReport = now;
      this.droppedSinceReport = 0;
    }
  }
}
