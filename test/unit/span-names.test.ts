/**
 * `trace()` and `@trace` name spans by what JavaScript names the function: its own name, the
 * binding a function was declared under before it was wrapped, the method. A function written
 * inside the `trace(…)` call has no name (JavaScript gives none to an argument): `anonymous`,
 * unless `{ name }` says otherwise.
 */
import { beforeEach, expect, it } from "vitest";
import { trace } from "../../src/index.js";
import { setupTracing, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

async function names(): Promise<string[]> {
  return (await tracing.traces()).map((t) => t.rootSpan!.name);
}

it("takes the function's own name, or the binding it was declared under", async () => {
  const declared = (x: number) => x;
  const handlers = { onDone: (x: number) => x };
  trace(function named(x: number) {
    return x;
  })(1);
  trace(declared)(1);
  trace(handlers.onDone)(1);
  expect(await names()).toEqual(["named", "declared", "onDone"]);
});

it("is anonymous only for a function JavaScript gives no name, unless named by the options", async () => {
  const inline = trace((x: number) => x);
  expect(inline.name).toBe("");
  inline(1);
  trace((x: number) => x, { name: "given" })(1);
  expect(await names()).toEqual(["anonymous", "given"]);
});

it("names a decorated method by its key, a symbol by its description", async () => {
  const key = Symbol("lookup");
  class Store {
    load(id: string) {
      return id;
    }
    [key](id: string) {
      return id;
    }
  }
  // What a legacy decorator call does: (prototype, key, descriptor) → the new descriptor.
  for (const k of ["load", key] as const) {
    Object.defineProperty(Store.prototype, k, trace(Store.prototype, k, Object.getOwnPropertyDescriptor(Store.prototype, k)!));
  }
  new Store().load("a");
  new Store()[key]("b");
  expect(await names()).toEqual(["load", "lookup"]);
});
