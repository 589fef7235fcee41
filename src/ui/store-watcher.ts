/**
 * Notices new or changed traces in the store, which other processes write to, by polling
 * a cheap fingerprint (newest trace and the number of traces) while anyone is listening.
 */
import { type TraceStore } from "../query/trace-store.js";

export interface StoreChange {
  latestTraceId: string | null;
  count: number;
}

export type ChangeListener = (change: StoreChange) => void;

export class StoreWatcher {
  private readonly listeners = new Set<ChangeListener>();
  private timer: NodeJS.Timeout | undefined;
  private last: StoreChange | undefined;

  constructor(
    private readonly store: TraceStore,
    private readonly intervalMs: number,
  ) {}

  current(): StoreChange {
    const newest = this.store.searchTraces({ maxResults: 1, includeSpans: false }).traces[0];
    return { latestTraceId: newest?.traceId ?? null, count: this.store.countTraces() };
  }

  /** Calls `listener` after each change; returns the function that stops listening. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    if (this.timer === undefined) {
      this.last = this.current();
      this.timer = setInterval(() => this.poll(), this.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private poll(): void {
    let now: StoreChange;
    try {
      now = this.current();
    } catch {
      // A writer holding the lock: look again at the next tick.
      return;
    }
    if (now.latestTraceId === this.last?.latestTraceId && now.count === this.last?.count) return;
    this.last = now;
    for (const listener of this.listeners) listener(now);
  }
}
