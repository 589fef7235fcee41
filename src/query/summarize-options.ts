/** Checks summarizeTraces' options and resolves the time range and interval to milliseconds. */
import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import { HOUR_MS } from "../store/summary-schema.js";
import { type SummarizeTracesOptions } from "./summarize-types.js";

export interface ResolvedSummaryOptions {
  filter: string;
  fromMs: number;
  toMs: number;
  intervalMs: number;
  groupBy: string[];
  limit: number;
  experimentIds: readonly string[];
}

const OPTION_KEYS = ["filter", "from", "to", "interval", "groupBy", "limit", "experimentIds"];
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: HOUR_MS, d: 86_400_000, w: 604_800_000 };
const DAY_MS = 86_400_000;
/** Steps an automatic interval is chosen from. */
const NICE_INTERVALS = [60_000, 300_000, 900_000, 1_800_000, HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS, 7 * DAY_MS, 30 * DAY_MS];
const TARGET_BUCKETS = 60;
export const MAX_BUCKETS = 2000;
export const DEFAULT_GROUP_BY = ["model", "span.name"];
const DEFAULT_LIMIT = 10;
const GROUP_FORMS = 'model, span.name, tag.<key> or metadata.<key>';

function usage(message: string): never {
  throw new TracedUsageError(`summarizeTraces: ${message}`);
}

/** `90s`, `5m`, `1h`, `1d`, `2w`, `250ms` → milliseconds, or undefined when not that form. */
export function parseDurationText(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(text.trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : undefined;
}

/** A moment: ms, a Date, an ISO date/time, `now`, or an age before `now` (`24h`, `7d`). */
export function parseMoment(value: unknown, name: string, now: number): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) usage(`"${name}" must be a finite number of ms since the epoch, got ${describeValue(value)}`);
    return Math.floor(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) usage(`"${name}" is an invalid Date`);
    return value.getTime();
  }
  if (typeof value === "string") {
    const text = value.trim();
    if (text === "now") return now;
    const age = parseDurationText(text);
    if (age !== undefined) return now - age;
    if (/^\d+$/.test(text)) return Number(text);
    const parsed = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
    if (Number.isFinite(parsed)) return parsed;
  }
  return usage(`"${name}" must be ms since the epoch, a Date, an ISO date (2026-12-01T00:00:00Z), "now" or an age such as 24h or 7d; got ${describeValue(value)}`);
}

function parseInterval(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === "number" ? value : typeof value === "string" ? (parseDurationText(value) ?? (/^\d+$/.test(value.trim()) ? Number(value) : NaN)) : NaN;
  if (!Number.isInteger(ms) || ms < 1000) usage(`"interval" must be a whole number of ms of at least 1000, or a step such as 30s, 5m, 1h, 1d; got ${describeValue(value)}`);
  return ms;
}

/** The smallest nice step that cuts the range into at most ~60 buckets. */
export function autoInterval(fromMs: number, toMs: number): number {
  const span = toMs - fromMs;
  return NICE_INTERVALS.find((step) => span / step <= TARGET_BUCKETS) ?? NICE_INTERVALS[NICE_INTERVALS.length - 1]!;
}

function checkGroupKey(key: unknown): string {
  if (typeof key !== "string") return usage(`"groupBy" entries must be strings (${GROUP_FORMS}), got ${describeValue(key)}`);
  if (key === "model" || key === "span.name") return key;
  const match = /^(tag|tags|metadata)\.(.+)$/.exec(key);
  if (match) return `${match[1] === "metadata" ? "metadata" : "tag"}.${match[2]}`;
  return usage(`unknown "groupBy" key ${JSON.stringify(key)} (expected ${GROUP_FORMS})`);
}

export function resolveSummaryOptions(options: SummarizeTracesOptions, now = Date.now()): ResolvedSummaryOptions {
  if (typeof options !== "object" || options === null) usage(`expected an options object, got ${describeValue(options)}`);
  checkKnownKeys(options, OPTION_KEYS, "summarizeTraces");
  const filter = options.filter ?? "";
  if (typeof filter !== "string") usage(`"filter" must be a string, got ${describeValue(filter)}`);
  const toMs = options.to === undefined ? Math.ceil(now / HOUR_MS) * HOUR_MS : parseMoment(options.to, "to", now);
  const fromMs = options.from === undefined ? toMs - DAY_MS : parseMoment(options.from, "from", now);
  if (fromMs >= toMs) usage(`"from" (${new Date(fromMs).toISOString()}) must be before "to" (${new Date(toMs).toISOString()})`);
  const intervalMs = parseInterval(options.interval) ?? autoInterval(fromMs, toMs);
  const buckets = Math.ceil(toMs / intervalMs) - Math.floor(fromMs / intervalMs);
  if (buckets > MAX_BUCKETS) usage(`the range holds ${buckets} intervals of ${intervalMs} ms; at most ${MAX_BUCKETS} (choose a longer "interval")`);
  if (options.groupBy !== undefined && !Array.isArray(options.groupBy)) usage(`"groupBy" must be an array of strings (${GROUP_FORMS}), got ${describeValue(options.groupBy)}`);
  const groupBy = [...new Set((options.groupBy ?? DEFAULT_GROUP_BY).map(checkGroupKey))];
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit <= 0 || limit > 1000) usage(`"limit" must be an integer from 1 to 1000, got ${describeValue(limit)}`);
  const experimentIds = options.experimentIds ?? [];
  if (!Array.isArray(experimentIds) || experimentIds.some((id) => typeof id !== "string")) usage(`"experimentIds" must be an array of strings`);
  return { filter, fromMs, toMs, intervalMs, groupBy, limit, experimentIds };
}
