/**
 * Property-based tests of the capture serializer (fast-check): whatever the app passes or
 * returns — nested objects, arrays, unicode and lone surrogates, odd numbers, BigInt, dates,
 * maps, sets, typed arrays, cycles, throwing getters and toJSON — serialize() never throws
 * and always returns valid JSON. A fixed seed keeps failures reproducible in CI.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reset, serialize, configure } from "../../src/index.js";

const RUNS = process.env.TRACED_FULL === "1" ? 20_000 : 1_500;
const SEED = 20_260_701;

// Diagnostics from throwing getters are expected here; keep them off the console.
beforeAll(() => configure({ onDiagnostic: () => {} }));
afterAll(() => reset());

const loneSurrogates = fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF", "a\uD83D", "\uDE00b");
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 40 }), loneSurrogates, fc.string({ minLength: 100, maxLength: 3000 }));
const numbers = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE));

const plainValues = fc.anything({
  maxDepth: 6,
  maxKeys: 6,
  stringUnit: "binary",
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withObjectString: true,
});

/** Adds hazards to an object graph: a cycle, a throwing getter, a throwing toJSON. */
function withHazards(value: unknown, hazard: number, key: string): unknown {
  const holder: Record<string, unknown> = { value, [key]: 1 };
  if (hazard & 1) holder.self = holder;
  if (hazard & 2 && typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    try {
      (value as Record<string, unknown>).back = holder;
    } catch {
      // Some boxed or typed values do not take new properties.
    }
  }
  if (hazard & 4) {
    Object.defineProperty(holder, "explodes", {
      enumerable: true,
      get() {
        throw new Error("getter");
      },
    });
  }
  if (hazard & 8) holder.nested = { toJSON: () => { throw new Error("toJSON"); } };
  if (hazard & 16) holder.fn = () => 1;
  if (hazard & 32) holder.sym = Symbol("s");
  return holder;
}

const anyCapturedValue = fc.oneof(
  plainValues,
  text,
  numbers,
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.tuple(plainValues, fc.nat({ max: 63 }), fc.string({ unit: "binary", maxLength: 8 })).map(([value, hazard, key]) => withHazards(value, hazard, key)),
  fc.dictionary(text, fc.oneof(text, numbers, fc.bigInt()), { maxKeys: 20 }).map((entries) => new Map(Object.entries(entries))),
  fc.array(fc.oneof(text, numbers), { maxLength: 30 }).map((items) => new Set(items)),
);

const limits = fc.record({ maxCaptureDepth: fc.integer({ min: 1, max: 40 }), maxCaptureChars: fc.integer({ min: 64, max: 4_000 }) });

describe("serialize() on arbitrary values", () => {
  it("never throws and always returns valid JSON", () => {
    fc.assert(
      fc.property(anyCapturedValue, limits, (value, caps) => {
        const json = serialize(value, caps);
        expect(typeof json).toBe("string");
        expect(() => JSON.parse(json)).not.toThrow();
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("never mutates what it reads", () => {
    fc.assert(
      fc.property(plainValues, limits, (value, caps) => {
        const before = fc.stringify(value);
        serialize(value, caps);
        expect(fc.stringify(value)).toBe(before);
      }),
      { numRuns: Math.min(RUNS, 500), seed: SEED },
    );
  });

  it("keeps nested objects and arrays of numbers, booleans and null within maxCaptureChars", () => {
    // Free of long text and big integers, whose captures overshoot the cap (next test).
    const { tree } = fc.letrec((tie) => ({
      leaf: fc.oneof(numbers, fc.boolean(), fc.constant(null)),
      tree: fc.oneof({ depthSize: "small" }, tie("leaf"), fc.array(tie("tree"), { maxLength: 12 }), fc.dictionary(fc.constantFrom("a", "bb", "ccc", "key"), tie("tree"), { maxKeys: 4 })),
    }));
    fc.assert(
      fc.property(tree, limits, (value, caps) => {
        const json = serialize(value, caps);
        expect(() => JSON.parse(json)).not.toThrow();
        expect(json.length).toBeLessThanOrEqual(caps.maxCaptureChars);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  // This property found the uncapped top-level BigInt (a 63-digit one gave 65 characters
  // under a 64 cap), fixed in 6f6ede1. Caps start at 64: the serializer's documented minimum.
  it("always stays within maxCaptureChars", () => {
    fc.assert(
      fc.property(anyCapturedValue, limits, (value, caps) => {
        expect(serialize(value, caps).length).toBeLessThanOrEqual(caps.maxCaptureChars);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe("tracing arbitrary values through a traced function", () => {
  it("hands the app back exactly what its function returned, and throws exactly what it threw", async () => {
    const { trace, InMemoryExporter, flushTraces } = await import("../../src/index.js");
    const memory = new InMemoryExporter();
    configure({ destination: memory, onDiagnostic: () => {} });
    const identity = trace(function identity(value: unknown) {
      return value;
    });
    const rethrow = trace(function rethrow(value: unknown): never {
      throw value;
    });
    fc.assert(
      fc.property(anyCapturedValue, (value) => {
        expect(identity(value)).toBe(value);
        let thrown: unknown = Symbol("nothing");
        try {
          rethrow(value);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBe(value);
      }),
      { numRuns: Math.min(RUNS, 500), seed: SEED },
    );
    await flushTraces();
    expect(memory.traces.length).toBeGreaterThan(0);
  });
});
