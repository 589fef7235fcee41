/**
 * An SDK method traced as one LLM call: the wrapper opens the call's span, runs the SDK's
 * method inside it, and lets the adapter watch the result (a promise, an SDK promise, a
 * stream) until the call is done. The app always gets the SDK's own result or error.
 */
import { activeRecordingSpan } from "../../capture/active.js";
import { config, diagnostics } from "../../config/registry.js";
import { type IntegrationOptions } from "./integration-options.js";
import { LlmCall, type LlmRequest } from "./llm-call.js";

export interface MethodAdapter {
  /**
   * What the call is, from its arguments (and the object it is called on, for SDKs whose
   * objects say what they are); throws or returns undefined for arguments it does not know.
   */
  describe(args: readonly unknown[], target: object): LlmRequest | undefined;
  /**
   * Watches the SDK method's result and ends `call` when the result is known; returns false
   * for a result it does not recognise (the call is then ended without outputs and reported).
   * `args` are the call's arguments, for what the result alone does not say (an abort signal).
   */
  observe(result: unknown, call: LlmCall, target: object, args: readonly unknown[]): boolean;
}

const ORIGINAL = Symbol.for("traced.integration.original");

/** The SDK's own function behind a traced one (itself when it is not traced). */
export function originalOf(fn: Function): Function {
  return (fn as unknown as Record<symbol, Function | undefined>)[ORIGINAL] ?? fn;
}

export function isTracedMethod(fn: unknown): boolean {
  return typeof fn === "function" && (fn as unknown as Record<symbol, unknown>)[ORIGINAL] !== undefined;
}

/** Wraps `original` (an SDK method) so that each call is traced by `adapter`. */
export function tracedMethod(original: Function, adapter: MethodAdapter, options: IntegrationOptions): Function {
  const source = originalOf(original);
  function traced(this: object, ...args: unknown[]): unknown {
    // Tracing off: nothing is described or opened, the SDK's method runs as it is.
    if (!config.enabled) return Reflect.apply(source, this, args);
    // One logical call is one span: the same SDK method reached again inside its own span
    // (an instance wrapper over an autologged prototype) passes straight through.
    const active = activeRecordingSpan();
    if (active !== undefined && LlmCall.of(active)?.sdkMethod === source) return Reflect.apply(source, this, args);
    let call: LlmCall | undefined;
    try {
      const request = adapter.describe(args, this);
      call = request === undefined ? undefined : LlmCall.start(request, options);
    } catch (error) {
      diagnostics.reportOnce("llm-request-unrecognised", "An LLM SDK call had arguments traced does not know; it was not traced", error);
    }
    if (call === undefined) return Reflect.apply(source, this, args);
    call.sdkMethod = source;
    let result: unknown;
    try {
      result = call.run(() => Reflect.apply(source, this, args));
    } catch (error) {
      call.fail(error);
      throw error;
    }
    let recognised = false;
    try {
      recognised = adapter.observe(result, call, this, args);
    } catch (error) {
      diagnostics.reportOnce("llm-result-observe-failed", `Watching the result of ${call.span.name} failed; its span has no outputs`, error);
    }
    if (!recognised && !call.ended) {
      diagnostics.reportOnce(`llm-result-unrecognised:${call.span.name}`, `${call.span.name} returned a result traced does not know (a new SDK version?); its span has no outputs`);
      call.succeed({ outputs: undefined });
    }
    return result;
  }
  Object.defineProperty(traced, ORIGINAL, { value: source });
  Object.defineProperty(traced, "name", { value: source.name, configurable: true });
  Object.defineProperty(traced, "length", { value: source.length, configurable: true });
  return traced;
}
