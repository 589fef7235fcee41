import { NOOP_SPAN } from "../capture/noop-span.js";
import { type RecordingSpan } from "../capture/recording-span.js";
import { type TraceBuffer } from "../capture/trace-buffer.js";

/** The brand `isRecordingSpan` checks (a registered symbol, so every copy of traced agrees). */
const RECORDING_SPAN_BRAND = Symbol.for("traced.recordingSpan");

/**
 * An OpenTelemetry span that sits between two traced spans of one trace (traced → OTel →
 * traced), as the core sees it when it opens the inner one: a parent that lends its span id
 * and the trace buffer the outer traced span records into. So the inner traced span joins
 * that buffer — traced exports one trace, not one per OTel hop — with the OTel span as its
 * parent. It is never recorded or exported itself; should user code reach it (through an
 * ended `enterSpan` span), it behaves as a no-op span with the OTel span's ids.
 */
export function foreignParent(trace: TraceBuffer, spanId: string): RecordingSpan {
  return Object.create(NOOP_SPAN, {
    [RECORDING_SPAN_BRAND]: { value: true },
    trace: { value: trace },
    traceId: { value: trace.traceId },
    spanId: { value: spanId },
    parent: { value: undefined },
    entered: { value: false },
  }) as RecordingSpan;
}
