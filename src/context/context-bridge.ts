import { shared } from "../config/registry.js";

/**
 * A second async context kept in step with traced's own — OpenTelemetry's, installed by
 * `traced/otel`. The core never imports OpenTelemetry; it only consults this slot, which is
 * empty unless a bridge is installed, so the cost of not having one is one property read.
 */
export interface ContextBridge {
  /**
   * The store a new span nests under, given traced's own active `store`: the same one, or a
   * store naming a span of the other context that was made active inside it (newer).
   */
  parentStore(store: object | undefined): object | undefined;
  /** `contextStorage.run(store, fn, ...args)`, with the other context showing `store` as active too. */
  run<A extends unknown[], R>(store: object, fn: (...args: A) => R, ...args: A): R;
}

/** Process-wide (shared by the ESM and CommonJS builds), like the context storage itself. */
export const contextBridge: { current: ContextBridge | undefined } = shared("context.bridge", () => ({ current: undefined }));
