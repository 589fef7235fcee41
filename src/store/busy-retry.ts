/**
 * Several processes may write one database file. SQLite's busy timeout makes a writer wait
 * for the lock; if the other side holds it longer than that, SQLITE_BUSY comes back and we
 * try again with a growing pause, so a busy database delays a batch instead of losing it.
 * The asynchronous variant pauses without blocking the event loop; the synchronous one
 * (process exit, where nothing asynchronous can run) sleeps the thread.
 */
export interface RetryPolicy {
  /** Give up after this long (ms) of failed attempts. */
  readonly maxWaitMs: number;
  readonly firstPauseMs: number;
  readonly maxPauseMs: number;
}

/** Gives up before the export pipeline's default 30 s timeout would count the batch as failed. */
export const DEFAULT_RETRY: RetryPolicy = { maxWaitMs: 20_000, firstPauseMs: 5, maxPauseMs: 250 };

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

function nextPause(pause: number, policy: RetryPolicy): number {
  // Jitter keeps two writers that collided from colliding again in lockstep.
  return Math.min(policy.maxPauseMs, pause * 2) * (0.5 + Math.random() / 2);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export function withBusyRetrySync<T>(run: () => T, policy: RetryPolicy = DEFAULT_RETRY): T {
  const started = Date.now();
  let pause = policy.firstPauseMs;
  for (;;) {
    try {
      return run();
    } catch (error) {
      if (!isBusyError(error) || Date.now() - started > policy.maxWaitMs) throw error;
      sleepSync(pause);
      pause = nextPause(pause, policy);
    }
  }
}

export async function withBusyRetry<T>(run: () => T, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  const started = Date.now();
  let pause = policy.firstPauseMs;
  for (;;) {
    try {
      return run();
    } catch (error) {
      if (!isBusyError(error) || Date.now() - started > policy.maxWaitMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = nextPause(pause, policy);
    }
  }
}
