import { describe, expect, it } from "vitest";
import { jsonTextAttributesToKeyValues, toAnyValue } from "../../src/export/otlp/any-value.js";

describe("OTLP AnyValue conversion", () => {
  it("keeps each value's kind: integers, doubles, booleans, strings, null", () => {
    expect(toAnyValue(42)).toEqual({ intValue: 42 });
    expect(toAnyValue(-7)).toEqual({ intValue: -7 });
    expect(toAnyValue(0.5)).toEqual({ doubleValue: 0.5 });
    expect(toAnyValue(2 ** 60)).toEqual({ doubleValue: 2 ** 60 });
    expect(toAnyValue(true)).toEqual({ boolValue: true });
    expect(toAnyValue("x")).toEqual({ stringValue: "x" });
    expect(toAnyValue(null)).toEqual({});
    expect(toAnyValue(12345678901234567890n)).toEqual({ stringValue: "12345678901234567890" });
  });

  it("nests objects as key-value lists and arrays as arrays", () => {
    expect(toAnyValue({ a: [1, "b"], c: { d: null } })).toEqual({
      kvlistValue: {
        values: [
          { key: "a", value: { arrayValue: { values: [{ intValue: 1 }, { stringValue: "b" }] } } },
          { key: "c", value: { kvlistValue: { values: [{ key: "d", value: {} }] } } },
        ],
      },
    });
  });

  it("decodes stored JSON text once, and sends text that is not JSON as a string", () => {
    expect(jsonTextAttributesToKeyValues({ type: '"LLM"', n: "3", inputs: '{"q":"hi"}', raw: "not json" })).toEqual([
      { key: "type", value: { stringValue: "LLM" } },
      { key: "n", value: { intValue: 3 } },
      { key: "inputs", value: { kvlistValue: { values: [{ key: "q", value: { stringValue: "hi" } }] } } },
      { key: "raw", value: { stringValue: "not json" } },
    ]);
  });
});
