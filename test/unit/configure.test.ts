import { beforeEach, describe, expect, it } from "vitest";
import { configure, createRedactor, disable, enable, getTracingStats, isEnabled, reset, trace, TracedUsageError, withSpan, type SpanProcessor } from "../../src/index.js";
import { setupTracing, shape, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

describe("configure", () => {
  it("names the bad key and value at configure time", () => {
    expect(() => configure({ samplingRatio: 1.5 })).toThrow(/"samplingRatio" must be a number between 0 and 1, got number 1.5/);
    expect(() => configure({ samplingRate: 0.5 } as never)).toThrow(/unknown option "samplingRate"/);
    expect(() => configure({ maxQueueSize: 0 })).toThrow(/positive integer/);
    expect(() => configure({ destination: {} as never })).toThrow(/expected an exporter/);
    expect(() => configure({ spanProcessors: [{}] as never })).toThrow(/spanProcessors\[0\] must have onStart or onEnd/);
    expect(() => configure("fast" as never)).toThrow(TracedUsageError);
  });

  it("applies nothing when any option is wrong", () => {
    expect(() => configure({ enabled: false, samplingRatio: -1 })).toThrow();
    expect(isEnabled()).toBe(true);
  });

  it("disable() calls straight through; enable() resumes", async () => {
    const double = trace((x: number) => x * 2);
    disable();
    expect(isEnabled()).toBe(false);
    expect(double(2)).toBe(4);
    enable();
    expect(double(3)).toBe(6);
    const traces = await tracing.traces();
    expect(traces).toHaveLength(1);
    expect(traces[0]!.rootSpan!.inputs).toEqual({ x: 3 });
  });

  it("keeps or drops whole traces when sampling; 0 and 1 are exact", async () => {
    const leaf = trace(() => 1, { name: "leaf" });
    const root = trace(() => leaf() + leaf(), { name: "root" });
    configure({ samplingRatio: 0 });
    for (let i = 0; i < 200; i++) root();
    withSpan("block", () => leaf());
    expect(await tracing.traces()).toHaveLength(0);
    configure({ samplingRatio: 1 });
    for (let i = 0; i < 50; i++) root();
    expect(await tracing.traces()).toHaveLength(50);
    configure({ samplingRatio: 0.5 });
    for (let i = 0; i < 400; i++) root();
    const kept = await tracing.traces();
    expect(kept.length).toBeGreaterThan(120);
    expect(kept.length).toBeLessThan(280);
    for (const t of kept) expect(shape(t)).toEqual(["root", ["leaf_1", "leaf_2"]]);
  });

  it("keeps original span names when dedupeSpanNames is off (MLflow 3.6)", async () => {
    configure({ dedupeSpanNames: false });
    const leaf = trace(() => 1, { name: "leaf" });
    trace(() => leaf() + leaf(), { name: "root" })();
    expect((await tracing.onlyTrace()).spans.map((s) => s.name)).toEqual(["root", "leaf", "leaf"]);
  });

  it("reset() restores defaults", () => {
    configure({ samplingRatio: 0.1, enabled: false });
    reset();
    expect(isEnabled()).toBe(true);
    expect(getTracingStats().export.exported).toBe(0);
  });
});

describe("span processors", () => {
  it("see start and end, may change the span, and a throwing one is isolated and reported once", async () => {
    const seen: string[] = [];
    const tagger: SpanProcessor = {
      onStart: (span) => seen.push(`start:${span.name}`),
      onEnd: (span) => {
        seen.push(`end:${span.name}`);
        span.setAttribute("env", "test");
      },
    };
    const broken: SpanProcessor = {
      name: "broken",
      onEnd: () => {
        throw new Error("processor bug");
      },
    };
    configure({ spanProcessors: [broken, tagger] });
    const fn = trace((x: number) => x, { name: "fn" });
    expect(fn(1)).toBe(1);
    expect(fn(2)).toBe(2);
    const traces = await tracing.traces();
    expect(seen).toEqual(["start:fn", "end:fn", "start:fn", "end:fn"]);
    expect(traces.map((t) => t.rootSpan!.getAttribute("env"))).toEqual(["test", "test"]);
    expect(tracing.diagnostics.filter((d) => d.code.startsWith("processor-failed:broken"))).toHaveLength(1);
  });

  it("redact secrets by key name and by pattern before export", async () => {
    configure({ spanProcessors: [createRedactor()] });
    const call = trace(
      (request: { apiKey: string; prompt: string; headers: Record<string, string> }) => ({ echoed: request.prompt, token: "sk-abcdefghijklmnopqrstuvwx" }),
      { name: "call", attributes: { password: "p4ss", region: "eu" } },
    );
    call({ apiKey: "k-123", prompt: "use sk-abcdefghijklmnopqrstuvwx please", headers: { Authorization: "Bearer abc.def" } });
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.inputs).toEqual({ request: { apiKey: "[REDACTED]", prompt: "use [REDACTED] please", headers: { Authorization: "[REDACTED]" } } });
    expect(span.outputs).toEqual({ echoed: "use [REDACTED] please", token: "[REDACTED]" });
    expect(span.getAttribute("password")).toBe("[REDACTED]");
    expect(span.getAttribute("region")).toBe("eu");
  });

  it("redact stream chunks too, keeping each chunk event's name and order", async () => {
    configure({ spanProcessors: [createRedactor()] });
    const stream = trace(function* (prompt: string) {
      yield "key: sk-abcdefghijklmnopqrstuvwx";
      yield prompt;
    });
    expect([...stream("plain")]).toEqual(["key: sk-abcdefghijklmnopqrstuvwx", "plain"]);
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.events.map((event) => [event.name, event.attributes["mlflow.chunk.value"]])).toEqual([
      ["mlflow.chunk.item.0", '"key: [REDACTED]"'],
      ["mlflow.chunk.item.1", '"plain"'],
    ]);
  });
});
