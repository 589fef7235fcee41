/**
 * The OpenTelemetry bridge off (never enabled, or disabled again), with a real OTel SDK
 * registered: traced and OTel do not couple, and traced's paths do not touch OpenTelemetry
 * at all — asserted by counting calls into OTel's context manager, not by timing.
 */
import { context, trace as otelTrace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enterSpan, trace, withSpan } from "../../src/index.js";
import { contextBridge } from "../../src/context/context-bridge.js";
import { disableOpenTelemetryBridge, enableOpenTelemetryBridge } from "../../src/otel/index.js";
import { otelParentId } from "../support/otel-sdk.js";
import { setupTracing, type TestTracing } from "../support/tracing.js";

/** OTel's usual context manager, counting how often anything asks it for or sets a context. */
class CountingContextManager extends AsyncLocalStorageContextManager {
  calls = 0;
  override active() {
    this.calls++;
    return super.active();
  }
  override with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Parameters<AsyncLocalStorageContextManager["with"]>[0], fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    this.calls++;
    return super.with(ctx, fn, thisArg, ...args);
  }
}

const manager = new CountingContextManager();
const exporter = new InMemorySpanExporter();
let tracing: TestTracing;

beforeAll(() => {
  context.setGlobalContextManager(manager.enable());
  otelTrace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
});
beforeEach(() => {
  tracing = setupTracing();
  exporter.reset();
});

const step = trace(function step(x: number) {
  return x + 1;
});
const stream = trace(function* numbers() {
  yield 1;
  yield 2;
});
const asyncCall = trace(async function asyncCall() {
  await Promise.resolve();
  return withSpan("block", () => step(1));
});

/** Every way traced opens a span; returns how many OTel context calls they made. */
async function otelCallsDuringTracedWork(): Promise<number> {
  const before = manager.calls;
  step(1);
  [...stream()];
  await asyncCall();
  {
    using span = enterSpan("entered");
    span.setOutputs(1);
  }
  return manager.calls - before;
}

describe("OpenTelemetry bridge off", () => {
  it("installs nothing in the core's hook until enabled", () => {
    expect(contextBridge.current).toBeUndefined();
  });

  it("traced never calls into OpenTelemetry", async () => {
    expect(await otelCallsDuringTracedWork()).toBe(0);
    expect(await tracing.traces()).toHaveLength(4);
  });

  it("OTel → traced and traced → OTel stay separate traces", async () => {
    const tracer = otelTrace.getTracer("off");
    tracer.startActiveSpan("otel-outer", (span) => {
      step(1);
      span.end();
    });
    const inner = trace(function tracedOuter() {
      tracer.startActiveSpan("otel-inner", (span) => span.end());
    });
    inner();
    const traces = await tracing.traces();
    const [outer, innerOtel] = ["otel-outer", "otel-inner"].map((name) => exporter.getFinishedSpans().find((s) => s.name === name)!);
    expect(traces.map((t) => t.rootSpan!.parentId)).toEqual([null, null]);
    expect(traces.map((t) => t.info.traceId.slice(3))).not.toContain(outer!.spanContext().traceId);
    expect(otelParentId(innerOtel!)).toBeUndefined();
    expect(innerOtel!.spanContext().traceId).not.toBe(traces[1]!.info.traceId.slice(3));
  });

  it("is back to no OTel calls after enable, then disable", async () => {
    enableOpenTelemetryBridge();
    expect(await otelCallsDuringTracedWork()).toBeGreaterThan(0); // the counter sees the bridge's calls
    disableOpenTelemetryBridge();
    expect(contextBridge.current).toBeUndefined();
    expect(await otelCallsDuringTracedWork()).toBe(0);
  });
});
