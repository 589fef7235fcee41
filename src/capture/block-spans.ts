/**
 * Spans around blocks of code — the TypeScript form of Python's `with mlflow.start_span()`:
 * - `withSpan(options, (span) => …)`: the span is active inside the callback (sync or async)
 *   and ends when it returns or settles; a throw is recorded and re-thrown unchanged.
 * - `startSpan(options)`: a span the caller ends (`span.end()`, or `using span = …`). It does
 *   not become active: pass it as `parent` to nest spans under it.
 * - `using span = enterSpan(options)`: active for the rest of the enclosing block, ended when
 *   the block exits. In an async function, enter it after the first `await` (or use
 *   `withSpan`) when sibling calls run concurrently: before the first `await` an async
 *   function still shares its caller's context.
 */
import { config } from "../config/registry.js";
import { isCapturing } from "../processing/capture-guard.js";
import { contextBridge } from "../context/context-bridge.js";
import { contextStorage } from "../context/storage.js";
import { NOT_SAMPLED } from "../context/not-sampled.js";
import { SpanType } from "../model/span-type.js";
import { type LiveSpan } from "../model/live-span.js";
import { isRecordingSpan, RecordingSpan } from "./recording-span.js";
import { resolveParent } from "./active.js";
import { NOOP_SPAN } from "./noop-span.js";
import { startsRecordedTrace } from "./sampling.js";
import { validateSpanOptions, type SpanOptions } from "./span-options.js";
import { TraceBuffer } from "./trace-buffer.js";
import { failSpan } from "./traced-call.js";

/**
 * Opens a span under `options.parent` or the active span, or returns the no-op span when
 * nothing is to be recorded. Options are not validated here (callers have done it).
 */
export function openBlockSpan(options: SpanOptions): LiveSpan {
  if (!config.enabled || isCapturing()) return NOOP_SPAN;
  let parent: RecordingSpan | undefined;
  let store: object | undefined;
  if (options.parent !== undefined) {
    if (!isRecordingSpan(options.parent)) return NOOP_SPAN;
    parent = options.parent;
  } else {
    // The OpenTelemetry bridge (`traced/otel`), if installed, may name a newer OTel span as the parent.
    const bridge = contextBridge.current;
    store = bridge === undefined ? contextStorage.getStore() : bridge.parentStore(contextStorage.getStore());
    if (store === NOT_SAMPLED) return NOOP_SPAN;
    parent = resolveParent(store);
    if (parent === undefined && !startsRecordedTrace(store)) return NOOP_SPAN;
  }
  const span = new RecordingSpan(parent === undefined ? TraceBuffer.startUnder(store) : parent.trace, parent, options.name, options.spanType ?? SpanType.UNKNOWN, undefined);
  if (options.inputs !== undefined) span.setInputs(options.inputs);
  if (options.attributes !== undefined) span.setAttributes(options.attributes);
  return span;
}

function finishWith(span: LiveSpan, value: unknown): void {
  if (!isRecordingSpan(span) || span.isEnded) return;
  // As a convenience the callback's result is the span's output, unless it set one itself.
  if (span.outputsJson === undefined && value !== undefined) span.setOutputs(value);
  span.finish();
}

/** Runs `fn` with `span` active (in OpenTelemetry's context too, when the bridge is installed). */
export function runInSpan<R>(span: RecordingSpan, fn: () => R): R {
  const bridge = contextBridge.current;
  return bridge === undefined ? contextStorage.run(span, fn) : bridge.run(span, fn);
}

export function withSpan<R>(options: SpanOptions | string, callback: (span: LiveSpan) => R): R {
  const resolved = validateSpanOptions(options, "withSpan");
  if (typeof callback !== "function") throw new TypeError(`withSpan("${resolved.name}"): the second argument must be a callback`);
  const span = openBlockSpan(resolved);
  const store = isRecordingSpan(span) ? span : NOT_SAMPLED;
  if (span === NOOP_SPAN && !config.enabled) return callback(span);
  let result: R;
  try {
    // With the OpenTelemetry bridge installed, the span is active in OTel's context too.
    const bridge = contextBridge.current;
    result = bridge === undefined ? contextStorage.run(store, callback, span) : bridge.run(store, callback, span);
  } catch (error) {
    if (isRecordingSpan(span)) failSpan(span, error);
    throw error;
  }
  if (result instanceof Promise) {
    return result.then(
      (value) => {
        finishWith(span, value);
        return value;
      },
      (error) => {
        if (isRecordingSpan(span)) failSpan(span, error);
        throw error;
      },
    ) as R;
  }
  finishWith(span, result);
  return result;
}

export function startSpan(options: SpanOptions | string): LiveSpan {
  return openBlockSpan(validateSpanOptions(options, "startSpan"));
}

/** A span that is active until disposed: `using span = enterSpan({ name: "step" })`. */
export function enterSpan(options: SpanOptions | string): LiveSpan {
  const span = openBlockSpan(validateSpanOptions(options, "enterSpan"));
  if (!isRecordingSpan(span)) return span;
  const previous = contextStorage.getStore();
  span.entered = true;
  contextStorage.enterWith(span);
  const end = span[Symbol.dispose].bind(span);
  Object.defineProperty(span, Symbol.dispose, {
    value: () => {
      end();
      if (contextStorage.getStore() === span) contextStorage.enterWith(previous as object);
    },
  });
  return span;
}
