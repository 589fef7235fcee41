/**
 * Checks traced's OTLP message definitions against OpenTelemetry's own encoder
 * (@opentelemetry/otlp-transformer, generated from the official protos): what it encodes,
 * traced's schema must decode to the same fields, and what traced encodes must read back.
 */
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { describe, expect, it } from "vitest";
import { encodeExportRequest } from "../../src/export/otlp/otlp-delivery.js";
import { buildExportRequest, JSON_WIRE } from "../../src/export/otlp/otlp-message.js";
import { toKeyValues } from "../../src/export/otlp/any-value.js";
import { decodeJsonRequest, decodeProtobufRequest } from "../support/otlp-decode.js";
import { agentTrace } from "../support/sample-traces.js";
import { Span, Trace } from "../../src/model/index.js";
import { decodeExportTraceServiceResponse } from "../../src/export/otlp/otlp-proto.js";
import { readPartialSuccess } from "../../src/export/otlp/otlp-response.js";
import { encodeExportTraceServiceResponse } from "../support/otlp-wire.js";

const TRACE_ID = "5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a";

/** A span in the shape OpenTelemetry's SDK hands its exporters, with every field set. */
function sdkSpan() {
  return {
    name: "llm-call",
    kind: 2, // SpanKind.CLIENT in the API → SPAN_KIND_CLIENT (3) on the wire
    spanContext: () => ({ traceId: TRACE_ID, spanId: "3c9a1f2e2d6b5a40", traceFlags: 1 }),
    parentSpanContext: { traceId: TRACE_ID, spanId: "81d4e6f0a2b3c597", traceFlags: 1, isRemote: false },
    startTime: [1730000000, 123456789] as [number, number],
    endTime: [1730000000, 165000000] as [number, number],
    duration: [0, 41543211] as [number, number],
    ended: true,
    attributes: {
      "mlflow.spanType": "LLM",
      "mlflow.spanInputs": { messages: [{ role: "user", content: "hi" }], n: 2 } as unknown as string,
      "mlflow.spanOutputs": ["a", 1, 2.5, true],
      count: 7,
    },
    droppedAttributesCount: 0,
    events: [{ name: "exception", time: [1730000000, 150000000] as [number, number], attributes: { "exception.type": "Error" }, droppedAttributesCount: 0 }],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 2, message: "Error: boom" },
    resource: resourceFromAttributes({ "service.name": "svc" }),
    instrumentationScope: { name: "scope-a", version: "1.2.3" },
  };
}

