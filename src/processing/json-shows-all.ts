/**
 * Decides whether `JSON.stringify` text of a value shows all of it, or whether the value holds
 * something JSON drops without a trace — a Map, Set, Error, RegExp, Promise or binary data —
 * which needs the serializer's walker.
 *
 * It looks at the value's structure, not at the JSON text: searching the text (for `{}`) would
 * first copy the whole text into one flat string, which costs more than this walk on the
 * string-heavy values LLM spans capture, and it misses an Error that has enumerable fields
 * (Node's system errors) while sending plain empty objects (`"properties": {}`) to the walker.
 *
 * Call it only on a value `JSON.stringify` has just written within the size cap: that proves
 * there is no cycle, and each object visited here wrote at least two characters, so the walk is
 * bounded by the text's length. Objects deeper than `maxDepth` also answer "no", so the walker's
 * depth cap applies to every value alike. It reads each property a second time (getters and
 * proxy traps run again); a throw means "use the walker", which the caller's try/catch arranges.
 */
const OBJECT_PROTOTYPE = Object.prototype;

export function jsonShowsAll(value: object, maxDepth: number, depth = 0): boolean {
  if (depth >= maxDepth) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === "object" && item !== null && !jsonShowsAll(item, maxDepth, depth + 1)) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== OBJECT_PROTOTYPE && prototype !== null) {
    // A toJSON (Date, Buffer, a class's own) is the value's chosen form: JSON shows what it gives.
    if (typeof (value as { toJSON?: unknown }).toJSON === "function") return true;
    if (isOpaqueToJson(value)) return false;
  }
  for (const key in value) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (typeof item === "object" && item !== null && !jsonShowsAll(item, maxDepth, depth + 1)) return false;
  }
  return true;
}

function isOpaqueToJson(value: object): boolean {
  return (
    value instanceof Map ||
    value instanceof Set ||
    value instanceof Error ||
    value instanceof RegExp ||
    value instanceof Promise ||
    value instanceof WeakMap ||
    value instanceof WeakSet ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value)
  );
}
