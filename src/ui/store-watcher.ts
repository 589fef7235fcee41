/**
 * Notices new or changed traces in the store, which other processes write to, by polling
 * a cheap fingerprint while anyone is listening: the newest trace, and in a local file the
 * number of traces (a tracking server has no cheap count, so there only the newest).
 */
import { LocalTraceStore } from "../query/local-trace-store.js";
import { type TraceStore } from "../query/remote/trace-store-api.js";

export interface StoreChange {
  latestTraceId: string | null;
  /** null when the store cannot count cheaply (a tracking server). */
  count: number | null;
}

export type ChangeListener = (change: StoreChange) => void;

export class StoreWatcher {
  private readonly listeners = new Set<ChangeListener>();
  private timer: NodeJS.Timeout | undefined;
  private last: StoreChange | undefined;
  private polling = false;

  constructor(
    private readonly store: TraceStore,
    private readonly intervalMs: number,
  ) {}

  async current(): Promise<StoreChange> {
    const newest = (await this.store.searchTraces({ maxResults: 1, includeSpans: false })).traces[0];
    const count = this.store instanceof LocalTraceStore ? await this.store.countTraces() : null;
    return { latestTraceId: newest?.traceId ?? null, count };
  }

  /** The fingerprint, or an unknown one while the store cannot answer (a server down, a writer holding the lock). */
  async currentOrUnknown(): Promise<StoreChange> {
    try {
      return await this.current();
    } catch {
      return { latestTraceId: null, count: null };
    }
  }

  /** Calls `listener` after each change; returns the function that stops listening. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    if (this.timer === undefined) {
      this.last = undefined;
      void this.currentOrUnknown().then((now) => (this.last ??= now));
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
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

  private async poll(): Promise<void> {
    // A slow server: one look at a time.
    if (this.polling) return;
    this.polling = true;
    let now: StoreChange;
    try {
      now = await this.current();
    } catch {
      // A writer holding the lock, or the server not answering: look again at the next tick.
      return;
    } finally {
      this.polling = false;
    }
    if (this.timer === undefined) return;
    if (now.latestTraceId === this.last?.latestTraceId && now.count === this.last?.count) return;
    this.last = now;
    for (const listener of this.listeners) listener(now);
  }
}
