import { AsyncLocalStorage } from "node:async_hooks";
import { shared } from "../config/registry.js";

/**
 * The async context: whatever is active in the current call chain. It follows `await`,
 * promise callbacks, timers and event-emitter callbacks created in the chain.
 */
export const contextStorage: AsyncLocalStorage<object> = shared("context.storage", () => new AsyncLocalStorage<object>());
