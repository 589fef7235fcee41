import { shared } from "../config/registry.js";
import { ensureDestination, exportPipeline } from "../export/destination.js";
import { type TraceBuffer } from "./trace-buffer.js";

/** What happens when a trace's root span ends and when the trace is complete, and the traces the low-level client keeps open. */
export const traceLifecycle = shared("capture.traceLifecycle", () => ({
  /** Kept as the object: its id string is only built if someone asks for it. */
  lastTrace: undefined as TraceBuffer | undefined,
  /** Traces started through the client API, by id, until their root ends. */
  openTraces: new Map<string, TraceBuffer>(),
  /** The root span ended (the trace may still wait for spans that end after it). */
  rootEnded(trace: TraceBuffer): void {
    this.lastTrace = trace;
    if (trace.openedByClient) this.openTraces.delete(trace.traceId);
  },
  /** The trace is complete: off to export. */
  traceFinished(trace: TraceBuffer): void {
    ensureDestination();
    exportPipeline.enqueue(trace);
  },
}));
