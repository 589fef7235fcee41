/**
 * The traces whose root span has started but not ended, oldest first. A root that never ends
 * (a forgotten `startSpan`, a stream nobody finishes, a call that never settles) would keep its
 * trace in memory and out of every destination; this list bounds that, as MLflow's trace buffer
 * does, and nothing leaves it without being exported or counted:
 * - `traceTimeoutMs` (MLFLOW_TRACE_TIMEOUT_SECONDS; off by default): a trace open longer is
 *   halted — its open spans end with status ERROR — and exported;
 * - `openTraceTtlMs` (MLFLOW_TRACE_BUFFER_TTL_SECONDS, 1 hour) and `maxOpenTraces`
 *   (MLFLOW_TRACE_BUFFER_MAX_SIZE, 100,000): past either, the oldest open traces are dropped,
 *   counted and reported;
 * - at process exit, traces still open are exported as they are (state IN_PROGRESS).
 *
 * A trace whose root ended while some of its spans are still open waits for them, at most
 * LATE_SPAN_WAIT_MS, then goes to export as it is (the still-open spans reported once); a
 * flush, and the end of the process, send it at once.
 *
 * A doubly linked list through the traces themselves: opening and closing a trace allocates
 * nothing and costs a few field writes on the traced call's path.
 */
import { config, diagnostics, shared } from "../config/registry.js";
import { unref } from "../config/unref.js";
import { monotonicNow } from "../model/clock.js";
import { SpanStatusCode } from "../model/status.js";
import { beforeFinalFlush, installExitFlush } from "../export/exit-flush.js";
import { ensureDestination, exportPipeline } from "../export/destination.js";
import { type PendingTrace } from "../export/pipeline.js";
import { traceLifecycle } from "./trace-lifecycle.js";

/** What the list needs of a trace (TraceBuffer implements it). */
export interface OpenTrace {
  olderOpen: OpenTrace | undefined;
  newerOpen: OpenTrace | undefined;
  /** Set when the trace left the list without its root ending: it is never exported again. */
  closedEarly: boolean;
  readonly openedByClient: boolean;
  readonly traceId: string;
  /** Sends the trace to export (for one that waits for spans ending after its root). */
  handOver(): void;
  openSpanNames(): string[];
  readonly spans: ReadonlyArray<{
    readonly startTime: number;
    readonly isEnded: boolean;
    setStatus(code: SpanStatusCode, message?: string): unknown;
    finish(): void;
  }>;
}

export interface OpenTraceStats {
  /** Open now. */
  open: number;
  /** Halted by `traceTimeoutMs` and exported. */
  timedOut: number;
  /** Dropped by `openTraceTtlMs` or `maxOpenTraces`. */
  dropped: number;
  /** Exported as IN_PROGRESS when the process ended. */
  exportedAtExit: number;
}

const SWEEP_INTERVAL_MS = 1000;
/** How long a trace whose root has ended waits for its spans that are still open. */
export const LATE_SPAN_WAIT_MS = 30_000;

class OpenTraces {
  private oldest: OpenTrace | undefined;
  private newest: OpenTrace | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private exitHookInstalled = false;
  /** Traces whose root has ended, waiting for late spans, with the time they go anyway. */
  private readonly waiting = new Map<OpenTrace, number>();
  private flushHookInstalled = false;
  readonly stats: OpenTraceStats = { open: 0, timedOut: 0, dropped: 0, exportedAtExit: 0 };

  opened(trace: OpenTrace): void {
    trace.olderOpen = this.newest;
    trace.newerOpen = undefined;
    if (this.newest === undefined) this.oldest = trace;
    else this.newest.newerOpen = trace;
    this.newest = trace;
    if (++this.stats.open > config.maxOpenTraces) this.drop(this.oldest!, "over-capacity");
    if (this.timer === undefined) this.arm();
  }

  closed(trace: OpenTrace): void {
    const older = trace.olderOpen;
    const newer = trace.newerOpen;
    if (older === undefined) this.oldest = newer;
    else older.newerOpen = newer;
    if (newer === undefined) this.newest = older;
    else newer.olderOpen = older;
    trace.olderOpen = trace.newerOpen = undefined;
    this.stats.open--;
  }

  waitForLateSpans(trace: OpenTrace): void {
    this.waiting.set(trace, monotonicNow() + LATE_SPAN_WAIT_MS);
    if (!this.flushHookInstalled) {
      this.flushHookInstalled = true;
      // A flush (flushTraces, a serverless handler's end) must not leave these behind.
      exportPipeline.beforeFlush.push(() => this.handOverWaiting());
    }
    if (this.timer === undefined) this.arm();
  }

  lateSpansEnded(trace: OpenTrace): void {
    this.waiting.delete(trace);
  }

