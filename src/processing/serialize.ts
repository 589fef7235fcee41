/**
 * Turns captured values into JSON text, at capture time (so later mutation by the app does
 * not change what was recorded). It never throws and never mutates what it reads.
 *
 * The work per captured value is bounded whatever the object graph: at most
 * `maxCaptureNodes` objects, array items and keys are visited, and at most `maxCaptureChars`
 * characters produced. Past either cap the walker stops and marks where it cut.
 *
 * Fast path: native JSON.stringify, which is several times faster than any JS walker. It runs
 * only after a bounded look (`jsonShowsAll`) found the value within the caps and holding
 * nothing JSON cannot show (a Map, Set, Error, RegExp); its output is kept unless it threw
 * (BigInt, throwing getters, hostile proxies) or exceeded the size cap. Everything else goes
 * to the general walker, which handles each of them, caps depth, nodes and size, and marks
 * what it cut.
 */
import { DEFAULT_CONFIG } from "../config/options.js";
import { diagnostics } from "../config/registry.js";
import { captureGuard } from "./capture-guard.js";
import { jsonShowsAll } from "./json-shows-all.js";
import { keyCount, ownKeys } from "./own-keys.js";

export interface SerializeLimits {
  readonly maxCaptureDepth: number;
  readonly maxCaptureChars: number;
  /** Objects, array items and keys visited per value; the default applies when absent. */
  readonly maxCaptureNodes?: number;
}

export const MARK = {
  circular: "[Circular]",
  depth: "[Truncated: max depth]",
  nodes: "[Truncated: max nodes]",
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
      // Reading an object may run its code (toJSON, getters): nothing it traces is recorded.
      captureGuard.depth++;
      try {
        return serializeObject(value, limits);
      } finally {
        captureGuard.depth--;
      }
    default:
      return JSON.stringify(fitString(describePrimitive(value), max));
  }
}

