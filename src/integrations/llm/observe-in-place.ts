/**
 * A stream an SDK hands over as its own async iterator object (an async generator),
 * observed without replacing the object: its `next`, `return` and `throw` become the
 * observed ones. The app keeps the SDK's object (identity, prototype, any extra fields),
 * and every way of reading it — for-await, breaking out early, calling `.next()` — passes
 * through the observer, which returns each step's result unchanged.
 */
import { observeStream, type StreamAssembler } from "./stream-observer.js";
import { type LlmCall } from "./llm-call.js";

const STEPS = ["next", "return", "throw"] as const;

/**
 * Observes `iterator` in place; false (nothing changed) when it cannot be: not an async
 * iterator, not extensible, or iterating it would read another object than itself.
 */
export function observeInPlace<T>(iterator: unknown, call: LlmCall, assembler: StreamAssembler<T>, signal?: AbortSignal): boolean {
  if (typeof iterator !== "object" || iterator === null || !Object.isExtensible(iterator)) return false;
  const target = iterator as Record<string | symbol, unknown>;
  if (typeof target.next !== "function") return false;
  // for-await reads the object `[Symbol.asyncIterator]()` gives; a generator gives itself.
  const self = target[Symbol.asyncIterator];
  if (typeof self !== "function" || Reflect.apply(self, iterator, []) !== iterator) return false;
  for (const key of STEPS) {
    const own = Object.getOwnPropertyDescriptor(iterator, key);
    if (own !== undefined && !own.configurable) return false;
  }

  // The SDK's own steps, called on its object as before.
  const inner: Partial<AsyncIterator<T>> = {};
  for (const key of STEPS) {
    const step = target[key];
    if (typeof step === "function") inner[key] = (...args: unknown[]) => Reflect.apply(step, iterator, args);
  }
  const observed = observeStream(inner as AsyncIterator<T>, call, assembler, signal);
  for (const key of STEPS) {
    if (inner[key] === undefined) continue;
    const own = Object.getOwnPropertyDescriptor(iterator, key);
    Object.defineProperty(iterator, key, {
      value: (...args: unknown[]) => Reflect.apply(observed[key]!, observed, args),
      writable: true,
      configurable: true,
      enumerable: own?.enumerable ?? false,
    });
  }
  return true;
}
