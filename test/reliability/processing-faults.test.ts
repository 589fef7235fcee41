/**
 * Fault matrix, user hooks: a span processor, an output reducer or a capture transform that
 * throws is the user's bug in tracing code, not in the app; the app's own results must pass
 * through untouched, the span must still be exported, and the failure is reported once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { configure, flushTraces, getTracingStats, InMemoryExporter, reset, SpanAttributeKey, trace, type SpanProcessor } from "../../src/index.js";
import { AppError, freshTracing } from "../support/reliability-harness.js";

afterEach(() => reset());

describe("a span processor that throws", () => {
  it("in onStart and onEnd: app results unchanged, spans exported, each hook reported once", async () => {
    const memory = new InMemoryExporter();
    const broken: SpanProcessor = {
      name: "broken-enricher",
      onStart() {
        throw new Error("onStart bug");
      },
      onEnd() {
        throw new Error("onEnd bug");
      },
    };
    const diagnostics = freshTracing({ destination: memory, spanProcessors: [broken] });
    const appError = new AppError("app failed", { code: 1 });
    const ok = trace(function ok(n: number) {
      return { doubled: n * 2 };
    });
    const fails = trace(async function fails(): Promise<never> {
      throw appError;
    });
    for (let i = 0; i < 3; i++) {
      expect(ok(i)).toEqual({ doubled: i * 2 });
      await expect(fails()).rejects.toBe(appError);
    }
    await flushTraces();
    expect(memory.traces).toHaveLength(6);
    expect(diagnostics.all.map((d) => d.code).sort()).toEqual(["processor-failed:broken-enricher:onEnd", "processor-failed:broken-enricher:onStart"]);
    expect(getTracingStats().diagnostics["processor-failed:broken-enricher:onStart"]).toBe(6);
  });

  it("a throwing processor does not stop the processors after it", async () => {
    const memory = new InMemoryExporter();
    const broken: SpanProcessor = {
      name: "first",
      onEnd() {
        throw new Error("bug");
      },
    };
    const tagging: SpanProcessor = { name: "second", onEnd: (span) => void span.setAttribute("tagged", true) };
    const diagnostics = freshTracing({ destination: memory, spanProcessors: [broken, tagging] });
    expect(trace((x: number) => x + 1, { name: "inc" })(1)).toBe(2);
    await flushTraces();
    expect(memory.traces[0]!.spans[0]!.attributes.tagged).toBe("true");
    expect(diagnostics.all).toHaveLength(1);
  });
});

describe("an output reducer that throws", () => {
  it("the consumer still gets every chunk; the raw chunks are recorded; reported once", async () => {
    const memory = new InMemoryExporter();
    const diagnostics = freshTracing({ destination: memory });
    const stream = trace(
      async function* tokens(count: number) {
        for (let i = 0; i < count; i++) yield `t${i}`;
      },
      {
        outputReducer: () => {
          throw new Error("reducer bug");
        },
      },
    );
    for (let round = 0; round < 2; round++) {
      const received: string[] = [];
      for await (const chunk of stream(5)) received.push(chunk);
      expect(received).toEqual(["t0", "t1", "t2", "t3", "t4"]);
    }
    await flushTraces();
    expect(memory.traces).toHaveLength(2);
    expect(JSON.parse(memory.traces[0]!.spans[0]!.attributes[SpanAttributeKey.OUTPUTS]!)).toEqual(["t0", "t1", "t2", "t3", "t4"]);
    expect(diagnostics.withCode("output-reducer-failed")).toHaveLength(1);
    expect(diagnostics.all).toHaveLength(1);
  });

  it("a sync generator's consumer is equally unaffected", async () => {
    const memory = new InMemoryExporter();
    const diagnostics = freshTracing({ destination: memory });
    const numbers = trace(
      function* numbers() {
        yield 1;
        yield 2;
      },
      {
        outputReducer: () => {
          throw new Error("reducer bug");
        },
      },
    );
    expect([...numbers()]).toEqual([1, 2]);
    await flushTraces();
    expect(memory.traces).toHaveLength(1);
    expect(diagnostics.all).toHaveLength(1);
  });
});

describe("capture transforms and diagnostic handlers that throw", () => {
  it("captureInputs / captureOutputs transforms that throw: results unchanged, each reported once", async () => {
    const memory = new InMemoryExporter();
    const diagnostics = freshTracing({ destination: memory });
    const f = trace((x: number) => x * 3, {
      name: "triple",
      captureInputs: () => {
        throw new Error("input transform bug");
      },
      captureOutputs: () => {
        throw new Error("output transform bug");
      },
    });
    expect(f(2)).toBe(6);
    expect(f(3)).toBe(9);
    await flushTraces();
    expect(memory.traces).toHaveLength(2);
    expect(diagnostics.withCode("captureInputs-transform-failed")).toHaveLength(1);
    expect(diagnostics.withCode("captureOutputs-transform-failed")).toHaveLength(1);
  });

  it("an onDiagnostic handler that throws does not turn a report into an app failure", async () => {
    reset();
    let calls = 0;
    configure({
      destination: {
        name: "failing",
        export() {
          throw new Error("export bug");
        },
      },
      onDiagnostic: () => {
        calls++;
        throw new Error("handler bug");
      },
    });
    expect(trace((x: number) => x, { name: "id" })(5)).toBe(5);
    await expect(flushTraces()).resolves.toBe(true);
    expect(calls).toBe(1);
  });
});
