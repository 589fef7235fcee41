/** Converters for option values; a bad value is a usage error naming the option. */
import { InvalidArgumentError } from "commander";

export function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError("expected a positive integer");
  return value;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

const MOMENT_FORMS = "an age such as 7d, 12h, 30m, 45s or 2w, or an ISO date such as 2024-10-27 or 2024-10-27T12:00:00Z";

/**
 * A moment in the past: an age (`30m`, `12h`, `7d`, `2w`, counted back from now) or an ISO
 * date/time. Returns ms since the epoch. A bare number is refused: `7` meant as days would
 * otherwise be read as a moment in 1970 and match nothing.
 */
export function pastMoment(text: string, now = Date.now()): number {
  const trimmed = text.trim();
  const age = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(trimmed);
  if (age) return now - Number(age[1]) * UNIT_MS[age[2]!]!;
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) throw new InvalidArgumentError(`a number needs a unit: expected ${MOMENT_FORMS} (${trimmed}d is ${trimmed} days)`);
  // Date.parse alone would take "7" or "May 3"; only ISO dates are meant.
  const parsed = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (Number.isFinite(parsed)) return parsed;
  throw new InvalidArgumentError(`expected ${MOMENT_FORMS}`);
}

/** Collects a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
