import { EventEmitter } from "node:events";
import { beforeEach, describe, expect, it } from "vitest";
import { getCurrentActiveSpan, SpanType, trace, TracedUsageError, withSpan } from "../../src/index.js";
import { setupTracing, shape, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

describe("trace(fn)", () => {
  it("keeps a sync function sync, with the same result, name and length", async () => {
    function add(a: number, b: number) {
      return a + b;
    }
    const traced = trace(add);
    const result = traced(2, 3);
    expect(result).toBe(5);
    expect(traced.name).toBe("add");
    expect(traced.length).toBe(2);
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.name).toBe("add");
    expect(span.inputs).toEqual({ a: 2, b: 3 });
    expect(span.outputs).toBe(5);
    expect(span.status.code).toBe("OK");
    expect(span.spanType).toBe("UNKNOWN");
  });

  it("passes `this` through", async () => {
    const counter = {
      count: 10,
      bump: trace(function bump(this: { count: number }, by: number) {
        this.count += by;
        return this.count;
      }),
    };
    expect(counter.bump(5)).toBe(15);
    expect((await tracing.onlyTrace()).rootSpan!.inputs).toEqual({ by: 5 });
  });

  it("applies name, spanType and attributes", async () => {
    const traced = trace((prompt: string) => prompt.toUpperCase(), { name: "llm", spanType: SpanType.LLM, attributes: { model: "fake", temperature: 0.1 } });
    traced("hi");
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.name).toBe("llm");
    expect(span.spanType).toBe("LLM");
    expect(span.getAttribute("model")).toBe("fake");
    expect(span.getAttribute("temperature")).toBe(0.1);
    expect(span.attributes["mlflow.spanType"]).toBe('"LLM"');
  });

  it("ends async spans when the promise settles and returns the same value", async () => {
    const slow = trace(async (ms: number) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { waited: ms };
    });
    const value = await slow(15);
    expect(value).toEqual({ waited: 15 });
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.outputs).toEqual({ waited: 15 });
    expect(span.durationMs!).toBeGreaterThanOrEqual(10);
  });

  it("rethrows the same error object and records it (sync and async)", async () => {
    const boom = new RangeError("too far");
    const failSync = trace(function failSync() {
      throw boom;
    });
    const failAsync = trace(async function failAsync() {
      await Promise.resolve();
      throw boom;
    });
    let caught: unknown;
    try {
      failSync();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(boom);
    await expect(failAsync()).rejects.toBe(boom);
    const traces = await tracing.traces();
    expect(traces).toHaveLength(2);
    for (const t of traces) {
      const span = t.rootSpan!;
      expect(t.info.state).toBe("ERROR");
      expect(span.status).toEqual({ code: "ERROR", message: "RangeError: too far" });
      const event = span.events.find((e) => e.name === "exception")!;
      expect(event.attributes["exception.type"]).toBe("RangeError");
      expect(event.attributes["exception.message"]).toBe("too far");
      expect(String(event.attributes["exception.stacktrace"])).toContain("RangeError: too far");
    }
  });

  it("keeps a promise subclass returned by the function (its own API stays usable)", async () => {
    class ApiPromise<T> extends Promise<T> {
      withResponse() {
        return "raw";
      }
    }
    const call = trace(() => new ApiPromise<number>((resolve) => resolve(7)));
    const returned = call();
    expect(returned).toBeInstanceOf(ApiPromise);
    expect(returned.withResponse()).toBe("raw");
    expect(await returned).toBe(7);
    expect((await tracing.onlyTrace()).rootSpan!.outputs).toBe(7);
  });

  it("nests across await, Promise.all, timers, callbacks and event emitters", async () => {
    const leaf = trace(function leaf(label: string) {
      return label;
    });
    const root = trace(async function root() {
      await Promise.all([Promise.resolve().then(() => leaf("then")), new Promise((r) => setTimeout(() => r(leaf("timer")), 1))]);
      await new Promise<void>((resolve) => setImmediate(() => (leaf("immediate"), resolve())));
      const emitter = new EventEmitter();
      emitter.on("go", () => leaf("emitter"));
      emitter.emit("go");
      await new Promise<void>((resolve) => process.nextTick(() => (leaf("tick"), resolve())));
    });
    await root();
    const t = await tracing.onlyTrace();
    expect(t.spans.map((s) => s.name).sort()).toEqual(["leaf_1", "leaf_2", "leaf_3", "leaf_4", "leaf_5", "root"]);
    for (const span of t.spans.slice(1)) expect(span.parentId).toBe(t.rootSpan!.spanId);
  });

  it("never mixes spans of 100 concurrent traces", async () => {
    // Recursion goes through the traced binding (a named function expression would call itself untraced).
    const step: (id: number, depth: number) => Promise<number> = trace(
      async (id: number, depth: number): Promise<number> => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        return depth === 0 ? id : step(id, depth - 1);
      },
      { name: "step" },
    );
    const handle = trace(async function handle(id: number) {
      expect(getCurrentActiveSpan()!.name).toBe("handle");
      return step(id, 2);
    });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => handle(i)));
    expect(results).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const traces = await tracing.traces();
    expect(traces).toHaveLength(100);
    for (const t of traces) {
      const id = (t.rootSpan!.inputs as { id: number }).id;
      expect(t.spans).toHaveLength(4);
      for (const span of t.spans) {
        expect(span.traceId).toBe(t.info.traceId);
        if (span.name.startsWith("step")) expect((span.inputs as { id: number }).id).toBe(id);
      }
      expect(shape(t)).toEqual(["handle", [["step_1", [["step_2", ["step_3"]]]]]]);
    }
  });

  it("records inputs as they were at call time, not after later mutation", async () => {
    const keep = trace(function keep(options: { items: string[] }) {
      return options;
    });
    const options = { items: ["a"] };
    keep(options);
    options.items.push("b");
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.inputs).toEqual({ options: { items: ["a"] } });
    expect(span.outputs).toEqual({ items: ["a"] });
  });

  it("turns off or transforms input and output capture", async () => {
    trace((secret: string) => secret.length, { captureInputs: false, captureOutputs: false })("hunter2");
    trace((a: number, b: number) => ({ sum: a + b, debug: "x" }), {
      captureInputs: (inputs) => ({ total: (inputs.a as number) + (inputs.b as number) }),
      captureOutputs: (output) => (output as { sum: number }).sum,
    })(1, 2);
    const [off, transformed] = await tracing.traces();
    expect(off!.rootSpan!.attributes["mlflow.spanInputs"]).toBeUndefined();
    expect(off!.rootSpan!.attributes["mlflow.spanOutputs"]).toBeUndefined();
    expect(transformed!.rootSpan!.inputs).toEqual({ total: 3 });
    expect(transformed!.rootSpan!.outputs).toBe(3);
  });

  it("names inputs by parameter for every parameter form", async () => {
    const defaulted = trace(function search(query: string, topK = 5, ...filters: string[]) {
      return [query, topK, filters];
    });
    defaulted("q", undefined, "a", "b");
    const destructured = trace(({ a, b: [first] }: { a: number; b: number[] }, [x, y] = [0, 0]) => a + first! + x! + y!);
    destructured({ a: 1, b: [2] }, [3, 4]);
    const noParams = trace(function variadic() {
      return arguments.length;
    });
    (noParams as (...args: unknown[]) => number)(1, 2);
    defaulted("only");
    const [t1, t2, t3, t4] = await tracing.traces();
    expect(t1!.rootSpan!.inputs).toEqual({ query: "q", filters: ["a", "b"] });
    // A rest parameter with nothing left is still bound (to []), so it is still recorded.
    expect(t4!.rootSpan!.inputs).toEqual({ query: "only", filters: [] });
    expect(t2!.rootSpan!.inputs).toEqual({ "{ a, b: [first] }": { a: 1, b: [2] }, "[x, y]": [3, 4] });
    expect(t3!.rootSpan!.inputs).toEqual({ args: [1, 2] });
  });

  it("rejects what it cannot trace, when trace() is called", () => {
    expect(() => trace(42 as never)).toThrow(TracedUsageError);
    expect(() => trace(42 as never)).toThrow(/got number 42/);
    expect(() => trace(class Foo {} as never)).toThrow(/cannot trace class Foo/);
    expect(() => trace(() => 1, { nmae: "x" } as never)).toThrow(/unknown option "nmae"/);
    expect(() => trace(() => 1, { spanType: 3 } as never)).toThrow(/"spanType" must be a non-empty string, got number 3/);
    expect(() => trace(() => 1, { outputReducer: "sum" } as never)).toThrow(/"outputReducer" must be a function/);
  });

  it("makes the span and its context available to the function body", async () => {
    const inner = trace(function inner() {
      const span = getCurrentActiveSpan()!;
      span.setAttribute("model", "gpt-x").setSpanType("LLM");
      return span.name;
    });
    expect(inner()).toBe("inner");
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.getAttribute("model")).toBe("gpt-x");
    expect(span.spanType).toBe("LLM");
  });

  it("mixes with block spans in one tree", async () => {
    const tool = trace(function tool(x: number) {
      return x * 2;
    }, { spanType: SpanType.TOOL });
    await withSpan({ name: "agent", spanType: SpanType.AGENT }, async () => {
      await withSpan("plan", () => tool(1));
      tool(2);
    });
    expect(shape(await tracing.onlyTrace())).toEqual(["agent", [["plan", ["tool_1"]], "tool_2"]]);
  });
});
