/** Converters for option values; a bad value is a usage error naming the option. */
import { InvalidArgumentError } from "commander";

export function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError("expected a positive integer");
  return value;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A moment in the past: an age (`30m`, `12h`, `7d`, `2w`, counted back from now), an ISO
 * date/time, or milliseconds since the epoch. Returns ms since the epoch.
 */
export function pastMoment(text: string, now = Date.now()): number {
  const age = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(text.trim());
  if (age) return now - Number(age[1]) * UNIT_MS[age[2]!]!;
  if (/^\d+$/.test(text.trim())) return Number(text);
  const parsed = Date.parse(text);
  if (Number.isFinite(parsed)) return parsed;
  throw new InvalidArgumentError("expected an age such as 7d, 12h, 30m, or an ISO date such as 2024-10-27");
}

/** Collects a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
