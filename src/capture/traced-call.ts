/**
 * The hot path of one traced call, shared by `trace()`, `@trace` and the transformer's
 * runtime: open a span under the active one, run the body inside it, and end the span when
 * the result is known — at once for a value, when settled for a promise, at the end of the
 * stream for a generator object. The body's own result or error always passes through.
 */
import { config } from "../config/registry.js";
import { captureGuard } from "../processing/capture-guard.js";
import { contextBridge } from "../context/context-bridge.js";
import { contextStorage } from "../context/storage.js";
import { NOT_SAMPLED } from "../context/not-sampled.js";
import { resolveParent } from "./active.js";
import { captureInputs, captureOutputs, type CallSite } from "./call-site.js";
import { RecordingSpan } from "./recording-span.js";
import { startsRecordedTrace } from "./sampling.js";
import { isGeneratorObject, wrapStream } from "./stream.js";
import { observeThenable } from "./thenable.js";
import { TraceBuffer } from "./trace-buffer.js";

type ThenMethod = Parameters<typeof observeThenable>[1];

const EMPTY: readonly unknown[] = [];

export function openSpan(site: CallSite, parent: RecordingSpan | undefined, inputsJson: string | undefined, store: object | undefined): RecordingSpan {
  const span = new RecordingSpan(parent === undefined ? TraceBuffer.startUnder(store) : parent.trace, parent, site.name, site.spanType, site.staticAttributes);
  span.inputsJson = inputsJson;
  return span;
}

export function failSpan(span: RecordingSpan, error: unknown): void {
  span.recordException(error);
  span.finish();
}

function completeSpan(span: RecordingSpan, site: CallSite, value: unknown): void {
  span.outputsJson = captureOutputs(site, value);
  span.finish();
}

/**
 * Calls `fn` with `thisArg` and `callArgs` inside a new span whose inputs are `inputArgs`
 * (the same array for a wrapped function; aligned values for transformer-made sites).
 */
export function callTraced<R>(site: CallSite, inputArgs: ArrayLike<unknown>, fn: (...args: never[]) => R, thisArg: unknown, callArgs: readonly unknown[] = EMPTY): R {
  // Code run by a capture (a traced toJSON or getter) is the capture's, not the app's: no span.
  if (!config.enabled || captureGuard.depth !== 0) return Reflect.apply(fn, thisArg, callArgs);
  // The OpenTelemetry bridge (`traced/otel`), when installed, may name a newer OTel span as
  // the parent and makes the body's span active in OTel's context too. Without it `bridge`
  // is undefined and this is the plain path, for the cost of this one property read.
  const bridge = contextBridge.current;
  const store = bridge === undefined ? contextStorage.getStore() : bridge.parentStore(contextStorage.getStore());
  if (store === NOT_SAMPLED) return Reflect.apply(fn, thisArg, callArgs);
  const parent = resolveParent(store);
  if (parent === undefined && !startsRecordedTrace(store)) return contextStorage.run(NOT_SAMPLED, Reflect.apply, fn, thisArg, callArgs) as R;
  const span = openSpan(site, parent, captureInputs(site, inputArgs), store);
  let result: R;
  try {
    result = (bridge === undefined ? contextStorage.run(span, Reflect.apply, fn, thisArg, callArgs) : bridge.run(span, Reflect.apply, fn, thisArg, callArgs)) as R;
  } catch (error) {
    failSpan(span, error);
    throw error;
  }
  return settle(span, site, result);
}

/** What the call returned decides when its span ends. */
type Settlement = "value" | "native-promise" | "thenable" | "stream";

function settlementOf(result: unknown): Settlement {
  if (typeof result !== "object" || result === null) return "value";
  // Reading `constructor` or `then` runs user code on a Proxy; a throw here means "a plain value".
  try {
    if (result instanceof Promise && result.constructor === Promise) return "native-promise";
    if (typeof (result as { then?: unknown }).then === "function") return "thenable";
    if (isGeneratorObject(result)) return "stream";
  } catch {
    return "value";
  }
  return "value";
}

function settle<R>(span: RecordingSpan, site: CallSite, result: R): R {
  switch (settlementOf(result)) {
    case "value":
      completeSpan(span, site, result);
      return result;
    case "native-promise":
      return (result as Promise<unknown>).then(
        (value) => {
          completeSpan(span, site, value);
          return value;
        },
        (error) => {
          failSpan(span, error);
          throw error;
        },
      ) as R;
    case "thenable":
      // Keep the object the app expects and only observe how it settles (see thenable.ts).
      observeThenable(result as object, (result as unknown as { then: ThenMethod }).then, {
        fulfilled: (value) => completeSpan(span, site, value),
        rejected: (error) => failSpan(span, error),
      });
      return result;
    case "stream":
      return wrapStream(result as Generator, site, span) as R;
  }
}
