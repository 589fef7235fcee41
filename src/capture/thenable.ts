/**
 * A traced call that returns a thenable which is not a native promise (a promise subclass,
 * an SDK's request promise, a Result/Task type, a query builder): the app keeps the object it
 * expects, and the span ends when the thenable settles.
 *
 * Calling `then` is not free for every thenable: a query builder runs its query on each
 * `then`. So traced never calls `then` on a thenable that is not a promise: it is observed
 * through the app's own first `then` (what `await` calls), seen through a `then` set on the
 * object for one use, after which the object is as it was. If the app has not called `then`
 * by the next turn of the event loop (it chains the thenable's own API instead, or keeps it
 * for later), or the object cannot take that one-use `then` (frozen), the span ends with the
 * thenable itself as its output, as for any returned object. A promise (subclass) is already
 * running: it is observed at once, inside the capture guard, so a traced `then` records no
 * span of traced's making.
 */
import { unref } from "../config/unref.js";
import { captureGuard } from "../processing/capture-guard.js";

export interface SettleHandlers {
  fulfilled(value: unknown): void;
  rejected(error: unknown): void;
}

export type ThenMethod = (this: unknown, onFulfilled?: unknown, onRejected?: unknown) => unknown;

/** Calls `then` on the thenable for traced's own observation; nothing it runs records spans. */
function observeNow(thenable: object, then: ThenMethod, handlers: SettleHandlers): void {
  captureGuard.depth++;
  try {
    Reflect.apply(then, thenable, [handlers.fulfilled, handlers.rejected]);
  } catch (error) {
    handlers.rejected(error);
  } finally {
    captureGuard.depth--;
  }
}

/** `handlers` are called once, when the thenable settles (or `then` throws). */
export function observeThenable(thenable: object, then: ThenMethod, handlers: SettleHandlers): void {
  let settled = false;
  const once: SettleHandlers = {
    fulfilled(value) {
      if (settled) return;
      settled = true;
      handlers.fulfilled(value);
    },
    rejected(error) {
      if (settled) return;
      settled = true;
      handlers.rejected(error);
    },
  };
  if (thenable instanceof Promise) return observeNow(thenable, then, once);
  const unobservable = () => once.fulfilled(thenable);
  let own: PropertyDescriptor | undefined;
  try {
    own = Object.getOwnPropertyDescriptor(thenable, "then");
    if (own !== undefined && !own.configurable) return unobservable();
  } catch {
    return unobservable();
  }
  let observedByApp = false;
  const restore = (): void => {
    try {
      if (own === undefined) delete (thenable as { then?: unknown }).then;
      else Object.defineProperty(thenable, "then", own);
    } catch {
      // A proxy that refuses: the one-use `then` stays, and forwards to the original.
    }
  };
  const firstThen = function (this: unknown, onFulfilled?: unknown, onRejected?: unknown): unknown {
    restore();
    if (observedByApp || settled) return Reflect.apply(then, this, [onFulfilled, onRejected]);
    observedByApp = true;
    const fulfilled = (value: unknown): unknown => {
      once.fulfilled(value);
      return typeof onFulfilled === "function" ? onFulfilled(value) : value;
    };
    const rejected = (error: unknown): unknown => {
      once.rejected(error);
      if (typeof onRejected === "function") return onRejected(error);
      throw error;
    };
    try {
      return Reflect.apply(then, this, [fulfilled, rejected]);
    } catch (error) {
      once.rejected(error);
      throw error;
    }
  };
  try {
    Object.defineProperty(thenable, "then", { value: firstThen, configurable: true, writable: true, enumerable: own?.enumerable ?? false });
  } catch {
    // Frozen or sealed: it cannot be watched through the app's `then`.
    return unobservable();
  }
  // Not awaited this turn: the app keeps it for later, or chained its own API. The one-use
  // `then` goes, so a later await runs the thenable exactly as untraced.
  unref(
    setImmediate(() => {
      if (observedByApp) return;
      restore();
      observedByApp = true;
      unobservable();
    }),
  );
}
