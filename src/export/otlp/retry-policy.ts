/**
 * When and how long to wait before sending again, per the OTLP/HTTP specification:
 * 429 and 5xx (except 501, which no retry will change) and network errors are transient;
 * a `Retry-After` header (seconds or an HTTP date) sets the wait, otherwise the wait grows
 * exponentially with jitter so many clients do not retry in step.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** A server asking for a longer wait than this is not retried (the data is dropped). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 5,
  initialBackoffMs: 1000,
  maxBackoffMs: 5000,
  maxRetryAfterMs: 30_000,
});

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status !== 501);
}

/** `Retry-After` as milliseconds from now, or undefined when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Exponential backoff for retry number `retry` (1 = first retry), jittered to [half, full]. */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const full = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (retry - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

/**
 * The wait before retry number `retry`, or undefined to give up: attempts are used up, or
 * the server asks for a longer wait than the policy allows.
 */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (retry >= policy.maxAttempts) return undefined;
  if (retryAfterMs !== undefined) return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
  return backoffMs(retry, policy, random);
}
