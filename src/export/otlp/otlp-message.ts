/**
 * Finished traced spans as OTLP `ExportTraceServiceRequest` message objects. The same
 * objects feed the protobuf encoder and `JSON.stringify` for OTLP/JSON: ids and times carry
 * a `toJSON` giving the OTLP/JSON spelling (hex ids, decimal-string nanoseconds).
 */
import { otelTraceIdOf } from "../../model/ids.js";
import { type Span, type SpanEvent } from "../../model/span.js";
import { SpanStatusCode } from "../../model/status.js";
import { type Trace } from "../../model/trace.js";
import { jsonTextAttributesToKeyValues, toKeyValues, type OtlpKeyValue } from "./any-value.js";
import { OtlpSpanKind, OtlpStatusCode } from "./otlp-proto.js";

/** A trace or span id as bytes; OTLP/JSON writes ids as hex, not base64. */
export class OtlpId extends Uint8Array {
  static fromHex(hex: string): OtlpId {
    const id = new OtlpId(hex.length >>> 1);
    Buffer.from(id.buffer, id.byteOffset, id.length).write(hex, "hex");
    return id;
  }

  toJSON(): string {
    return Buffer.from(this.buffer, this.byteOffset, this.length).toString("hex");
  }
}

const LOW_32 = 0xffffffffn;

/** A fixed64 nanosecond time as protobufjs takes it (low and high words); JSON gets its digits. */
export class Fixed64 {
  readonly low: number;
  readonly high: number;

  constructor(value: bigint) {
    this.low = Number(value & LOW_32);
    this.high = Number((value >> 32n) & LOW_32);
  }

  toJSON(): string {
    return ((BigInt(this.high >>> 0) << 32n) | BigInt(this.low >>> 0)).toString();
  }
}

export interface OtlpEvent {
  timeUnixNano: Fixed64;
  name: string;
  attributes: OtlpKeyValue[];
}

export interface OtlpSpan {
  traceId: OtlpId;
  spanId: OtlpId;
  parentSpanId: OtlpId | undefined;
  name: string;
  kind: number;
  startTimeUnixNano: Fixed64;
  endTimeUnixNano: Fixed64 | undefined;
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

function eventToOtlp(event: SpanEvent): OtlpEvent {
  // Event attributes are stored as plain values already (MLflow does not JSON-encode them).
  return { timeUnixNano: new Fixed64(event.timeUnixNano), name: event.name, attributes: toKeyValues(event.attributes) };
}

/** One span; `traceId` bytes are shared by the spans of a trace. */
export function spanToOtlp(span: Span, traceId: OtlpId): OtlpSpan {
  return {
    traceId,
    spanId: OtlpId.fromHex(span.spanId),
    parentSpanId: span.parentId === null ? undefined : OtlpId.fromHex(span.parentId),
    name: span.name,
    // MLflow's spans are in-process operations: OTel's INTERNAL kind.
    kind: OtlpSpanKind.INTERNAL,
    startTimeUnixNano: new Fixed64(span.startTimeNs),
    endTimeUnixNano: span.endTimeNs === null ? undefined : new Fixed64(span.endTimeNs),
    attributes: jsonTextAttributesToKeyValues(span.attributes),
    events: span.events.length === 0 ? [] : span.events.map(eventToOtlp),
    status: { code: STATUS_CODES[span.status.code] ?? OtlpStatusCode.UNSET, message: span.status.message || undefined },
  };
}

/** Every span of the traces, under one resource and scope. */
export function buildExportRequest(
  traces: readonly Trace[],
  resourceAttributes: OtlpKeyValue[],
  scope: OtlpScope | undefined,
): { request: OtlpExportRequest; spanCount: number } {
  const spans: OtlpSpan[] = [];
  for (const trace of traces) {
    const traceId = OtlpId.fromHex(otelTraceIdOf(trace.traceId));
    for (const span of trace.spans) spans.push(spanToOtlp(span, traceId));
  }
  const request: OtlpExportRequest = {
    resourceSpans: [{ resource: { attributes: resourceAttributes }, scopeSpans: [{ scope, spans }] }],
  };
  return { request, spanCount: spans.length };
}
