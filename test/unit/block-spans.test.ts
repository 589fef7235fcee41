import { beforeEach, describe, expect, it } from "vitest";
import { disable, enterSpan, getCurrentActiveSpan, startSpan, trace, TracedUsageError, withSpan } from "../../src/index.js";
import { setupTracing, shape, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

describe("withSpan", () => {
  it("activates the span in the callback and records what is set on it", async () => {
    const result = withSpan({ name: "data_processing", spanType: "CHAIN", inputs: { query: "q" }, attributes: { step: 1 } }, (span) => {
      expect(getCurrentActiveSpan()).toBe(span);
      span.setAttribute("rows", 3).setOutputs({ count: 3 });
      return "done";
    });
    expect(result).toBe("done");
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.inputs).toEqual({ query: "q" });
    expect(span.outputs).toEqual({ count: 3 });
    expect(span.getAttribute("rows")).toBe(3);
    expect(span.getAttribute("step")).toBe(1);
    expect(span.spanType).toBe("CHAIN");
  });

  it("uses the callback's result as outputs when none were set, async included", async () => {
    const value = await withSpan("fetch", async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return [1, 2];
    });
    expect(value).toEqual([1, 2]);
    expect((await tracing.onlyTrace()).rootSpan!.outputs).toEqual([1, 2]);
  });

  it("records and rethrows errors unchanged", async () => {
    const error = new Error("nope");
    expect(() =>
      withSpan("sync", () => {
        throw error;
      }),
    ).toThrow(error);
    await expect(withSpan("async", async () => Promise.reject(error))).rejects.toBe(error);
    const traces = await tracing.traces();
    expect(traces.map((t) => t.info.state)).toEqual(["ERROR", "ERROR"]);
  });

  it("fails fast on bad options", () => {
    expect(() => withSpan({ name: "" }, () => 1)).toThrow(/"name" must be a non-empty string/);
    expect(() => withSpan({ name: "x", colour: "red" } as never, () => 1)).toThrow(TracedUsageError);
    expect(() => withSpan(42 as never, () => 1)).toThrow(/expected a span name or an options object, got number 42/);
  });
});

describe("startSpan", () => {
  it("returns a live span the caller ends; parents are explicit", async () => {
    const root = startSpan({ name: "root", inputs: { user: "u1" } });
    const child = startSpan({ name: "child", parent: root });
    child.addEvent("cache-miss", { key: "k" }).end({ outputs: "value" });
    root.end({ outputs: { ok: true } });
    const t = await tracing.onlyTrace();
    expect(shape(t)).toEqual(["root", ["child"]]);
    const childSpan = t.getSpan(child.spanId)!;
    expect(childSpan.outputs).toBe("value");
    expect(childSpan.events[0]).toMatchObject({ name: "cache-miss", attributes: { key: "k" } });
    expect(t.rootSpan!.outputs).toEqual({ ok: true });
  });

  it("ignores changes after end, warning once", async () => {
    const span = startSpan("once");
    span.end();
    span.setAttribute("late", 1);
    span.setOutputs("late");
    span.end();
    expect((await tracing.onlyTrace()).rootSpan!.getAttribute("late")).toBeUndefined();
    expect(tracing.diagnostics.filter((d) => d.code === "span-changed-after-end")).toHaveLength(1);
  });

  it("ends on dispose", async () => {
    {
      const span = startSpan("scoped");
      span.setInputs(1);
      span[Symbol.dispose]();
      expect(span.isEnded).toBe(true);
    }
    expect((await tracing.onlyTrace()).rootSpan!.name).toBe("scoped");
  });

  it("recordException sets ERROR with MLflow's exception event", async () => {
    const span = startSpan("risky");
    span.recordException(new TypeError("bad type"));
    span.end();
    const recorded = (await tracing.onlyTrace()).rootSpan!;
    expect(recorded.status).toEqual({ code: "ERROR", message: "TypeError: bad type" });
    expect(recorded.events[0]!.attributes).toMatchObject({ "exception.type": "TypeError", "exception.message": "bad type" });
  });
});

describe("enterSpan", () => {
  it("is active until disposed, then the previous context returns", async () => {
    const leaf = trace(function leaf() {
      return getCurrentActiveSpan()?.name;
    });
    withSpan("outer", () => {
      const span = enterSpan("block");
      expect(leaf()).toBe("leaf");
      expect(getCurrentActiveSpan()).toBe(span);
      span[Symbol.dispose]();
      expect(getCurrentActiveSpan()?.name).toBe("outer");
    });
    expect(shape(await tracing.onlyTrace())).toEqual(["outer", [["block", ["leaf"]]]]);
  });
});

describe("disabled tracing", () => {
  it("hands out a no-op span and records nothing", async () => {
    disable();
    const result = withSpan("off", (span) => {
      expect(span.isRecording).toBe(false);
      span.setAttribute("x", 1).end();
      return 5;
    });
    expect(result).toBe(5);
    expect(startSpan("off").isRecording).toBe(false);
    expect(trace((x: number) => x + 1)(1)).toBe(2);
    expect(await tracing.traces()).toHaveLength(0);
  });
});