  /** The trace with this id that has not gone to export yet (open, or waiting for late spans); undefined if none. Walks the list: for the rare change made to a trace, not per span. */
  find(traceId: string): OpenTrace | undefined {
    for (let trace = this.oldest; trace !== undefined; trace = trace.newerOpen) if (trace.traceId === traceId) return trace;
    for (const trace of this.waiting.keys()) if (trace.traceId === traceId) return trace;
    return undefined;
  }

  /** A trace deleted before it was exported: it leaves the list and is never exported (not counted as dropped: it was asked for). */
  discard(trace: OpenTrace): void {
    if (!this.waiting.delete(trace)) this.closed(trace);
    trace.closedEarly = true;
    if (trace.openedByClient) traceLifecycle.openTraces.delete(trace.traceId);
  }

  /** Sends every trace waiting for late spans to export as it is. */
  handOverWaiting(): void {
    for (const trace of [...this.waiting.keys()]) this.stopWaiting(trace);
  }

  private stopWaiting(trace: OpenTrace): void {
    this.waiting.delete(trace);
    trace.handOver();
  }

  /** Ends what has been open too long; runs on an unref'd timer while any trace is open. */
  sweep(now = monotonicNow()): void {
    for (const [trace, deadline] of this.waiting) {
      if (now < deadline) continue;
      diagnostics.reportOnce("late-spans-unfinished", `Trace ${trace.traceId} was exported ${LATE_SPAN_WAIT_MS / 1000} s after its root span ended with span(s) still open: ${trace.openSpanNames().join(", ")}`);
      this.stopWaiting(trace);
    }
    const timeout = config.traceTimeoutMs;
    for (let trace = this.oldest; trace !== undefined; trace = this.oldest) {
      const age = now - trace.spans[0]!.startTime;
      if (timeout > 0 && age >= timeout) this.halt(trace, timeout);
      else if (age >= config.openTraceTtlMs) this.drop(trace, "expired");
      else break;
    }
  }

  /** Exports every open trace as it is; the process is ending. */
  exportAll(): void {
    this.handOverWaiting();
    if (this.oldest === undefined) return;
    ensureDestination();
    for (let trace = this.oldest; trace !== undefined; trace = this.oldest) {
      this.closed(trace);
      trace.closedEarly = true;
      this.stats.exportedAtExit++;
      exportPipeline.enqueue(trace as unknown as PendingTrace);
    }
  }

  private halt(trace: OpenTrace, timeout: number): void {
    this.stats.timedOut++;
    diagnostics.reportOnce("trace-timed-out", `Trace ${trace.traceId} was still open after ${timeout} ms (traceTimeoutMs): its open spans were ended with status ERROR and it was exported`);
    // Children first, so the root ends last: ending the root closes and exports the trace.
    for (let i = trace.spans.length - 1; i >= 0; i--) {
      const span = trace.spans[i]!;
      if (span.isEnded) continue;
      span.setStatus(SpanStatusCode.ERROR, `Timed out: still running after ${timeout} ms`);
      span.finish();
    }
  }

  private drop(trace: OpenTrace, why: "expired" | "over-capacity"): void {
    this.closed(trace);
    trace.closedEarly = true;
    if (trace.openedByClient) traceLifecycle.openTraces.delete(trace.traceId);
    this.stats.dropped++;
    const reason =
      why === "expired"
        ? `it was open longer than openTraceTtlMs (${config.openTraceTtlMs} ms)`
        : `more than maxOpenTraces (${config.maxOpenTraces}) traces were open at once`;
    diagnostics.reportOnce(`open-trace-${why}`, `Dropped trace ${trace.traceId} before its root span ended: ${reason}. getTracingStats().openTraces counts every drop.`);
  }

  /** Forgets every open trace and the counters (for `reset()`). */
  clear(): void {
    this.waiting.clear();
    for (let trace = this.oldest; trace !== undefined; trace = this.oldest) {
      this.closed(trace);
      trace.closedEarly = true;
    }
    Object.assign(this.stats, { open: 0, timedOut: 0, dropped: 0, exportedAtExit: 0 });
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    const timeout = config.traceTimeoutMs;
    const interval = Math.min(timeout > 0 ? timeout : Infinity, config.openTraceTtlMs, SWEEP_INTERVAL_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sweep();
      if (this.oldest !== undefined || this.waiting.size !== 0) this.arm();
    }, interval);
    unref(this.timer);
    if (!this.exitHookInstalled) {
      this.exitHookInstalled = true;
      beforeFinalFlush(() => this.exportAll());
      installExitFlush(exportPipeline);
    }
  }
}

export const openTraces: OpenTraces = shared("capture.openTraces", () => new OpenTraces());
