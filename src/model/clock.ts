/**
 * Span times: one `performance.now()` read on the hot path, turned into Unix nanoseconds
 * (exact, as bigint) only when a span is exported. The anchor pairs a wall-clock reading
 * with a monotonic one taken at the same moment.
 */
export interface ClockAnchor {
  readonly unixNs: bigint;
  readonly perfMs: number;
}

export function createClockAnchor(): ClockAnchor {
  return { unixNs: BigInt(Date.now()) * 1_000_000n, perfMs: performance.now() };
}

export function monotonicNow(): number {
  return performance.now();
}

export function toUnixNs(anchor: ClockAnchor, perfMs: number): bigint {
  return anchor.unixNs + BigInt(Math.round((perfMs - anchor.perfMs) * 1e6));
}

export function nsToMs(ns: bigint): number {
  return Number(ns / 1_000_000n);
}

export function msToIso(ms: number): string {
  return new Date(ms).toISOString();
}
