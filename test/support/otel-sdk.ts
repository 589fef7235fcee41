/** A real OpenTelemetry SDK for interop tests: global context manager and tracer provider, spans kept in memory. */
import { context, trace as otelTrace, type Tracer } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { AlwaysOffSampler, BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";

export interface OtelSdk {
  tracer: Tracer;
  /** A tracer whose sampler drops every span (OTel's "not sampled"). */
  droppingTracer: Tracer;
  exporter: InMemorySpanExporter;
  /** Finished OTel spans by name (fails on a missing or repeated name). */
  span(name: string): ReadableSpan;
}

export function registerOtelSdk(): OtelSdk {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  otelTrace.setGlobalTracerProvider(provider);
  const dropping = new BasicTracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return {
    tracer: otelTrace.getTracer("otel-interop-test"),
    droppingTracer: dropping.getTracer("dropping"),
    exporter,
    span(name) {
      const found = exporter.getFinishedSpans().filter((s) => s.name === name);
      if (found.length !== 1) throw new Error(`expected one OTel span "${name}", got ${found.length}`);
      return found[0]!;
    },
  };
}

/** The OTel span's parent span id, or undefined for a root. */
export function otelParentId(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}
