import { beforeEach, describe, expect, it } from "vitest";
import { getCurrentActiveSpan, trace } from "../../src/index.js";
import { setupTracing, shape, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

const chunkValues = (span: { events: readonly { name: string; attributes: Record<string, unknown> }[] }) =>
  span.events.filter((e) => e.name.startsWith("mlflow.chunk.item.")).map((e) => [e.name, JSON.parse(String(e.attributes["mlflow.chunk.value"]))]);

describe("generators and async generators", () => {
  it("one span over a whole sync stream, with chunk events and the chunks as outputs", async () => {
    const numbers = trace(function* numbers(n: number) {
      for (let i = 0; i < n; i++) yield i;
      return "done";
    });
    const iterator = numbers(3);
    expect(await tracing.traces()).toHaveLength(0); // nothing starts before iteration
    expect([...iterator]).toEqual([0, 1, 2]);
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.inputs).toEqual({ n: 3 });
    expect(span.outputs).toEqual([0, 1, 2]);
    expect(chunkValues(span)).toEqual([
      ["mlflow.chunk.item.0", 0],
      ["mlflow.chunk.item.1", 1],
      ["mlflow.chunk.item.2", 2],
    ]);
    expect(span.status.code).toBe("OK");
  });

  it("records each chunk as it was when yielded, objects included", async () => {
    const state = { step: 0, items: ["a"] };
    const progress = trace(function* progress() {
      yield state;
      state.step = 1;
      state.items.push("b");
      yield state;
      yield "text";
      yield null;
    });
    for (const chunk of progress()) if (typeof chunk === "object" && chunk !== null) chunk.step += 10;
    expect(chunkValues((await tracing.onlyTrace()).rootSpan!)).toEqual([
      ["mlflow.chunk.item.0", { step: 0, items: ["a"] }],
      ["mlflow.chunk.item.1", { step: 1, items: ["a", "b"] }],
      ["mlflow.chunk.item.2", "text"],
      ["mlflow.chunk.item.3", null],
    ]);
  });

  it("reduces async chunks with outputReducer and nests spans made by the body", async () => {
    const tokenize = trace((word: string) => word.toUpperCase(), { name: "tokenize" });
    const stream = trace(
      async function* stream(prompt: string) {
        for (const word of prompt.split(" ")) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          expect(getCurrentActiveSpan()?.name).toBe("stream");
          yield tokenize(word);
        }
      },
      { outputReducer: (chunks) => (chunks as string[]).join(" "), spanType: "LLM" },
    );
    const seen: string[] = [];
    for await (const token of stream("hello streaming world")) seen.push(token);
    expect(seen).toEqual(["HELLO", "STREAMING", "WORLD"]);
    const t = await tracing.onlyTrace();
    expect(t.rootSpan!.outputs).toBe("HELLO STREAMING WORLD");
    expect(shape(t)).toEqual(["stream", ["tokenize_1", "tokenize_2", "tokenize_3"]]);
  });

  it("ends the span once, OK, when the consumer breaks early", async () => {
    let finallyRan = false;
    const endless = trace(async function* endless() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        finallyRan = true;
      }
    });
    for await (const value of endless()) if (value === 2) break;
    expect(finallyRan).toBe(true);
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.status.code).toBe("OK");
    expect(span.outputs).toEqual([0, 1, 2]);
    expect(span.endTimeNs).not.toBeNull();
  });

  it("records a throw from the stream as ERROR and rethrows the same error", async () => {
    const failure = new Error("stream broke");
    const broken = trace(function* broken() {
      yield 1;
      throw failure;
    });
    const iterator = broken();
    expect(iterator.next()).toEqual({ value: 1, done: false });
    expect(() => iterator.next()).toThrow(failure);
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.status).toEqual({ code: "ERROR", message: "Error: stream broke" });
    expect(span.outputs).toBeUndefined();
  });

  it("handles return() and throw() from the consumer", async () => {
    const gen = trace(async function* gen() {
      yield "a";
      yield "b";
    });
    const returned = gen();
    await returned.next();
    expect(await returned.return("stop" as never)).toEqual({ value: "stop", done: true });
    const thrown = gen();
    await thrown.next();
    const reason = new TypeError("consumer gave up");
    await expect(thrown.throw(reason)).rejects.toBe(reason);
    const [first, second] = await tracing.traces();
    expect(first!.rootSpan!.status.code).toBe("OK");
    expect(first!.rootSpan!.outputs).toEqual(["a"]);
    expect(second!.rootSpan!.status.code).toBe("ERROR");
    expect(second!.rootSpan!.events.at(-1)!.attributes["exception.message"]).toBe("consumer gave up");
  });

  it("keeps the raw chunks and reports once when the reducer throws", async () => {
    const gen = trace(
      function* gen() {
        yield 1;
        yield 2;
      },
      {
        outputReducer: () => {
          throw new Error("bad reducer");
        },
      },
    );
    expect([...gen()]).toEqual([1, 2]);
    expect([...gen()]).toEqual([1, 2]);
    const traces = await tracing.traces();
    expect(traces.map((t) => t.rootSpan!.outputs)).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(traces.every((t) => t.rootSpan!.status.code === "OK")).toBe(true);
    expect(tracing.diagnostics.filter((d) => d.code === "output-reducer-failed")).toHaveLength(1);
  });

  it("opens no span for a stream that is never iterated, or closed before it starts", async () => {
    const gen = trace(function* gen() {
      yield 1;
    });
    gen();
    gen().return(undefined);
    expect(await tracing.traces()).toHaveLength(0);
  });

  it("wraps a generator object returned by a plain function, span open from the call", async () => {
    function* inner() {
      yield "x";
      yield "y";
    }
    const makeStream = trace(function makeStream() {
      return inner();
    });
    expect([...makeStream()]).toEqual(["x", "y"]);
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.name).toBe("makeStream");
    expect(span.outputs).toEqual(["x", "y"]);
  });

  it("works with `this` in generator methods", async () => {
    const source = {
      items: ["p", "q"],
      each: trace(function* each(this: { items: string[] }) {
        yield* this.items;
      }),
    };
    expect([...source.each()]).toEqual(["p", "q"]);
    expect((await tracing.onlyTrace()).rootSpan!.outputs).toEqual(["p", "q"]);
  });
});
