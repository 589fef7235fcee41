/**
 * Fault matrix, capture side: hostile values passed to or returned from traced functions.
 * The app must get back exactly what its function returned, the span must still be
 * exported with valid JSON, and a real failure (a throwing getter, proxy trap or toJSON)
 * is reported exactly once. Values the serializer handles by design (cycles, BigInt, huge
 * strings) are recorded with a marker and report nothing, since nothing failed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { flushTraces, getTracingStats, InMemoryExporter, reset, serialize, SpanAttributeKey, trace } from "../../src/index.js";
import { freshTracing, type DiagnosticsRecorder } from "../support/reliability-harness.js";

const LIMITS = { maxCaptureDepth: 16, maxCaptureChars: 10_000 };

let memory: InMemoryExporter;
let diagnostics: DiagnosticsRecorder;

function setUp(): void {
  memory = new InMemoryExporter();
  diagnostics = freshTracing({ destination: memory });
}

/** The captured inputs and outputs of every exported span, parsed (so they must be valid JSON). */
async function capturedSpans(): Promise<{ inputs: unknown; outputs: unknown; inputsText: string }[]> {
  await flushTraces();
  return memory.take().flatMap((t) =>
    t.spans.map((span) => {
      const inputsText = span.attributes[SpanAttributeKey.INPUTS] ?? "null";
      const outputsText = span.attributes[SpanAttributeKey.OUTPUTS] ?? "null";
      return { inputs: JSON.parse(inputsText), outputs: JSON.parse(outputsText), inputsText };
    }),
  );
}

const passThrough = trace(function passThrough(value: unknown) {
  return value;
});
const countKeys = trace(function countKeys(value: object) {
  return 3;
});

afterEach(() => reset());

function hostileProxy(): object {
  const trap = () => {
    throw new Error("proxy trap");
  };
  return new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap });
}

describe("capturing values whose reading fails", () => {
  it("a throwing getter: the app's value is unchanged and the failure is reported once", async () => {
    setUp();
    const input = {
      ok: 1,
      get secret(): string {
        throw new Error("getter exploded");
      },
    };
    expect(passThrough(input)).toBe(input);
    expect(passThrough(input)).toBe(input);
    const spans = await capturedSpans();
    expect(spans).toHaveLength(2);
    expect(spans[0]!.inputsText).toContain("getter threw");
    expect(diagnostics.withCode("serialize-getter-threw")).toHaveLength(1);
    expect(getTracingStats().diagnostics["serialize-getter-threw"]).toBeGreaterThanOrEqual(2);
  });

  it("a hostile Proxy passed as an argument: the call runs, the failure is reported once", async () => {
    setUp();
    const proxy = hostileProxy();
    expect(countKeys(proxy)).toBe(3);
    expect(countKeys(proxy)).toBe(3);
    const spans = await capturedSpans();
    expect(spans).toHaveLength(2);
    expect(spans[0]!.inputsText).toContain("Unserializable");
    expect(diagnostics.all).toHaveLength(1);
  });

  // Regression (fixed in 669fda6): the top-level `instanceof Map/Set` checks in serialize()
  // ran outside any try and hit the proxy's getPrototypeOf trap, so a traced function that
  // returned such a proxy threw the trap's error into the app and lost its trace.
  it("a hostile Proxy returned by the app comes back to the app unchanged", async () => {
    setUp();
    const proxy = hostileProxy();
    expect(passThrough(proxy)).toBe(proxy);
  });

  // The same regression, through the public serializer, which is documented never to throw.
  it("serialize() of a hostile Proxy returns a marked string instead of throwing", () => {
    expect(() => JSON.parse(serialize(hostileProxy(), LIMITS))).not.toThrow();
  });

  // A revoked proxy: any trap on it throws a TypeError.
  it("serialize() of a revoked Proxy returns a marked string instead of throwing", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => JSON.parse(serialize(proxy, LIMITS))).not.toThrow();
  });

  it("toJSON that throws: the app's value is unchanged and the failure is reported once", async () => {
    setUp();
    const input = {
      toJSON(): never {
        throw new Error("toJSON exploded");
      },
    };
    expect(passThrough(input)).toBe(input);
    expect(passThrough(input)).toBe(input);
    const spans = await capturedSpans();
    expect(spans).toHaveLength(2);
    expect(spans[0]!.inputsText).toContain("toJSON exploded");
    expect(diagnostics.withCode("serialize-failed")).toHaveLength(1);
  });
});

describe("capturing values the serializer handles by design", () => {
  it("a cycle: recorded with a [Circular] marker, the app's object unchanged, nothing reported", async () => {
    setUp();
    const node: Record<string, unknown> = { name: "root", children: [] };
    (node.children as unknown[]).push({ parent: node });
    node.self = node;
    expect(passThrough(node)).toBe(node);
    const [span] = await capturedSpans();
    expect(span!.inputsText).toContain("[Circular]");
    expect(node.self).toBe(node);
    expect(diagnostics.all).toEqual([]);
  });

  it("BigInt values: recorded as decimal strings, returned to the app as BigInt", async () => {
    setUp();
    const input = { big: 12345678901234567890n, list: [1n, -2n] };
    expect(passThrough(input)).toBe(input);
    expect(passThrough(10n ** 30n)).toBe(10n ** 30n);
    const spans = await capturedSpans();
    expect(spans[0]!.inputs).toEqual({ value: { big: "12345678901234567890", list: ["1", "-2"] } });
    expect(spans[1]!.outputs).toBe("1000000000000000000000000000000");
    expect(diagnostics.all).toEqual([]);
  });

  it("a 100 MB string: the app gets the same string back; the capture is truncated within maxCaptureChars", async () => {
    setUp();
    const huge = "x".repeat(100 * 1024 * 1024);
    expect(passThrough(huge)).toBe(huge);
    const [span] = await capturedSpans();
    const limit = getCaptureLimit();
    expect(span!.inputsText.length).toBeLessThanOrEqual(limit);
    expect(span!.inputsText).toContain("truncated");
    expect(typeof span!.outputs).toBe("string");
    expect(span!.outputs as string).toContain("truncated");
    expect(diagnostics.all).toEqual([]);
  });

  // Regression (fixed in 669fda6): a long string was cut to maxCaptureChars and then
  // JSON-quoted, overshooting the cap by 2, and by far more when the kept part needs escapes.
  it("a top-level string longer than maxCaptureChars is captured within maxCaptureChars", () => {
    expect(serialize("x".repeat(50_000), LIMITS).length).toBeLessThanOrEqual(LIMITS.maxCaptureChars);
  });

  it("a long string of characters that need escaping is captured within maxCaptureChars", () => {
    expect(serialize("\u0001".repeat(50_000), LIMITS).length).toBeLessThanOrEqual(LIMITS.maxCaptureChars);
  });

  // Regression (found by the property test, fixed in 6f6ede1): a top-level BigInt, symbol or
  // function description was JSON-quoted with no cap at all.
  it("a top-level BigInt with more digits than maxCaptureChars is captured within maxCaptureChars", () => {
    expect(serialize(10n ** 20_000n, LIMITS).length).toBeLessThanOrEqual(LIMITS.maxCaptureChars);
  });
});

/** The default capture cap (maxCaptureChars) in force after reset(). */
function getCaptureLimit(): number {
  return (globalThis as Record<symbol, { config: { maxCaptureChars: number } }>)[Symbol.for("traced.registry")]!.config.maxCaptureChars;
}
