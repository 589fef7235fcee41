/**
 * Decides, before `JSON.stringify` runs, whether its text would show all of a value within the
 * capture budget, or whether the value needs the serializer's walker: it holds something JSON
 * drops without a trace (a Map, Set, Error, RegExp, Promise, binary data, a function, or a
 * class instance with no enumerable fields, which JSON writes as `{}`), nests deeper than the
 * depth cap, has more nodes than the node cap, or its strings and keys alone pass the size
 * cap. Looking first bounds the work: a huge object graph is never handed to `JSON.stringify`
 * whole, since this walk stops after `maxNodes` objects and array items.
 *
 * It looks at the value's structure, not at JSON text: searching text (for `{}`) would cost
 * more than this walk on the string-heavy values LLM spans capture, and it misses an Error
 * that has enumerable fields (Node's system errors). It reads each property once more than
 * `JSON.stringify` does (getters and proxy traps run again); a throw means "use the walker",
 * which the caller's try/catch arranges. A cycle is caught by the depth or node cap.
 */
import { isHuge } from "./own-keys.js";

const OBJECT_PROTOTYPE = Object.prototype;

export interface ShowsAllBudget {
  /** Objects and array items still allowed. */
  nodes: number;
  /** Characters of strings and keys still allowed. */
  chars: number;
}

export function jsonShowsAll(value: object, maxDepth: number, budget: ShowsAllBudget, depth = 0): boolean {
  if (depth >= maxDepth || --budget.nodes < 0) return false;
  if (Array.isArray(value)) {
    budget.nodes -= value.length;
    if (budget.nodes < 0) return false;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === "string") {
        if ((budget.chars -= item.length) < 0) return false;
      } else if (typeof item === "function") return false;
      else if (typeof item === "object" && item !== null && !jsonShowsAll(item, maxDepth, budget, depth + 1)) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  const instance = prototype !== OBJECT_PROTOTYPE && prototype !== null;
  if (instance) {
    // A toJSON (Date, Buffer, a class's own) is the value's chosen form: JSON shows what it gives.
    if (typeof (value as { toJSON?: unknown }).toJSON === "function") return true;
    if (isOpaqueToJson(value)) return false;
  }
  // A huge object seen before is known (own-keys.ts): no listing of its keys again.
  if (isHuge(value)) return false;
  let empty = true;
  for (const key in value) {
    empty = false;
    if (--budget.nodes < 0 || (budget.chars -= key.length) < 0) return false;
    const item: unknown = (value as Record<string, unknown>)[key];
    if (typeof item === "string") {
      if ((budget.chars -= item.length) < 0) return false;
    } else if (typeof item === "function") return false;
    else if (typeof item === "object" && item !== null && !jsonShowsAll(item, maxDepth, budget, depth + 1)) return false;
  }
  // A class instance JSON would write as `{}` (its state in #private fields or accessors): the walker names its class.
  return !(empty && instance);
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
