/**
 * The exporter's own buffer between encoding and the network. Requests are sent one at a
 * time, in order (MLflow needs a trace's spans before its trace info). What waits is
 * bounded in bytes: a request that does not fit is dropped at once and counted, so a slow
 * or dead endpoint costs bounded memory and never makes the caller wait. (A single request
 * larger than the bound is still taken when nothing else waits, so huge traces can go out.)
 */
import { emptyDeliveryStats, type DeliveryStats } from "./delivery-stats.js";

export type { DeliveryStats };

export interface DeliveryJob {
  /** Memory held while the job waits or runs (encoded bodies). */
  bytes: number;
  spans: number;
  traces: number;
  run(): Promise<void>;
}

export class BufferFullError extends Error {
  override name = "BufferFullError";
}

export type DropReason = "buffer-full" | "delivery-failed" | "shut-down";

export class DeliveryQueue {
  readonly stats: DeliveryStats = emptyDeliveryStats();
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;
  private closed = false;

  constructor(
    private readonly maxBufferBytes: number,
    private readonly onDrop: (reason: DropReason, job: DeliveryJob, error: unknown) => void,
  ) {}

  /** Settles when the job has run: fulfilled if delivered, rejected if its data was dropped. */
  submit(job: DeliveryJob): Promise<void> {
    if (this.closed) {
      const error = new Error("the exporter was shut down");
      this.drop("shut-down", job, error);
      return Promise.reject(error);
    }
    const stats = this.stats;
    if (this.waiting > 0 && stats.bufferedBytes + job.bytes > this.maxBufferBytes) {
      const error = new BufferFullError(
        `export buffer full (${stats.bufferedBytes} of ${this.maxBufferBytes} bytes waiting): dropped ${job.spans} span(s) of ${job.traces} trace(s)`,
      );
      this.drop("buffer-full", job, error);
      return Promise.reject(error);
    }
    this.waiting++;
    stats.bufferedBytes += job.bytes;
    if (stats.bufferedBytes > stats.peakBufferedBytes) stats.peakBufferedBytes = stats.bufferedBytes;
    const result = this.tail.then(() => job.run());
    this.tail = result.then(
      () => this.settle(job, undefined),
      (error: unknown) => this.settle(job, error),
    );
    return result;
  }

  /**
   * A blocking delivery (at process exit) under the same rules as `submit`: refused once the
   * queue is closed, counted as exported or dropped. A failure is thrown, not reported: the
   * caller (the export pipeline) reports it.
   */
  runSync(job: Pick<DeliveryJob, "spans" | "traces">, deliver: () => void): void {
    try {
      if (this.closed) throw new Error("the exporter was shut down");
      deliver();
    } catch (error) {
      this.countDropped(job);
      throw error;
    }
    this.stats.exportedSpans += job.spans;
    this.stats.exportedTraces += job.traces;
  }

  /** From now on every job is dropped as "shut-down"; what was submitted before still runs. */
  close(): void {
    this.closed = true;
  }

  /** Resolves once everything submitted so far has settled. */
  async idle(): Promise<void> {
    let tail: Promise<void>;
    do {
      tail = this.tail;
      await tail;
    } while (tail !== this.tail);
  }

  get pendingJobs(): number {
    return this.waiting;
  }

  drop(reason: DropReason, job: DeliveryJob, error: unknown): void {
    this.countDropped(job);
    this.onDrop(reason, job, error);
  }

  private countDropped(job: Pick<DeliveryJob, "spans" | "traces">): void {
    this.stats.droppedSpans += job.spans;
    this.stats.droppedTraces += job.traces;
  }

  private settle(job: DeliveryJob, error: unknown): void {
    this.waiting--;
    this.stats.bufferedBytes -= job.bytes;
    if (error === undefined) {
      this.stats.exportedSpans += job.spans;
      this.stats.exportedTraces += job.traces;
    } else {
      this.drop("delivery-failed", job, error);
    }
  }
}
