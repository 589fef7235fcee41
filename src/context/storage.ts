import * as asyncHooks from "node:async_hooks";
import type { AsyncLocalStorage } from "node:async_hooks";
import { TracedUsageError } from "../config/errors.js";
import { shared } from "../config/registry.js";

/**
 * The async context: whatever is active in the current call chain. It follows `await`,
 * promise callbacks, timers and event-emitter callbacks created in the chain.
 */
export const contextStorage: AsyncLocalStorage<object> = shared("context.storage", createStorage);

/** Node, Bun, Deno and Workers with `nodejs_compat` (or `nodejs_als`) have it; a runtime without it gets a stand-in that says so. */
function createStorage(): AsyncLocalStorage<object> {
  const Storage = (asyncHooks as { AsyncLocalStorage?: typeof AsyncLocalStorage }).AsyncLocalStorage;
  return typeof Storage === "function" ? new Storage<object>() : missingStorage();
}

export const MISSING_ASYNC_LOCAL_STORAGE =
  "traced needs AsyncLocalStorage (node:async_hooks) to know which span is active across calls and awaits, and this runtime does not provide it. " +
  "On Cloudflare Workers, enable the nodejs_compat (or nodejs_als) compatibility flag; Node 20+, Bun and Deno 2 have it.";

/**
 * Loading traced still works (an app can import it unconditionally); the first traced call,
 * span or context read throws this, naming what is missing, instead of failing deep inside.
 */
function missingStorage(): AsyncLocalStorage<object> {
  const fail = (): never => {
    throw new TracedUsageError(MISSING_ASYNC_LOCAL_STORAGE);
  };
  return { getStore: fail, run: fail, enterWith: fail, exit: fail, disable: fail } as unknown as AsyncLocalStorage<object>;
}
