/**
 * A span another OpenTelemetry instrumentation recorded, as a finished span of a traced trace:
 * a recording span that keeps the OTel span's ids, parent and times instead of making its own,
 * so it sits in the trace exactly where OTel put it.
 */
import { registry } from "../config/registry.js";
import { type ClockAnchor } from "../model/clock.js";
import { RecordingSpan } from "../capture/recording-span.js";
import { type TraceBuffer } from "../capture/trace-buffer.js";

export interface ForeignSpanIdentity {
  readonly spanId: string;
  readonly parentId: string | null;
  readonly startUnixNs: bigint;
  readonly endUnixNs: bigint;
}

/** Unix nanoseconds as the `performance.now()` time traced records (the inverse of `toUnixNs`). */
function perfMsOf(anchor: ClockAnchor, unixNs: bigint): number {
  return anchor.perfMs + Number(unixNs - anchor.unixNs) / 1e6;
}

export class ForeignRecordingSpan extends RecordingSpan {
  /** Unset only while the base constructor runs (span processors' `onStart` then sees traced's own id). */
  private identity: ForeignSpanIdentity | undefined;

  constructor(trace: TraceBuffer, name: string, spanType: string, identity: ForeignSpanIdentity) {
    super(trace, undefined, name, spanType, undefined);
    this.identity = identity;
    const clock = registry.clock;
    (this as { startTime: number }).startTime = perfMsOf(clock, identity.startUnixNs);
    // `finish()` stamps the current time; the span ended when OTel says it did.
    const endTime = perfMsOf(clock, identity.endUnixNs);
    let ended = false;
    Object.defineProperty(this, "endTime", {
      get: () => (ended ? endTime : -1),
      set: (value: number) => {
        ended = value >= 0;
      },
    });
  }

  override get spanId(): string {
    return this.identity?.spanId ?? super.spanId;
  }

  override get parentId(): string | null {
    return this.identity === undefined ? super.parentId : this.identity.parentId;
  }
}
