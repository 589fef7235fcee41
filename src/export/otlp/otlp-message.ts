/**
 * Finished traced spans as OTLP `ExportTraceServiceRequest` message objects, ready for the
 * protobuf encoder (otlp-proto.ts) or, built with `JSON_WIRE`, for `JSON.stringify` as OTLP/JSON.
 */
import { otelTraceIdOf } from "../../model/ids.js";
import { type Span, type SpanEvent } from "../../model/span.js";
import { SpanStatusCode } from "../../model/status.js";
import { type Trace } from "../../model/trace.js";
import { jsonTextAttributesToKeyValues, toKeyValues, type OtlpKeyValue } from "./any-value.js";
import { OtlpSpanKind, OtlpStatusCode } from "./otlp-enums.js";

/**
 * How ids and times are written, by wire format. Protobuf takes bytes and 64-bit integers;
 * OTLP/JSON wants hex ids (not protobuf JSON's base64) and decimal-string nanoseconds.
 */
export interface WireFormat {
  id(hex: string): Bytes;
  time(ns: bigint): Nanos;
}

export type Bytes = Uint8Array | string;
export type Nanos = bigint | string;

export const PROTOBUF_WIRE: WireFormat = {
  // Small Buffers come from Node's shared pool, cheaper than a typed array each.
  id: (hex) => Buffer.from(hex, "hex"),
  time: (ns) => ns,
};

export const JSON_WIRE: WireFormat = {
  id: (hex) => hex,
  time: (ns) => ns.toString(),
};

export interface OtlpEvent {
  timeUnixNano: Nanos;
  name: string;
  attributes: OtlpKeyValue[];
}

export interface OtlpSpan {
  traceId: Bytes;
  spanId: Bytes;
  parentSpanId: Bytes | undefined;
  name: string;
  kind: number;
  startTimeUnixNano: Nanos;
  endTimeUnixNano: Nanos | undefined;
  attributes: OtlpKeyValue[];
  events: OtlpEvent[];
  status: { code: number; message: string | undefined };
}

export interface OtlpScope {
  name: string;
  version: string;
}

export interface OtlpExportRequest {
  resourceSpans: Array<{
    resource: { attributes: OtlpKeyValue[] };
    scopeSpans: Array<{ scope: OtlpScope | undefined; spans: OtlpSpan[] }>;
  }>;
}

const STATUS_CODES: Record<SpanStatusCode, number> = {
  [SpanStatusCode.UNSET]: OtlpStatusCode.UNSET,
  [SpanStatusCode.OK]: OtlpStatusCode.OK,
  [SpanStatusCode.ERROR]: OtlpStatusCode.ERROR,
};

function eventToOtlp(event: SpanEvent, wire: WireFormat): OtlpEvent {
  // Event attributes are stored as plain values already (MLflow does not JSON-encode them).
  return { timeUnixNano: wire.time(event.timeUnixNano), name: event.name, attributes: toKeyValues(event.attributes) };
}

/** One span; `traceId` bytes are shared by the spans of a trace. */
export function spanToOtlp(span: Span, traceId: Bytes, wire: WireFormat): OtlpSpan {
  return {
    traceId,
    spanId: wire.id(span.spanId),
    parentSpanId: span.parentId === null ? undefined : wire.id(span.parentId),
    name: span.name,
    // MLflow's spans are in-process operations: OTel's INTERNAL kind.
    kind: OtlpSpanKind.INTERNAL,
    startTimeUnixNano: wire.time(span.startTimeNs),
    endTimeUnixNano: span.endTimeNs === null ? undefined : wire.time(span.endTimeNs),
    attributes: jsonTextAttributesToKeyValues(span.attributes),
    events: span.events.length === 0 ? [] : span.events.map((event) => eventToOtlp(event, wire)),
    status: { code: STATUS_CODES[span.status.code] ?? OtlpStatusCode.UNSET, message: span.status.message || undefined },
  };
}

/** Every span of the traces, under one resource and scope. */
export function buildExportRequest(
  traces: readonly Trace[],
  resourceAttributes: OtlpKeyValue[],
  scope: OtlpScope | undefined,
  wire: WireFormat = PROTOBUF_WIRE,
): { request: OtlpExportRequest; spanCount: number } {
  const spans: OtlpSpan[] = [];
  for (const trace of traces) {
    const traceId = wire.id(otelTraceIdOf(trace.traceId));
    for (const span of trace.spans) spans.push(spanToOtlp(span, traceId, wire));
  }
  const request: OtlpExportRequest = {
    resourceSpans: [{ resource: { attributes: resourceAttributes }, scopeSpans: [{ scope, spans }] }],
  };
  return { request, spanCount: spans.length };
}
