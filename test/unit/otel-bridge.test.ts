/**
 * The OpenTelemetry bridge on, with a real OTel SDK: traced spans and OTel spans nest into
 * each other in one trace — same trace id, each span's parent the innermost span of either
 * library — in both directions, to any depth, across `await`, for every way traced opens a
 * span (wrapped functions, streams, block spans), and without mixing concurrent requests.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { type Span as OtelSpan } from "@opentelemetry/api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enterSpan, trace, withSpan, withTracingContextFromHeaders, type Trace } from "../../src/index.js";
import { disableOpenTelemetryBridge, enableOpenTelemetryBridge, isOpenTelemetryBridgeEnabled } from "../../src/otel/index.js";
import { otelParentId, registerOtelSdk, type OtelSdk } from "../support/otel-sdk.js";
import { setupTracing, type TestTracing } from "../support/tracing.js";

let otel: OtelSdk;
let tracing: TestTracing;

beforeAll(() => {
  otel = registerOtelSdk();
  enableOpenTelemetryBridge();
});
afterAll(() => disableOpenTelemetryBridge());
beforeEach(() => {
  tracing = setupTracing();
  otel.exporter.reset();
});

/** Runs `fn` inside an active OTel span that ends when `fn` settles. */
function otelSpan<R>(name: string, fn: (span: OtelSpan) => Promise<R> | R, tracer = otel.tracer): Promise<R> {
  return tracer.startActiveSpan(name, async (span) => {
    try {
      return await fn(span);
    } finally {
      span.end();
    }
  });
}

