/** The OpenTelemetry span handed to the AI SDK when nothing is recorded (tracing off, trace not sampled). */
import type { Span } from "@opentelemetry/api";

const INVALID_CONTEXT = { traceId: "00000000000000000000000000000000", spanId: "0000000000000000", traceFlags: 0 };

export const NON_RECORDING_SPAN: Span = {
  spanContext: () => INVALID_CONTEXT,
  setAttribute() {
    return this;
  },
  setAttributes() {
    return this;
  },
  addEvent() {
    return this;
  },
  addLink() {
    return this;
  },
  addLinks() {
    return this;
  },
  setStatus() {
    return this;
  },
  updateName() {
    return this;
  },
  end() {},
  isRecording: () => false,
  recordException() {},
};