function serializeObject(value: object, limits: SerializeLimits): string {
  const max = limits.maxCaptureChars;
  try {
    // Even these checks run user code on a Proxy (getPrototypeOf traps), so they are guarded too.
    const budget = { nodes: limits.maxCaptureNodes ?? DEFAULT_CONFIG.maxCaptureNodes, chars: max };
    if (jsonShowsAll(value, limits.maxCaptureDepth, budget)) {
      const text = JSON.stringify(value);
      if (text !== undefined && text.length <= max) return text;
    }
  } catch {
    // Falls through to the walker, which knows what to do with it.
  }
  return serializeGeneral(value, limits);
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

/** The class of an instance (`undefined` for plain and null-prototype objects). */
function className(value: object): string | undefined {
  const prototype = Object.getPrototypeOf(value) as { constructor?: unknown } | null;
  if (prototype === null || prototype === Object.prototype) return undefined;
  const constructor = prototype.constructor;
  return typeof constructor === "function" && constructor.name !== "" ? constructor.name : "(anonymous class)";
}

/** At most `count` items of an iterator: a huge Map or Set is never copied whole. */
function firstOf<T>(iterator: Iterator<T>, count: number): T[] {
  const out: T[] = [];
  while (out.length < count) {
    const step = iterator.next();
    if (step.done) break;
    out.push(step.value);
  }
  return out;
}

/** Builds a plain, JSON-safe copy of a value within the limits. */
class Walker {
  private readonly seen = new Set<object>();
  /** Characters still free; marks and brackets of the truncation itself need the slack kept back. */
  private budget: number;
  /** Objects, items and keys still to visit. */
  private nodes: number;

  constructor(private readonly limits: SerializeLimits) {
    this.budget = limits.maxCaptureChars - 48;
    this.nodes = limits.maxCaptureNodes ?? DEFAULT_CONFIG.maxCaptureNodes;
  }

  /** True once either cap is spent: callers stop and mark the cut. */
  private get spent(): boolean {
    return this.budget <= 0 || this.nodes <= 0;
  }

  /** `undefined` means "omit", as JSON does for functions and symbols inside objects. */
  plain(value: unknown, depth: number): unknown {
    if (this.budget <= 0) return undefined;
    if (--this.nodes < 0) return MARK.nodes;
    switch (typeof value) {
      case "string": {
        const room = Math.max(this.budget, 40);
        // One JSON.stringify for a string that fits (most do); fitString only for one that does not.
        const length = value.length + 2 <= room ? JSON.stringify(value).length : Infinity;
        const text = length <= room ? value : fitString(value, room);
        this.budget -= (length <= room ? length : JSON.stringify(text).length) + 1;
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
      case "function":
        // Recorded by name (an object of callbacks shows which ones it holds), never dropped.
        return describePrimitive(value);
      case "undefined":
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
    if (value instanceof Set) return this.list(firstOf(value.values(), this.nodes + 1), depth, value.size);
    if (ArrayBuffer.isView(value)) {
      if (value instanceof DataView) return `[DataView ${value.byteLength} bytes]`;
      const items = value as unknown as ArrayLike<unknown>;
      return this.list(Array.prototype.slice.call(items, 0, this.nodes + 1), depth, items.length);
    }
    if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
    if (value instanceof RegExp) return String(value);
    if (value instanceof Promise) return "[Promise]";
    if (value instanceof WeakMap || value instanceof WeakSet) return `[${value.constructor.name}]`;
    const keys = ownKeys(value, this.nodes + 1);
    if (keys.length === 0) {
      const name = className(value);
      if (name !== undefined) return `[${name}]`;
    }
    return this.record(value, keys, depth);
  }

  /** `total` is the source's length when `items` is only its first part. */
  private list(items: readonly unknown[], depth: number, total = items.length): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      if (this.spent) {
        out.push(MARK.truncated(total - i) + " (items)");
        break;
      }
      const item = this.guarded(() => items[i], depth + 1);
      out.push(item === undefined ? null : item);
    }
    return out;
  }

  private record(source: object, keys: readonly string[], depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let i = 0;
    for (; i < keys.length && !this.spent; i++) {
      const key = keys[i]!;
      this.nodes--;
      // Quotes, colon and comma; a key needing escapes is rare, and the final text is checked anyway.
      this.budget -= key.length + 4;
      let raw: unknown;
      try {
        raw = (source as Record<string, unknown>)[key];
      } catch (error) {
        out[key] = this.thrown(error);
        continue;
      }
      const item = this.plain(raw, depth + 1);
      if (item !== undefined) out[key] = item;
    }
    // Cut by the budget, or past the first keys a huge object keeps (own-keys.ts).
    const total = keyCount(source, keys);
    if (i < total) out["…"] = `[truncated ${total - i} keys]`;
    return out;
  }

  private error(error: Error, depth: number): Record<string, unknown> {
    const out = this.record(error, Object.keys(error), depth);
    return { name: this.guarded(() => error.name, depth + 1), message: this.guarded(() => error.message, depth + 1), ...out };
  }

  private map(map: Map<unknown, unknown>, depth: number): unknown {
    const entries = firstOf(map.entries(), this.nodes + 1);
    if (entries.every(([key]) => typeof key === "string" || typeof key === "number")) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of entries) {
        if (this.spent) {
          out["…"] = `[truncated ${map.size - Object.keys(out).length} keys]`;
          break;
        }
        const plainItem = this.guarded(() => item, depth + 1);
        if (plainItem !== undefined) out[String(key)] = plainItem;
      }
      return out;
    }
    return this.list(entries, depth, map.size);
  }

  /** Reads and converts one member; a throwing getter or proxy trap becomes a marked string. */
  private guarded(read: () => unknown, depth: number): unknown {
    let raw: unknown;
    try {
      raw = read();
    } catch (error) {
      return this.thrown(error);
    }
    return this.plain(raw, depth);
  }

  private thrown(error: unknown): string {
    diagnostics.reportOnce("serialize-getter-threw", "Reading a captured value threw; it is recorded as a marked string", error);
    return MARK.unserializable(`getter threw ${errorText(error)}`);
  }
}