function spanNamed(t: Trace, name: string) {
  const found = t.spans.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no traced span "${name}"`);
  return found;
}

const otelTraceIdOf = (t: Trace): string => t.info.traceId.slice("tr-".length);

describe("OpenTelemetry bridge", () => {
  it("is on", () => {
    expect(isOpenTelemetryBridgeEnabled()).toBe(true);
    expect(tracing.diagnostics).toEqual([]);
  });

  it("OTel → traced: a traced span started in an OTel span is its child, in its trace", async () => {
    const handle = trace(async function handle(q: string) {
      await sleep(1);
      return q.toUpperCase();
    });
    expect(await otelSpan("http", () => handle("hi"))).toBe("HI");
    const t = await tracing.onlyTrace();
    const http = otel.span("http");
    expect(otelTraceIdOf(t)).toBe(http.spanContext().traceId);
    expect(t.rootSpan!.name).toBe("handle");
    expect(t.rootSpan!.parentId).toBe(http.spanContext().spanId);
  });

  it("traced → OTel: an OTel span started in a traced span is its child, in its trace", async () => {
    const agent = trace(async function agent() {
      await sleep(1);
      return otelSpan("db", () => 42);
    });
    expect(await agent()).toBe(42);
    const t = await tracing.onlyTrace();
    const db = otel.span("db");
    expect(db.spanContext().traceId).toBe(otelTraceIdOf(t));
    expect(otelParentId(db)).toBe(t.rootSpan!.spanId);
  });

  it("alternates to any depth across await: OTel → traced → OTel → traced → OTel → traced, in one trace", async () => {
    const leaf = trace(async function leaf() {
      await sleep(1);
      return "done";
    });
    const step = trace(async function step() {
      await sleep(1);
      return otelSpan("otel-inner", async () => {
        await sleep(1);
        return withSpan("block", () => leaf());
      });
    });
    const handler = trace(async function handler() {
      await sleep(1);
      return otelSpan("otel-middle", () => step());
    });
    expect(await otelSpan("otel-outer", () => handler())).toBe("done");

    const t = await tracing.onlyTrace(); // one traced trace: the inner traced spans joined it
    const [outer, middle, inner] = ["otel-outer", "otel-middle", "otel-inner"].map((name) => otel.span(name));
    const traceId = outer!.spanContext().traceId;
    expect(otelTraceIdOf(t)).toBe(traceId);
    expect([middle, inner].map((s) => s!.spanContext().traceId)).toEqual([traceId, traceId]);
    expect(t.spans.map((s) => s.name)).toEqual(["handler", "step", "block", "leaf"]);
    expect(spanNamed(t, "handler").parentId).toBe(outer!.spanContext().spanId);
    expect(otelParentId(middle!)).toBe(spanNamed(t, "handler").spanId);
    expect(spanNamed(t, "step").parentId).toBe(middle!.spanContext().spanId);
    expect(otelParentId(inner!)).toBe(spanNamed(t, "step").spanId);
    expect(spanNamed(t, "block").parentId).toBe(inner!.spanContext().spanId);
    expect(spanNamed(t, "leaf").parentId).toBe(spanNamed(t, "block").spanId);
  });

  it("never mixes parents between interleaved concurrent requests", async () => {
    const query = trace(async function query(n: number) {
      await sleep(n % 3);
      return n;
    });
    const handle = trace(async function handle(n: number) {
      await sleep((n * 7) % 5);
      return otelSpan(`db-${n}`, async () => {
        await sleep(n % 4);
        return query(n);
      });
    });
    const count = 40;
    const results = await Promise.all(Array.from({ length: count }, (_, n) => otelSpan(`request-${n}`, () => handle(n))));
    expect(results).toEqual(Array.from({ length: count }, (_, n) => n));

    const traces = await tracing.traces();
    expect(traces).toHaveLength(count);
    for (const t of traces) {
      const n = spanNamed(t, "handle").inputs as { n: number };
      const request = otel.span(`request-${n.n}`);
      const db = otel.span(`db-${n.n}`);
      expect(otelTraceIdOf(t)).toBe(request.spanContext().traceId);
      expect(db.spanContext().traceId).toBe(request.spanContext().traceId);
      expect(spanNamed(t, "handle").parentId).toBe(request.spanContext().spanId);
      expect(otelParentId(db)).toBe(spanNamed(t, "handle").spanId);
      expect(spanNamed(t, "query").parentId).toBe(db.spanContext().spanId);
      expect(spanNamed(t, "query").inputs).toEqual(n);
    }
    expect(new Set(traces.map(otelTraceIdOf)).size).toBe(count);
  });

  it("streams: a traced generator under an OTel span, and OTel spans made between its chunks", async () => {
    const tokens = trace(async function* tokens() {
      for (const word of ["a", "b"]) {
        await otelSpan(`fetch-${word}`, () => sleep(1));
        yield word;
      }
    });
    const words: string[] = [];
    await otelSpan("request", async () => {
      for await (const word of tokens()) words.push(word);
    });
    expect(words).toEqual(["a", "b"]);
    const t = await tracing.onlyTrace();
    const stream = spanNamed(t, "tokens");
    expect(stream.parentId).toBe(otel.span("request").spanContext().spanId);
    for (const word of ["a", "b"]) {
      expect(otelParentId(otel.span(`fetch-${word}`))).toBe(stream.spanId);
      expect(otel.span(`fetch-${word}`).spanContext().traceId).toBe(otelTraceIdOf(t));
    }
  });

  it("block spans: withSpan and enterSpan nest under the OTel span, and OTel spans under withSpan", async () => {
    await otelSpan("request", async () => {
      withSpan("with", () => {
        otel.tracer.startActiveSpan("inside-with", (s) => s.end());
      });
      using entered = enterSpan("entered");
      entered.setOutputs("ok");
    });
    const traces = await tracing.traces();
    const request = otel.span("request").spanContext();
    const byName = Object.fromEntries(traces.map((t) => [t.rootSpan!.name, t]));
    expect(Object.keys(byName).sort()).toEqual(["entered", "with"]);
    for (const t of traces) {
      expect(otelTraceIdOf(t)).toBe(request.traceId);
      expect(t.rootSpan!.parentId).toBe(request.spanId);
    }
    expect(otelParentId(otel.span("inside-with"))).toBe(byName.with!.rootSpan!.spanId);
  });

  it("records nothing under an OTel span its sampler dropped, as for an unsampled remote parent", async () => {
    const handle = trace(function handle() {
      return 1;
    });
    await otelSpan("dropped", () => handle(), otel.droppingTracer);
    expect(await tracing.traces()).toHaveLength(0);
  });

  it("keeps a traced trace whole when OTel drops a span inside it", async () => {
    const inner = trace(function inner() {
      return 1;
    });
    const outer = trace(async function outer() {
      return otelSpan("dropped", () => inner(), otel.droppingTracer);
    });
    await outer();
    const t = await tracing.onlyTrace();
    expect(spanNamed(t, "inner").parentId).toBe(spanNamed(t, "outer").spanId);
  });

  it("a trace continued from headers inside an OTel span follows the headers (the newer context)", async () => {
    const remoteTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const remoteSpan = "00f067aa0ba902b7";
    const handle = trace(function handle() {
      return 1;
    });
    await otelSpan("request", () => withTracingContextFromHeaders({ traceparent: `00-${remoteTrace}-${remoteSpan}-01` }, () => handle()));
    const t = await tracing.onlyTrace();
    expect(otelTraceIdOf(t)).toBe(remoteTrace);
    expect(t.rootSpan!.parentId).toBe(remoteSpan);
  });

  it("an OTel span started inside, then traced again: the traced trace keeps its own root", async () => {
    const child = trace(function child() {
      return 2;
    });
    const root = trace(function root() {
      const fromOtel = otel.tracer.startActiveSpan("otel", (s) => {
        try {
          return child();
        } finally {
          s.end();
        }
      });
      return fromOtel + child();
    });
    expect(root()).toBe(4);
    const t = await tracing.onlyTrace();
    const otelSpanId = otel.span("otel").spanContext().spanId;
    expect(t.rootSpan!.parentId).toBeNull();
    expect(t.spans.map((s) => [s.name, s.parentId])).toEqual([
      ["root", null],
      ["child_1", otelSpanId], // MLflow's de-duplicated names for a repeated span name
      ["child_2", t.rootSpan!.spanId],
    ]);
  });
});
