import { type LiveSpan } from "../model/live-span.js";

/**
 * Handed out where a span is expected but nothing is recorded (tracing disabled, trace not
 * sampled), so code written against spans runs unchanged.
 */
class NoopSpan implements LiveSpan {
  readonly traceId = "";
  readonly spanId = "";
  readonly parentId = null;
  readonly name = "";
  readonly spanType = "UNKNOWN";
  readonly isEnded = false;
  readonly isRecording = false;
  readonly inputs = undefined;
  readonly outputs = undefined;
  getAttribute(): unknown {
    return undefined;
  }
  attributeKeys(): string[] {
    return [];
  }
  setInputs(): this {
    return this;
  }
  setOutputs(): this {
    return this;
  }
  setAttribute(): this {
    return this;
  }
  setAttributes(): this {
    return this;
  }
  setSpanType(): this {
    return this;
  }
  setStatus(): this {
    return this;
  }
  addEvent(): this {
    return this;
  }
  setTokenUsage(): this {
    return this;
  }
  recordException(): this {
    return this;
  }
  end(): void {}
  [Symbol.dispose](): void {}
}

export const NOOP_SPAN: LiveSpan = Object.freeze(new NoopSpan());
