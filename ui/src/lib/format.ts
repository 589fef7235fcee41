/** Display formats for durations, times, counts and values. */

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms === 0) return "0 ms";
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A trace's execution time, which MLflow keeps in whole milliseconds: 0 means under one. */
export function formatTraceDuration(ms: number | null | undefined): string {
  return ms === 0 ? "< 1 ms" : formatDuration(ms);
}

/** A moment as the user's clock shows it, split so a narrow cell can wrap between the pieces. */
export interface TimeParts {
  date: string;
  clock: string;
  /** The offset from UTC at that moment ("UTC", "UTC+05:30"): zones change offset over the year. */
  zone: string;
}

export function timeParts(ms: number): TimeParts | null {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const east = -date.getTimezoneOffset();
  const zone = east === 0 ? "UTC" : `UTC${east > 0 ? "+" : "-"}${pad(Math.floor(Math.abs(east) / 60))}:${pad(Math.abs(east) % 60)}`;
  return {
    date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    clock: `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`,
    zone,
  };
}

export function formatTime(ms: number): string {
  const parts = timeParts(ms);
  return parts ? `${parts.date} ${parts.clock} ${parts.zone}` : "—";
}

/** The exact instant in UTC with the zone's name, for a tooltip. */
export function instantTitle(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.toISOString()} (${Intl.DateTimeFormat().resolvedOptions().timeZone})`;
}

export function formatCount(n: number | undefined): string {
  return n === undefined ? "—" : n.toLocaleString("en-US");
}

/** A value on one line, for lists: strings as they are, anything else as JSON. */
export function inlineValue(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Dollars, with enough digits that a cheap call is not "$0.00" (as the CLI shows them). */
export function formatCost(usd: number | null | undefined): string {
  if (typeof usd !== "number" || !Number.isFinite(usd)) return "—";
  if (usd === 0) return "$0";
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd >= 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toPrecision(3)}`;
}
