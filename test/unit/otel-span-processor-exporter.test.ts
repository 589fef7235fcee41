/**
 * traced's spans leaving through the app's OpenTelemetry pipeline: with the bridge on and
 * `OpenTelemetrySpanProcessorExporter` as the destination, the app's span processor gets
 * traced's spans beside its own — one trace, ids and parent links intact, MLflow's
 * attributes as JSON text, errors as OTel ERROR status with the exception event.
 */
import { context, trace as otelTrace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flushTraces, reset, setDestination, SpanType, trace } from "../../src/index.js";
import { disableOpenTelemetryBridge, enableOpenTelemetryBridge, OpenTelemetrySpanProcessorExporter } from "../../src/otel/index.js";
import { otelParentId } from "../support/otel-sdk.js";

const spans = new InMemorySpanExporter();
const processor = new SimpleSpanProcessor(spans);
const resource = { attributes: { "service.name": "app" }, asyncAttributesPending: false };

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  otelTrace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [processor] }));
  reset();
  setDestination(new OpenTelemetrySpanProcessorExporter(processor, { resource }));
  enableOpenTelemetryBridge();
});
afterAll(() => disableOpenTelemetryBridge());

const byName = (name: string): ReadableSpan => spans.getFinishedSpans().find((s) => s.name === name)!;

describe("OpenTelemetrySpanProcessorExporter", () => {
  it("puts traced's spans into the app's OTel pipeline as one trace with OTel's own", async () => {
    const tracer = otelTrace.getTracer("app");
    const lookup = trace(function lookup(id: number) {
      return { id, name: "doc" };
    }, { spanType: SpanType.RETRIEVER });
    const agent = trace(async function agent(question: string) {
      return tracer.startActiveSpan("http-call", (span) => {
        try {
          return lookup(question.length);
        } finally {
          span.end();
        }
      });
    }, { spanType: SpanType.AGENT });
    await tracer.startActiveSpan("request", async (span) => {
      await agent("why?");
      span.end();
    });
    await flushTraces();

    const all = spans.getFinishedSpans();
    expect(all.map((s) => s.name).sort()).toEqual(["agent", "http-call", "lookup", "request"]);
    expect(new Set(all.map((s) => s.spanContext().traceId)).size).toBe(1);
    expect(otelParentId(byName("request"))).toBeUndefined();
    expect(otelParentId(byName("agent"))).toBe(byName("request").spanContext().spanId);
    expect(otelParentId(byName("http-call"))).toBe(byName("agent").spanContext().spanId);
    expect(otelParentId(byName("lookup"))).toBe(byName("http-call").spanContext().spanId);

    const lookupSpan = byName("lookup");
    expect(lookupSpan.attributes["mlflow.spanType"]).toBe(JSON.stringify("RETRIEVER"));
    expect(lookupSpan.attributes["mlflow.spanInputs"]).toBe(JSON.stringify({ id: 4 }));
    expect(lookupSpan.attributes["mlflow.spanOutputs"]).toBe(JSON.stringify({ id: 4, name: "doc" }));
    expect(lookupSpan.resource).toBe(resource);
    expect(lookupSpan.status.code).toBe(1); // OTel OK
    const [startS, startNs] = lookupSpan.startTime;
    const [endS, endNs] = lookupSpan.endTime;
    expect(endS * 1e9 + endNs).toBeGreaterThanOrEqual(startS * 1e9 + startNs);
  });

  it("records a failure as OTel ERROR with the exception event", async () => {
    spans.reset();
    const fail = trace(function fail() {
      throw new RangeError("too far");
    });
    expect(() => fail()).toThrow(RangeError);
    await flushTraces();
    const [span] = spans.getFinishedSpans();
    expect(span!.status).toEqual({ code: 2, message: "RangeError: too far" });
    expect(span!.events.map((e) => [e.name, e.attributes?.["exception.message"]])).toEqual([["exception", "too far"]]);
  });
});
