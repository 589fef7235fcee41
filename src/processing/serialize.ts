/**
 * Turns captured values into JSON text, at capture time (so later mutation by the app does
 * not change what was recorded). It never throws and never mutates what it reads.
 *
 * Fast path: native JSON.stringify, which is several times faster than any JS walker.
 * Its output is kept unless it threw (cycles, BigInt, throwing getters, hostile proxies,
 * stack depth), exceeded the size cap, or the value holds something JSON cannot show (a
 * Map, Set, Error, RegExp: `jsonShowsAll`) or nests deeper than the depth cap.
 * Those go to the general walker, which handles each of them, caps depth and size, and
 * marks what it cut.
 */
import { diagnostics } from "../config/registry.js";
import { jsonShowsAll } from "./json-shows-all.js";

export interface SerializeLimits {
  readonly maxCaptureDepth: number;
  readonly maxCaptureChars: number;
}

export const MARK = {
  circular: "[Circular]",
  depth: "[Truncated: max depth]",
  unserializable: (why: string) => `[Unserializable: ${why}]`,
  truncated: (omitted: number) => `…[truncated ${omitted} chars]`,
};

export function serialize(value: unknown, limits: SerializeLimits): string {
  const max = limits.maxCaptureChars;
  switch (typeof value) {
    case "string":
      if (value.length <= max) {
        const text = JSON.stringify(value);
        if (text.length <= max) return text;
      }
      return JSON.stringify(fitString(value, max));
    case "number":
      // The same text JSON.stringify gives (finite numbers print alike; others are null), without the call.
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "null";
    case "object":
      if (value === null) return "null";
      try {
        // Even these checks run user code on a Proxy (getPrototypeOf traps), so they are guarded too.
        if (!ArrayBuffer.isView(value) && !(value instanceof Map) && !(value instanceof Set)) {
          const text = JSON.stringify(value);
          if (text !== undefined && text.length <= max && jsonShowsAll(value, limits.maxCaptureDepth)) return text;
        }
      } catch {
        // Falls through to the walker, which knows what to do with it.
      }
      return serializeGeneral(value, limits);
    default:
      return JSON.stringify(fitString(describePrimitive(value), max));
  }
}

/** The walker alone, without the fast path (exposed for tests and property checks). */
export function serializeGeneral(value: unknown, limits: SerializeLimits): string {
  try {
    const walker = new Walker(limits);
    const text = JSON.stringify(walker.plain(value, 0) ?? null);
    if (text.length <= limits.maxCaptureChars) return text;
    // The walker's budget is an estimate; as a last resort keep the text as a marked string.
    return JSON.stringify(fitString(text, limits.maxCaptureChars));
  } catch (error) {
    diagnostics.reportOnce("serialize-failed", "A captured value could not be serialized; it is recorded as a marked string", error);
    return JSON.stringify(MARK.unserializable(errorText(error)));
  }
}

function truncateString(text: string, max: number): string {
  const marker = MARK.truncated(text.length - max);
  const keep = Math.max(0, max - marker.length);
  return text.slice(0, keep) + MARK.truncated(text.length - keep);
}

/** The longest marked prefix of `text` whose JSON encoding (quotes and escapes included) fits `budget`. */
function fitString(text: string, budget: number): string {
  if (text.length + 2 <= budget && JSON.stringify(text).length <= budget) return text;
  let keep = Math.max(0, budget - MARK.truncated(text.length).length - 2);
  for (;;) {
    const candidate = text.slice(0, keep) + MARK.truncated(text.length - keep);
    const over = JSON.stringify(candidate).length - budget;
    if (over <= 0 || keep === 0) return candidate;
    keep = Math.max(0, keep - over);
  }
}

function describePrimitive(value: unknown): string {
  switch (typeof value) {
    case "bigint":
      return value.toString();
    case "symbol":
      return value.toString();
    case "function":
      return `[Function ${value.name || "(anonymous)"}]`;
    default:
      return String(value);
  }
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return "unknown error";
  }
}

/** Builds a plain, JSON-safe copy of a value within the limits. */
class Walker {
  private readonly seen = new Set<object>();
  /** Characters still free; marks and brackets of the truncation itself need the slack kept back. */
  private budget: number;

