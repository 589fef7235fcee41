/**
 * What a traced call records for values JSON shows badly: an object of callbacks, a class
 * instance with no fields, and an object with very many keys, whose listing (the one step
 * the node budget cannot bound) is done once per object.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { serialize, trace } from "../../src/index.js";
import { MANY_KEYS } from "../../src/processing/own-keys.js";
import { setupTracing, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

describe("captured values", () => {
  it("an object of callbacks is recorded by the callbacks' names, not as {}", async () => {
    type Handlers<T> = { Ok: (value: T) => string; Err: (error: Error) => string };
    const match = trace(function match<T>(result: { ok: boolean; value: T }, handlers: Handlers<T>) {
      return result.ok ? handlers.Ok(result.value) : handlers.Err(new Error("no"));
    });
    const handlers = { Ok: (value: number) => `got ${value}`, Err: (error: Error) => error.message };
    expect(match({ ok: true, value: 3 }, handlers)).toBe("got 3");
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.inputs).toEqual({ result: { ok: true, value: 3 }, handlers: { Ok: "[Function Ok]", Err: "[Function Err]" } });
  });

  it("a field-less class instance is recorded by its class", async () => {
    class Connection {
      #socket = 7;
      get socket(): number {
        return this.#socket;
      }
    }
    const use = trace(function use(connection: Connection) {
      return connection.socket;
    });
    use(new Connection());
    expect((await tracing.onlyTrace()).rootSpan!.inputs).toEqual({ connection: "[Connection]" });
  });

  it("an object with very many keys is cut at the node budget and counts the keys it left out", () => {
    const table: Record<string, number> = {};
    const size = MANY_KEYS * 5;
    for (let i = 0; i < size; i++) table[`k${i}`] = i;
    const limits = { maxCaptureDepth: 32, maxCaptureChars: 1_000_000, maxCaptureNodes: 100 };
    const first = JSON.parse(serialize({ table }, limits)) as { table: Record<string, unknown> };
    const kept = Object.keys(first.table).filter((k) => k !== "…");
    expect(kept.slice(0, 3)).toEqual(["k0", "k1", "k2"]);
    expect(first.table["…"]).toBe(`[truncated ${size - kept.length} keys]`);
    // The second capture of the same object reuses the listing, and reads the values fresh.
    table.k0 = -1;
    const second = JSON.parse(serialize({ table }, limits)) as { table: Record<string, unknown> };
    expect(second.table.k0).toBe(-1);
    expect(second.table["…"]).toBe(first.table["…"]);
  });

  it("a node budget past the keys kept by default shows as many keys as it allows", () => {
    const table: Record<string, number> = {};
    const size = MANY_KEYS * 2;
    for (let i = 0; i < size; i++) table[`k${i}`] = i;
    // The Map sends the value to the walker (JSON.stringify would show it as {}).
    const value = { table, when: new Map([["k", 1]]) };
    const all = JSON.parse(serialize(value, { maxCaptureDepth: 32, maxCaptureChars: 10_000_000, maxCaptureNodes: size * 3 })) as { table: Record<string, unknown> };
    expect(Object.keys(all.table)).toHaveLength(size);
    // Each key and its value is a node: a budget of 1.5× the keys shows about three quarters of them.
    const some = JSON.parse(serialize(value, { maxCaptureDepth: 32, maxCaptureChars: 10_000_000, maxCaptureNodes: size * 1.5 })) as { table: Record<string, unknown> };
    const shown = Object.keys(some.table).filter((k) => k !== "…").length;
    expect(shown).toBeGreaterThan(MANY_KEYS);
    expect(some.table["…"]).toBe(`[truncated ${size - shown} keys]`);
  });
});
