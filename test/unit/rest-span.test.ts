/**
 * spanFromRest: a span of a `traces/get` reply (OpenTelemetry's protobuf Span in JSON) as a
 * traced span, in either of protobuf's JSON namings, each attribute decoded and encoded once.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TraceFormatError } from "../../src/model/mlflow-json.js";
import { hexToBase64 } from "../../src/model/ids.js";
import { spanFromRest } from "../../src/query/remote/rest-span.js";

const TRACE_ID = "tr-" + "ab".repeat(16);
const SPAN = "0123456789abcdef";
const PARENT = "fedcba9876543210";

describe("spanFromRest", () => {
  it("reads protobuf field names: base64 ids, string nanoseconds, AnyValue attributes as JSON text", () => {
    const span = spanFromRest(
      {
        span_id: hexToBase64(SPAN),
        parent_span_id: hexToBase64(PARENT),
        name: "llm",
        start_time_unix_nano: "1730000000123456789",
        end_time_unix_nano: "1730000000223456789",
        status: { code: "STATUS_CODE_ERROR", message: "boom" },
        attributes: [
          { key: "mlflow.spanType", value: { string_value: "LLM" } },
          { key: "count", value: { int_value: "12" } },
          { key: "ratio", value: { double_value: 0.5 } },
          { key: "ok", value: { bool_value: true } },
          { key: "mlflow.spanInputs", value: { kvlist_value: { values: [{ key: "q", value: { array_value: { values: [{ string_value: "a" }, { int_value: 2 }] } } }] } } },
          { key: "empty", value: {} },
        ],
        events: [{ name: "exception", time_unix_nano: "1730000000200000000", attributes: [{ key: "exception.message", value: { string_value: "boom" } }] }],
      },
      TRACE_ID,
      0,
    );
    expect(span.traceId).toBe(TRACE_ID);
    expect(span.spanId).toBe(SPAN);
    expect(span.parentId).toBe(PARENT);
    expect(span.name).toBe("llm");
    expect(span.startTimeNs).toBe(1730000000123456789n);
    expect(span.endTimeNs).toBe(1730000000223456789n);
    expect(span.status).toEqual({ code: "ERROR", message: "boom" });
    expect(span.attributes).toEqual({
      "mlflow.spanType": '"LLM"',
      count: "12",
      ratio: "0.5",
      ok: "true",
      "mlflow.spanInputs": '{"q":["a",2]}',
      empty: "null",
    });
    expect(span.spanType).toBe("LLM");
    expect(span.inputs).toEqual({ q: ["a", 2] });
    expect(span.events).toEqual([{ name: "exception", timeUnixNano: 1730000000200000000n, attributes: { "exception.message": "boom" } }]);
  });

  it("reads lowerCamelCase names, numeric status codes, hex ids, a root's empty parent and an unfinished span", () => {
    const span = spanFromRest(
      {
        spanId: SPAN.toUpperCase(),
        parentSpanId: "",
        name: "root",
        startTimeUnixNano: 1_000,
        status: { code: 1 },
        attributes: [{ key: "n", value: { intValue: 3 } }, { key: "xs", value: { arrayValue: { values: [{ boolValue: false }] } } }],
        events: [{ name: "e", timeUnixNano: "5", attributes: [] }],
      },
      TRACE_ID,
      0,
    );
    expect(span.spanId).toBe(SPAN);
    expect(span.parentId).toBeNull();
    expect(span.startTimeNs).toBe(1000n);
    expect(span.endTimeNs).toBeNull();
    expect(span.status).toEqual({ code: "OK", message: "" });
    expect(span.attributes).toEqual({ n: "3", xs: "[false]" });
    expect(span.events).toEqual([{ name: "e", timeUnixNano: 5n, attributes: {} }]);
  });

  it("takes attributes already given as a plain map, and keeps a key named __proto__ as data", () => {
    const raw = JSON.parse(`{"span_id":"${SPAN}","start_time_unix_nano":"1","attributes":[{"key":"__proto__","value":{"string_value":"x"}}]}`);
    const span = spanFromRest(raw, TRACE_ID, 0);
    expect(Object.keys(span.attributes)).toEqual(["__proto__"]);
    expect(span.getAttribute("__proto__")).toBe("x");
    expect(Object.getPrototypeOf(span.attributes)).toBe(Object.prototype);

    const plain = spanFromRest({ span_id: SPAN, start_time_unix_nano: "1", attributes: { a: { b: 1 }, s: "text" } }, TRACE_ID, 0);
    expect(plain.attributes).toEqual({ a: '{"b":1}', s: '"text"' });
  });

  it("decodes every 8-byte id as Node's base64 decoder does (standard and URL-safe alphabets)", () => {
    for (let i = 0; i < 2000; i++) {
      const bytes = createHash("sha256").update(String(i)).digest().subarray(0, 8);
      const base64 = i % 2 ? bytes.toString("base64") : bytes.toString("base64url") + "=";
      expect(spanFromRest({ span_id: base64, start_time_unix_nano: "1" }, TRACE_ID, 0).spanId).toBe(bytes.toString("hex"));
    }
    // Unpadded and hex forms go through the general path.
    expect(spanFromRest({ span_id: hexToBase64(SPAN).replace(/=$/, ""), start_time_unix_nano: "1" }, TRACE_ID, 0).spanId).toBe(SPAN);
  });

  it("names the span and the field that cannot be read", () => {
    const read = (raw: unknown, index = 3) => () => spanFromRest(raw, TRACE_ID, index);
    expect(read("x")).toThrow(new TraceFormatError("trace.spans[3] is not an object"));
    expect(read({ start_time_unix_nano: "1" })).toThrow(new TraceFormatError("trace.spans[3].span_id is missing"));
    expect(read({ span_id: SPAN })).toThrow(new TraceFormatError("trace.spans[3].start_time_unix_nano is missing"));
    expect(read({ span_id: "AAAA", start_time_unix_nano: "1" })).toThrow(new TraceFormatError('Not a span-level id: "AAAA"'));
    expect(read({ span_id: SPAN, start_time_unix_nano: "1.5" })).toThrow(/trace\.spans\[3\]\.start_time_unix_nano is not an integer nanosecond time: "1\.5"/);
    expect(read({ span_id: SPAN, start_time_unix_nano: "1", events: [{ time_unix_nano: "soon" }] })).toThrow(/trace\.spans\[3\]\.events\[0\]\.time_unix_nano is not an integer/);
  });
});
