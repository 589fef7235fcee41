// Shared OpenTelemetry plumbing for the OTel-based peers (OTel SDK itself, Langfuse, OpenInference):
// one async-hooks context manager, and tracer providers whose batch processor never
// exports on the measured path (the harness empties its buffer between samples, untimed).
import { context, trace as otelTrace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";

let contextReady = false;

export function ensureContextManager() {
  if (contextReady) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextReady = true;
}

/** A no-op exporter: accepts every batch at once. */
export const noopSpanExporter = {
  export(_spans, done) {
    done({ code: 0 });
  },
  shutdown() {
    return Promise.resolve();
  },
};

/**
 * A provider with a BatchSpanProcessor sized so one timed sample never overflows it.
 * `drain()` empties the processor's buffer synchronously, standing in for the export a
 * no-op exporter would do between samples.
 */
export function createBatchedProvider({ maxQueueSize = 16_384, maxExportBatchSize = 512 } = {}) {
  ensureContextManager();
  const processor = new BatchSpanProcessor(noopSpanExporter, { maxQueueSize, maxExportBatchSize, scheduledDelayMillis: 5_000 });
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  return {
    provider,
    processor,
    drain() {
      // Internal field of BatchSpanProcessorBase (sdk-trace 2.x); the no-op export would drop these anyway.
      if (Array.isArray(processor._finishedSpans)) processor._finishedSpans.length = 0;
    },
  };
}

export { context, otelTrace };
