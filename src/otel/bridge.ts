/**
 * Keeps OpenTelemetry's context and traced's in step, so spans of both libraries nest into
 * one trace whichever started first, to any depth:
 * - traced → OTel: while a traced span's body runs, OTel's context holds a non-recording
 *   OTel span carrying the traced span's ids, so an OTel span started there is its child.
 * - OTel → traced: when traced opens a span and OTel's active span was made active inside
 *   traced's own active span (it is newer), that OTel span is the parent: traced continues
 *   its trace, joining the enclosing traced span's trace buffer when there is one.
 * "Newer" is told by a context value: the traced store that was active when traced last set
 * OTel's context. OTel contexts inherit values, so an OTel span whose context still carries
 * traced's current store was made active inside it; if traced's store changed since (an
 * `enterSpan`, a continued remote trace), traced's own span is the newer one.
 */
import { context, createContextKey, isSpanContextValid, trace, TraceFlags, type Span } from "@opentelemetry/api";
import { resolveParent } from "../capture/active.js";
import { isRecordingSpan } from "../capture/recording-span.js";
import { type ContextBridge } from "../context/context-bridge.js";
import { NOT_SAMPLED } from "../context/not-sampled.js";
import { remoteParent } from "../context/remote-parent.js";
import { contextStorage } from "../context/storage.js";
import { foreignParent } from "./foreign-parent.js";

/** Traced's store when traced last made OTel's context; inherited by contexts made inside. */
const TRACED_STORE = createContextKey("traced: active store");
/** The OTel view of that store's span, to tell it apart from OTel's own spans. */
const TRACED_VIEW = createContextKey("traced: span view");

type Run = <A extends unknown[], R>(store: object, fn: (...args: A) => R, ...args: A) => R;

export class OpenTelemetryBridge implements ContextBridge {
  parentStore(store: object | undefined): object | undefined {
    const active = context.active();
    const span = trace.getSpan(active);
    // No OTel span, traced's own view of its span, or an OTel span older than traced's store.
    if (span === undefined || span === active.getValue(TRACED_VIEW) || active.getValue(TRACED_STORE) !== store) return store;
    const spanContext = span.spanContext();
    if (!isSpanContextValid(spanContext)) return store;
    const local = resolveParent(store);
    const sameTrace = local !== undefined && local.trace.otelTraceId === spanContext.traceId;
    if ((spanContext.traceFlags & TraceFlags.SAMPLED) === 0) {
      // OTel's sampler dropped this span: inside a trace traced records, nest under traced's
      // span (the trace stays whole); elsewhere record nothing, as for an unsampled remote parent.
      return sameTrace ? store : NOT_SAMPLED;
    }
    if (sameTrace && !local.trace.finished) return foreignParent(local.trace, spanContext.spanId);
    return remoteParent(spanContext.traceId, spanContext.spanId);
  }

  run<A extends unknown[], R>(store: object, fn: (...args: A) => R, ...args: A): R {
    // Only recording spans are shown to OTel; NOT_SAMPLED and remote markers leave its context as it is.
    if (!isRecordingSpan(store)) return contextStorage.run(store, fn, ...args);
    const view: Span = trace.wrapSpanContext({ traceId: store.trace.otelTraceId, spanId: store.spanId, traceFlags: TraceFlags.SAMPLED });
    const inner = trace.setSpan(context.active().setValue(TRACED_STORE, store).setValue(TRACED_VIEW, view), view);
    return context.with(inner, contextStorage.run as Run, contextStorage, store, fn, ...args) as R;
  }
}
