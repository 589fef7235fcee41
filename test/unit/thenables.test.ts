/**
 * A traced call that returns a thenable ends its span when the thenable settles; observing
 * it records no span of traced's making, never calls `then` on a thenable that is not a promise
 * (so a lazy one runs only when the app awaits it), and a span that
 * ends soon after its root (a traced `then` run by `await`) is exported with its trace.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { trace } from "../../src/index.js";
import { setupTracing, shape, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A hot thenable (like a Result/Task type) whose traced `then` delegates to a promise. */
class Task<T> {
  constructor(private readonly promise: Promise<T>) {}
  map<U>(f: (value: T) => U): Task<U> {
    return new Task(this.promise.then(f));
  }
}
interface Task<T> extends PromiseLike<T> {}
Task.prototype.then = trace(function then(this: Task<unknown>, onFulfilled?: (value: unknown) => unknown, onRejected?: (error: unknown) => unknown) {
  return (this as unknown as { promise: Promise<unknown> }).promise.then(onFulfilled, onRejected);
}) as never;

/** A lazy thenable (like a query builder): each `then` runs the query. */
class Query {
  runs = 0;
  constructor(private rows: number[]) {}
  where(min: number): this {
    this.rows = this.rows.filter((r) => r >= min);
    return this;
  }
  then<R>(onFulfilled?: (rows: number[]) => R, onRejected?: (error: unknown) => R): Promise<R> {
    this.runs++;
    return sleep(1).then(() => this.rows).then(onFulfilled, onRejected);
  }
}

describe("thenables returned by traced calls", () => {
  it("end the span when the thenable settles, with its value, and warn about nothing", async () => {
    const load = trace(function load(n: number) {
      return new Task(sleep(5).then(() => n * 2));
    });
    const main = trace(async function main() {
      const value = await load(21);
      return value + 1;
    });
    expect(await main()).toBe(43);
    const traces = await tracing.traces();
    expect(traces).toHaveLength(1);
    // `then` is the app's own await of the task; traced's observation made no span.
    expect(shape(traces[0]!)).toEqual(["main", ["load", "then"]]);
    const load_ = traces[0]!.spans.find((s) => s.name === "load")!;
    expect(load_.outputs).toBe(42);
    expect(load_.endTimeNs).not.toBeNull();
    for (const span of traces[0]!.spans) expect(span.endTimeNs).not.toBeNull();
    expect(tracing.diagnostics).toEqual([]);
  });

  it("a rejected thenable fails the span", async () => {
    const fail = trace(function fail() {
      return new Task<number>(Promise.reject(new Error("nope")));
    });
    await expect(Promise.resolve(fail())).rejects.toThrow("nope");
    const traces = await tracing.traces();
    // Awaited outside any span, the app's `then` call is a root of its own.
    expect(traces.map((t) => t.rootSpan!.name).sort()).toEqual(["fail", "then"]);
    const failed = traces.find((t) => t.rootSpan!.name === "fail")!;
    expect(failed.rootSpan!.status.code).toBe("ERROR");
    expect(failed.rootSpan!.status.message).toContain("nope");
  });

  it("a thenable chained through its own API, never awaited itself, ends its span on the next turn without being run", async () => {
    const load = trace(function load() {
      return new Task(Promise.resolve(5));
    });
    const doubled = await load().map((v) => v * 2);
    expect(doubled).toBe(10);
    await sleep(5);
    const traces = await tracing.traces();
    // The app awaited the mapped task: its `then` is the app's call, a trace of its own.
    expect(traces.map((t) => t.rootSpan!.name).sort()).toEqual(["load", "then"]);
    const loaded = traces.find((t) => t.rootSpan!.name === "load")!;
    expect(loaded.spans).toHaveLength(1);
    // traced never calls `then` itself: the span records the thenable it returned.
    expect(loaded.rootSpan!.outputs).toEqual({ promise: "[Promise]" });
    expect(loaded.rootSpan!.status.code).toBe("OK");
    expect(tracing.diagnostics).toEqual([]);
  });

  it("a lazy thenable runs once, when the app awaits it, with what the app chained on it", async () => {
    const query = new Query([1, 5, 9]);
    const find = trace(function find() {
      return query;
    });
    const rows = await find().where(4);
    expect(rows).toEqual([5, 9]);
    await sleep(5);
    expect(query.runs).toBe(1);
    // The object is as it was: no own `then` left behind.
    expect(Object.prototype.hasOwnProperty.call(query, "then")).toBe(false);
    const [only] = await tracing.traces();
    expect(only!.rootSpan!.outputs).toEqual([5, 9]);
  });

  it("a frozen thenable, which cannot be watched through the app's then, is never run by traced", async () => {
    let runs = 0;
    const frozen = Object.freeze({
      then: (ok: (v: number) => void) => {
        runs++;
        setTimeout(() => ok(3), 1);
      },
    });
    const get = trace(function get() {
      return frozen;
    });
    expect(await get()).toBe(3);
    expect(runs).toBe(1);
    const [only] = await tracing.traces();
    expect(only!.rootSpan!.status.code).toBe("OK");
    expect(only!.rootSpan!.outputs).toEqual({ then: "[Function then]" });
  });

  it("a lazy thenable kept and awaited later runs once, when the app awaits it", async () => {
    const query = new Query([1, 2]);
    const find = trace(function find() {
      return query;
    });
    const kept = find();
    await sleep(5);
    expect(await kept).toEqual([1, 2]);
    expect(query.runs).toBe(1);
  });

  it("a span ending after its root, before export, is exported with the trace and not reported", async () => {
    const background = trace(async function background() {
      await sleep(0);
      return "done";
    });
    const root = trace(function root() {
      void background();
      return "returned";
    });
    root();
    await sleep(20);
    const [only] = await tracing.traces();
    const late = only!.spans.find((s) => s.name === "background")!;
    expect(late.endTimeNs).not.toBeNull();
    expect(late.outputs).toBe("done");
    expect(tracing.diagnostics).toEqual([]);
  });

  it("a flush sends a trace that waits for a late span; if the span ends after that, it is reported", async () => {
    let finish!: () => void;
    const slow = trace(function slow() {
      return new Promise<void>((resolve) => (finish = resolve));
    });
    const root = trace(function root() {
      void slow();
    });
    root();
    const [only] = await tracing.traces();
    expect(only!.spans.find((s) => s.name === "slow")!.endTimeNs).toBeNull();
    finish();
    await sleep(1);
    expect(tracing.diagnostics.map((d) => d.code)).toEqual(["span-ended-after-trace"]);
  });
});
