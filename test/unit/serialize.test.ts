import { beforeAll, describe, expect, it, vi } from "vitest";
import { configure, serialize } from "../../src/index.js";
import { serializeGeneral } from "../../src/processing/serialize.js";

beforeAll(() => configure({ onDiagnostic: () => {} }));

const limits = { maxCaptureDepth: 8, maxCaptureChars: 10_000 };
const roundTrip = (value: unknown, l = limits) => JSON.parse(serialize(value, l));

describe("serialize", () => {
  it("keeps plain data exactly", () => {
    const value = { a: 1, b: "two", c: [true, null, 3.5], d: { e: "é😀" } };
    expect(roundTrip(value)).toEqual(value);
    expect(roundTrip("text")).toBe("text");
    expect(roundTrip(undefined)).toBeNull();
  });

  it("handles cycles, BigInt, Error, Map, Set, Date, typed arrays, Buffers", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    expect(roundTrip(cyclic)).toEqual({ name: "loop", self: "[Circular]" });
    expect(roundTrip({ big: 12345678901234567890n })).toEqual({ big: "12345678901234567890" });
    expect(roundTrip(new TypeError("bad"))).toMatchObject({ name: "TypeError", message: "bad" });
    expect(roundTrip(new Map<unknown, unknown>([["a", 1], ["b", { c: 2 }]]))).toEqual({ a: 1, b: { c: 2 } });
    expect(roundTrip(new Map<unknown, unknown>([[{ k: 1 }, "obj-key"]]))).toEqual([[{ k: 1 }, "obj-key"]]);
    expect(roundTrip(new Set([1, 2]))).toEqual([1, 2]);
    expect(roundTrip({ when: new Date(0) })).toEqual({ when: "1970-01-01T00:00:00.000Z" });
    expect(roundTrip(new Uint8Array([1, 2, 3]))).toEqual([1, 2, 3]);
    expect(roundTrip(Buffer.from("hi"))).toEqual({ type: "Buffer", data: [104, 105] });
  });

  it("uses toJSON, then own enumerable properties, for class instances", () => {
    class Money {
      constructor(readonly cents: number) {}
      toJSON() {
        return `$${this.cents / 100}`;
      }
    }
    class Point {
      #secret = 1;
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    expect(roundTrip({ price: new Money(250), at: new Point(1, 2) })).toEqual({ price: "$2.5", at: { x: 1, y: 2 } });
  });

  it("describes values JSON would drop anywhere inside plain data, and keeps plain empty objects", () => {
    const systemError = Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT", errno: -2 });
    expect(roundTrip({ result: { ok: false, error: systemError } })).toEqual({
      result: { ok: false, error: { name: "Error", message: "ENOENT: no such file", code: "ENOENT", errno: -2 } },
    });
    expect(roundTrip([{ seen: new Set(["a"]) }, { index: new Map([["k", [1]]]) }, { pattern: /x+/g }])).toEqual([
      { seen: ["a"] },
      { index: { k: [1] } },
      { pattern: "/x+/g" },
    ]);
    const tool = { name: "now", parameters: { type: "object", properties: {} }, metadata: Object.create(null) };
    expect(serialize(tool, limits)).toBe(JSON.stringify(tool));
  });

  it("applies the depth cap to plain data too", () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const text = serialize(deep, limits);
    expect(text).toContain("[Truncated: max depth]");
    expect(serialize(deep, { ...limits, maxCaptureDepth: 32 })).toBe(JSON.stringify(deep));
  });

  it("marks functions and symbols at top level; inside values functions are named, never dropped", () => {
    expect(roundTrip(function namedFn() {})).toBe("[Function namedFn]");
    expect(roundTrip(Symbol("s"))).toBe("Symbol(s)");
    const Ok = (value: unknown) => ({ ok: value });
    expect(roundTrip({ Ok, Err: function Err() {}, keep: 1, sym: Symbol("x") })).toEqual({ Ok: "[Function Ok]", Err: "[Function Err]", keep: 1 });
    expect(roundTrip([() => 1, 2])).toEqual(["[Function (anonymous)]", 2]);
  });

  it("names the class of an instance JSON would write as {}", () => {
    class Session {
      #token = "secret";
      get token() {
        return this.#token;
      }
    }
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    expect(roundTrip(new Session())).toBe("[Session]");
    expect(roundTrip({ session: new Session(), at: new Point(1, 2) })).toEqual({ session: "[Session]", at: { x: 1, y: 2 } });
    expect(roundTrip({ plain: {}, bare: Object.create(null) })).toEqual({ plain: {}, bare: {} });
  });

  it("bounds the work on a huge graph by the node cap, and marks the cut", () => {
    const graph: Record<string, unknown>[] = [];
    for (let i = 0; i < 200_000; i++) graph.push({ id: i, name: `node ${i}`, next: { id: i + 1 } });
    const text = serialize(graph, { maxCaptureDepth: 32, maxCaptureChars: 1_000_000, maxCaptureNodes: 1_000 });
    expect(text.length).toBeLessThan(100_000);
    const parsed = JSON.parse(text) as unknown[];
    expect(parsed.length).toBeLessThan(1_000);
    expect(JSON.stringify(parsed.at(-1))).toMatch(/truncated \d+ chars\]|max nodes/);
    const wide = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]));
    const cut = JSON.parse(serialize(wide, { maxCaptureDepth: 32, maxCaptureChars: 1_000_000, maxCaptureNodes: 100 })) as Record<string, unknown>;
    expect(Object.keys(cut).length).toBeLessThan(120);
    expect(cut["…"]).toMatch(/truncated \d+ keys/);
    const big = new Map(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(JSON.parse(serialize(big, { maxCaptureDepth: 32, maxCaptureChars: 1_000_000, maxCaptureNodes: 100 }))).length).toBeLessThan(120);
  });

  it("keeps values within the node cap exactly, on the fast path and in the walker", () => {
    const value = { items: Array.from({ length: 50 }, (_, i) => ({ i, tags: ["a", "b"] })), when: new Map([["k", 1]]) };
    const capped = { maxCaptureDepth: 32, maxCaptureChars: 1_000_000, maxCaptureNodes: 10_000 };
    expect(JSON.parse(serialize(value, capped))).toEqual({ items: value.items, when: { k: 1 } });
  });

  it("survives throwing getters and hostile proxies, reporting the failure", () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("trap");
        },
      },
    );
    const getter = {
      ok: 1,
      get broken(): never {
        throw new Error("getter exploded");
      },
    };
    expect(roundTrip(getter)).toEqual({ ok: 1, broken: "[Unserializable: getter threw Error: getter exploded]" });
    expect(JSON.parse(serialize({ hostile }, limits)).hostile).toMatch(/^\[Unserializable/);
  });

  it("never mutates its input and reads toJSON that throws safely", () => {
    const value = { list: [3, 1, 2], nested: { a: 1 } };
    const frozen = JSON.stringify(value);
    serialize(value, limits);
    serializeGeneral(value, limits);
    expect(JSON.stringify(value)).toBe(frozen);
    const bad = {
      toJSON() {
        throw new Error("toJSON failed");
      },
    };
    expect(roundTrip({ bad })).toEqual({ bad: "[Unserializable: Error: toJSON failed]" });
  });

  it("caps depth and size, marking what it cut, always valid JSON within the cap", () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const cyclicDeep = { deep, self: null as unknown };
    cyclicDeep.self = cyclicDeep;
    expect(serialize(cyclicDeep, limits)).toContain("[Truncated: max depth]");
    const huge = "x".repeat(100_000);
    const text = serialize({ huge }, { maxCaptureDepth: 8, maxCaptureChars: 1000 });
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(JSON.parse(text).huge).toMatch(/…\[truncated \d+ chars\]$/);
    const many = Array.from({ length: 10_000 }, (_, i) => ({ i }));
    const capped = serialize(many, { maxCaptureDepth: 8, maxCaptureChars: 500 });
    expect(capped.length).toBeLessThanOrEqual(500);
    expect(() => JSON.parse(capped)).not.toThrow();
  });

  it("handles a 100 MB string without building its full JSON", () => {
    const big = "y".repeat(100 * 1024 * 1024);
    const spy = vi.spyOn(JSON, "stringify");
    const text = serialize(big, { maxCaptureDepth: 8, maxCaptureChars: 1_000_000 });
    expect(text.length).toBeLessThanOrEqual(1_000_002);
    expect(spy.mock.calls.every(([arg]) => typeof arg !== "string" || (arg as string).length <= 1_000_000)).toBe(true);
    spy.mockRestore();
  });
});
