/**
 * Durations for people, in the one format the CLI, the ConsoleExporter and `traced ui`
 * share (ui/src/lib/format.ts keeps the browser's copy; test/unit/duration-format.test.ts
 * holds the two to the same output).
 */

/** A span's duration (nanosecond precision): `250 µs`, `3.1 ms`, `42 ms`, `1.50 s`, `2 min 5 s`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms === 0) return "0 ms";
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** A trace's execution time: MLflow stores whole milliseconds, so 0 means "under one". */
export function formatTraceDuration(ms: number | null | undefined): string {
  return ms === 0 ? "< 1 ms" : formatDuration(ms);
}