describe("traced's OTLP schema against OpenTelemetry's encoder", () => {
  const expected = {
    traceId: TRACE_ID,
    spanId: "3c9a1f2e2d6b5a40",
    parentSpanId: "81d4e6f0a2b3c597",
    name: "llm-call",
    kind: 3,
    startTimeUnixNano: 1730000000123456789n,
    endTimeUnixNano: 1730000000165000000n,
    attributes: {
      "mlflow.spanType": { kind: "stringValue", value: "LLM" },
      "mlflow.spanInputs": { kind: "kvlistValue", value: { messages: [{ role: "user", content: "hi" }], n: 2 } },
      "mlflow.spanOutputs": { kind: "arrayValue", value: ["a", 1, 2.5, true] },
      count: { kind: "intValue", value: 7 },
    },
    events: [{ name: "exception", timeUnixNano: 1730000000150000000n, attributes: { "exception.type": { kind: "stringValue", value: "Error" } } }],
    status: { code: 2, message: "Error: boom" },
    resource: { "service.name": "svc" },
    scope: { name: "scope-a", version: "1.2.3" },
  };

  it("decodes OpenTelemetry's protobuf encoding field by field", () => {
    const bytes = ProtobufTraceSerializer.serializeRequest([sdkSpan()] as never)!;
    expect(decodeProtobufRequest(bytes)).toEqual([expected]);
  });

  it("decodes OpenTelemetry's OTLP/JSON encoding field by field", () => {
    const bytes = JsonTraceSerializer.serializeRequest([sdkSpan()] as never)!;
    expect(decodeJsonRequest(Buffer.from(bytes).toString("utf8"))).toEqual([expected]);
  });

  it("writes OTLP/JSON with the same field names as OpenTelemetry", () => {
    const theirs = JSON.parse(Buffer.from(JsonTraceSerializer.serializeRequest([sdkSpan()] as never)!).toString("utf8"));
    const { request } = buildExportRequest([agentTrace().trace], toKeyValues({ "service.name": "svc" }), { name: "traced", version: "0" }, JSON_WIRE);
    const ours = JSON.parse(Buffer.from(encodeExportRequest(request, "http/json")).toString("utf8"));
    const keys = (value: Record<string, unknown>) => Object.keys(value).sort();
    const theirSpan = theirs.resourceSpans[0].scopeSpans[0].spans[0];
    const ourSpan = ours.resourceSpans[0].scopeSpans[0].spans[1];
    expect(keys(ours)).toEqual(keys(theirs));
    for (const key of keys(ourSpan)) expect(keys(theirSpan)).toContain(key);
    expect(ourSpan.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ourSpan.startTimeUnixNano).toMatch(/^\d+$/);
    expect(typeof theirSpan.startTimeUnixNano === "string" || typeof theirSpan.startTimeUnixNano === "number").toBe(true);
  });

  it("round-trips its own protobuf encoding", () => {
    const { trace, root } = agentTrace();
    const { request, spanCount } = buildExportRequest([trace], [], undefined);
    const spans = decodeProtobufRequest(encodeExportRequest(request, "http/protobuf"));
    expect(spans).toHaveLength(spanCount);
    expect(spans[0]!.spanId).toBe(root.spanId);
    expect(spans[0]!.startTimeUnixNano).toBe(root.startTimeNs);
    expect(spans[0]!.resource).toEqual({});
  });

  it("encodes a traced span as OpenTelemetry's encoder encodes the same span", () => {
    // traced's spans are in-process operations (INTERNAL): the SDK span says so too.
    const theirSpan = { ...sdkSpan(), kind: 0 };
    const ourSpan = new Span({
      traceId: `tr-${TRACE_ID}`,
      spanId: "3c9a1f2e2d6b5a40",
      parentId: "81d4e6f0a2b3c597",
      name: "llm-call",
      startTimeNs: 1730000000123456789n,
      endTimeNs: 1730000000165000000n,
      status: { code: "ERROR", message: "Error: boom" },
      // As traced stores them: each value as its JSON text.
      attributes: Object.fromEntries(Object.entries(theirSpan.attributes).map(([key, value]) => [key, JSON.stringify(value)])),
      events: [{ name: "exception", timeUnixNano: 1730000000150000000n, attributes: { "exception.type": "Error" } }],
    });
    const trace = new Trace({ ...agentTrace().trace.info, traceId: `tr-${TRACE_ID}` }, [ourSpan]);
    const { request } = buildExportRequest([trace], toKeyValues({ "service.name": "svc" }), { name: "scope-a", version: "1.2.3" });
    const ours = decodeProtobufRequest(encodeExportRequest(request, "http/protobuf"));
    const theirs = decodeProtobufRequest(ProtobufTraceSerializer.serializeRequest([theirSpan] as never)!);
    expect(theirs[0]!.kind).toBe(1);
    expect(ours).toEqual(theirs);
  });

  it("writes 64-bit times and ids exactly, at the edges of their ranges", () => {
    const max = 2n ** 64n - 1n;
    const span = new Span({
      traceId: `tr-${"f".repeat(32)}`,
      spanId: "ffffffffffffffff",
      parentId: null,
      name: "",
      startTimeNs: max,
      endTimeNs: 0n,
      status: { code: "UNSET", message: "" },
      attributes: { big: String(Number.MAX_SAFE_INTEGER), negative: "-1", empty: '""', nothing: "null" },
      events: [],
    });
    const { request } = buildExportRequest([new Trace({ ...agentTrace().trace.info, traceId: span.traceId }, [span])], [], undefined);
    const [decoded] = decodeProtobufRequest(encodeExportRequest(request, "http/protobuf"));
    expect(decoded).toMatchObject({ traceId: "f".repeat(32), spanId: "f".repeat(16), parentSpanId: "", name: "", startTimeUnixNano: max, endTimeUnixNano: 0n });
    expect(decoded!.attributes).toEqual({
      big: { kind: "intValue", value: Number.MAX_SAFE_INTEGER },
      negative: { kind: "intValue", value: -1 },
      // An empty string is still a string value; JSON null is an empty AnyValue.
      empty: { kind: "stringValue", value: "" },
      nothing: { kind: "empty", value: null },
    });
  });

  it("reads a reply's partial success, and skips fields it does not know", () => {
    const reply = encodeExportTraceServiceResponse({ rejectedSpans: 3, errorMessage: "too old" });
    expect(decodeExportTraceServiceResponse(reply)).toEqual({ partialSuccess: { rejectedSpans: 3, errorMessage: "too old" } });
    // Field 9 (unknown, a string) before the known one must be skipped, not misread.
    const withUnknown = Buffer.concat([Buffer.from([0x4a, 0x02, 0x68, 0x69]), reply]);
    expect(readPartialSuccess(withUnknown)).toEqual({ rejectedSpans: 3, errorMessage: "too old" });
    expect(readPartialSuccess(Buffer.from(encodeExportTraceServiceResponse()))).toBeUndefined();
    expect(readPartialSuccess(Buffer.from([0x0a, 0x7f]))).toBeUndefined();
  });
});