  constructor(private readonly limits: SerializeLimits) {
    this.budget = limits.maxCaptureChars - 48;
  }

  /** `undefined` means "omit", as JSON does for functions and symbols inside objects. */
  plain(value: unknown, depth: number): unknown {
    if (this.budget <= 0) return undefined;
    switch (typeof value) {
      case "string": {
        const text = fitString(value, Math.max(this.budget, 40));
        this.budget -= JSON.stringify(text).length + 1;
        return text;
      }
      case "number":
        this.budget -= String(value).length + 1;
        return Number.isFinite(value) ? value : null;
      case "boolean":
        this.budget -= 6;
        return value;
      case "bigint": {
        const digits = value.toString();
        this.budget -= digits.length + 3;
        return digits;
      }
      case "undefined":
      case "function":
      case "symbol":
        return depth === 0 ? describePrimitive(value) : undefined;
    }
    if (value === null) return null;
    return this.object(value as object, depth);
  }

  private object(value: object, depth: number): unknown {
    if (this.seen.has(value)) return MARK.circular;
    if (depth >= this.limits.maxCaptureDepth) return MARK.depth;
    this.seen.add(value);
    try {
      return this.objectInner(value, depth);
    } catch (error) {
      diagnostics.reportOnce("serialize-failed", "A captured value could not be fully serialized; the failing part is recorded as a marked string", error);
      return MARK.unserializable(errorText(error));
    } finally {
      this.seen.delete(value);
    }
  }

  private objectInner(value: object, depth: number): unknown {
    this.budget -= 2;
    if (Array.isArray(value)) return this.list(value, depth);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
      return this.plain((value as { toJSON(): unknown }).toJSON(), depth + 1);
    }
    if (value instanceof Error) return this.error(value, depth);
    if (value instanceof Map) return this.map(value, depth);
    if (value instanceof Set) return this.list([...value], depth);
    if (ArrayBuffer.isView(value)) {
      return value instanceof DataView ? `[DataView ${value.byteLength} bytes]` : this.list(Array.from(value as unknown as ArrayLike<unknown>), depth);
    }
    if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
    if (value instanceof RegExp) return String(value);
    if (value instanceof Promise) return "[Promise]";
    if (value instanceof WeakMap || value instanceof WeakSet) return `[${value.constructor.name}]`;
    return this.record(value, Object.keys(value), depth);
  }

  private list(items: readonly unknown[], depth: number): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      if (this.budget <= 0) {
        out.push(MARK.truncated(items.length - i) + " (items)");
        break;
      }
      const item = this.guarded(() => items[i], depth + 1);
      out.push(item === undefined ? null : item);
    }
    return out;
  }

  private record(source: object, keys: readonly string[], depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      if (this.budget <= 0) {
        out["…"] = `[truncated ${keys.length - i} keys]`;
        break;
      }
      const key = keys[i]!;
      this.budget -= JSON.stringify(key).length + 1;
      const item = this.guarded(() => (source as Record<string, unknown>)[key], depth + 1);
      if (item !== undefined) out[key] = item;
    }
    return out;
  }

  private error(error: Error, depth: number): Record<string, unknown> {
    const out = this.record(error, Object.keys(error), depth);
    return { name: this.guarded(() => error.name, depth + 1), message: this.guarded(() => error.message, depth + 1), ...out };
  }

  private map(map: Map<unknown, unknown>, depth: number): unknown {
    const entries = [...map.entries()];
    if (entries.every(([key]) => typeof key === "string" || typeof key === "number")) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of entries) {
        if (this.budget <= 0) break;
        const plainItem = this.guarded(() => item, depth + 1);
        if (plainItem !== undefined) out[String(key)] = plainItem;
      }
      return out;
    }
    return this.list(entries, depth);
  }

  /** Reads and converts one member; a throwing getter or proxy trap becomes a marked string. */
  private guarded(read: () => unknown, depth: number): unknown {
    let raw: unknown;
    try {
      raw = read();
    } catch (error) {
      diagnostics.reportOnce("serialize-getter-threw", "Reading a captured value threw; it is recorded as a marked string", error);
      return MARK.unserializable(`getter threw ${errorText(error)}`);
    }
    return this.plain(raw, depth);
  }
}
