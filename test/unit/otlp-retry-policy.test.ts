import { describe, expect, it } from "vitest";
import { backoffMs, isRetryableStatus, parseRetryAfter, retryDelayMs, type RetryPolicy } from "../../src/export/otlp/retry-policy.js";

const POLICY: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 1000, maxBackoffMs: 5000, maxRetryAfterMs: 30_000 };

describe("OTLP retry policy", () => {
  it("retries 429, 408 and 5xx except 501", () => {
    expect([429, 408, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 413, 422, 501].some(isRetryableStatus)).toBe(false);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter(" 1.5 ", now)).toBe(1500);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("backs off exponentially up to the cap, jittered between half and full", () => {
    expect([1, 2, 3, 4].map((retry) => backoffMs(retry, POLICY, () => 1))).toEqual([1000, 2000, 4000, 5000]);
    expect([1, 2, 3, 4].map((retry) => backoffMs(retry, POLICY, () => 0))).toEqual([500, 1000, 2000, 2500]);
  });

  it("waits as the server asks, and gives up when attempts run out or the wait is too long", () => {
    expect(retryDelayMs(1, 2000, POLICY, () => 0)).toBe(2000);
    expect(retryDelayMs(1, undefined, POLICY, () => 0)).toBe(500);
    expect(retryDelayMs(1, 60_000, POLICY)).toBeUndefined();
    expect(retryDelayMs(5, undefined, POLICY)).toBeUndefined();
    expect(retryDelayMs(1, undefined, { ...POLICY, maxAttempts: 1 })).toBeUndefined();
  });
});
