/**
 * OTLP's trace export messages in protobuf's binary format, written and read with
 * @bufbuild/protobuf's wire primitives (no install script, no generated code, no descriptor
 * parsed at load). Field numbers and types follow the official definitions in
 * open-telemetry/opentelemetry-proto (collector/trace/v1, trace/v1, common/v1, resource/v1);
 * only the fields a trace export sets are written, and a reader skips the fields it does
 * not know, as protobuf requires.
 */
import { BinaryReader, BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import type { OtlpAnyValue, OtlpKeyValue } from "./any-value.js";
import type { OtlpEvent, OtlpExportRequest, OtlpScope, OtlpSpan } from "./otlp-message.js";
import { provideOtlpProto } from "./otlp-proto-loader.js";

export { OtlpSpanKind, OtlpStatusCode } from "./otlp-enums.js";

const { Varint, Bit64, LengthDelimited } = WireType;

/** `ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }` */
export function encodeExportTraceServiceRequest(request: OtlpExportRequest): Uint8Array {
  const w = new BinaryWriter();
  for (const resourceSpans of request.resourceSpans) {
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    w.tag(1, LengthDelimited).fork();
    w.tag(1, LengthDelimited).fork(); // Resource { repeated KeyValue attributes = 1; }
    writeKeyValues(w, 1, resourceSpans.resource.attributes);
    w.join();
    for (const scopeSpans of resourceSpans.scopeSpans) {
      // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
      w.tag(2, LengthDelimited).fork();
      if (scopeSpans.scope) writeScope(w, scopeSpans.scope);
      for (const span of scopeSpans.spans) writeSpan(w, span);
      w.join();
    }
    w.join();
  }
  return w.finish();
}

function writeScope(w: BinaryWriter, scope: OtlpScope): void {
  // InstrumentationScope { string name = 1; string version = 2; }
  w.tag(1, LengthDelimited).fork();
  w.tag(1, LengthDelimited).string(scope.name);
  w.tag(2, LengthDelimited).string(scope.version);
  w.join();
}

function bytesOf(id: Uint8Array | string): Uint8Array {
  return typeof id === "string" ? Buffer.from(id, "hex") : id;
}

function nanosOf(time: bigint | string): bigint {
  return typeof time === "bigint" ? time : BigInt(time);
}

/**
 * Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5;
 * SpanKind kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
 * repeated KeyValue attributes = 9; repeated Event events = 11; Status status = 15; }
 */
function writeSpan(w: BinaryWriter, span: OtlpSpan): void {
  w.tag(2, LengthDelimited).fork();
  w.tag(1, LengthDelimited).bytes(bytesOf(span.traceId));
  w.tag(2, LengthDelimited).bytes(bytesOf(span.spanId));
  if (span.parentSpanId !== undefined) w.tag(4, LengthDelimited).bytes(bytesOf(span.parentSpanId));
  w.tag(5, LengthDelimited).string(span.name);
  w.tag(6, Varint).int32(span.kind);
  w.tag(7, Bit64).fixed64(nanosOf(span.startTimeUnixNano));
  if (span.endTimeUnixNano !== undefined) w.tag(8, Bit64).fixed64(nanosOf(span.endTimeUnixNano));
  writeKeyValues(w, 9, span.attributes);
  for (const event of span.events) writeEvent(w, event);
  // Status { string message = 2; StatusCode code = 3; }
  w.tag(15, LengthDelimited).fork();
  if (span.status.message !== undefined) w.tag(2, LengthDelimited).string(span.status.message);
  w.tag(3, Varint).int32(span.status.code);
  w.join();
  w.join();
}

/** Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; } */
function writeEvent(w: BinaryWriter, event: OtlpEvent): void {
  w.tag(11, LengthDelimited).fork();
  w.tag(1, Bit64).fixed64(nanosOf(event.timeUnixNano));
  w.tag(2, LengthDelimited).string(event.name);
  writeKeyValues(w, 3, event.attributes);
  w.join();
}

/** KeyValue { string key = 1; AnyValue value = 2; }, each as field `fieldNo` of the enclosing message. */
function writeKeyValues(w: BinaryWriter, fieldNo: number, list: readonly OtlpKeyValue[]): void {
  for (const { key, value } of list) {
    w.tag(fieldNo, LengthDelimited).fork();
    w.tag(1, LengthDelimited).string(key);
    w.tag(2, LengthDelimited).fork();
    writeAnyValue(w, value);
    w.join();
    w.join();
  }
}

/**
 * AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3;
 * double double_value = 4; ArrayValue array_value = 5; KeyValueList kvlist_value = 6; } }
 * The set member is written even when it holds its default ("" or 0): that is what tells
 * an empty string from an empty value. No member set is an empty value (JSON null).
 */
function writeAnyValue(w: BinaryWriter, value: OtlpAnyValue): void {
  if (value.stringValue !== undefined) w.tag(1, LengthDelimited).string(value.stringValue);
  else if (value.boolValue !== undefined) w.tag(2, Varint).bool(value.boolValue);
  else if (value.intValue !== undefined) w.tag(3, Varint).int64(value.intValue);
  else if (value.doubleValue !== undefined) w.tag(4, Bit64).double(value.doubleValue);
  else if (value.arrayValue !== undefined) {
    // ArrayValue { repeated AnyValue values = 1; }
    w.tag(5, LengthDelimited).fork();
    for (const item of value.arrayValue.values) {
      w.tag(1, LengthDelimited).fork();
      writeAnyValue(w, item);
      w.join();
    }
    w.join();
  } else if (value.kvlistValue !== undefined) {
    // KeyValueList { repeated KeyValue values = 1; }
    w.tag(6, LengthDelimited).fork();
    writeKeyValues(w, 1, value.kvlistValue.values);
    w.join();
  }
}

export interface ExportTraceServiceResponse {
  partialSuccess?: { rejectedSpans: number; errorMessage: string };
}

/**
 * `ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }` with
 * `ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }`.
 * Throws on bytes that are not a protobuf message.
 */
export function decodeExportTraceServiceResponse(bytes: Uint8Array): ExportTraceServiceResponse {
  const reader = new BinaryReader(bytes);
  const response: ExportTraceServiceResponse = {};
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    if (fieldNo === 1 && wireType === LengthDelimited) response.partialSuccess = decodePartialSuccess(reader.bytes());
    else reader.skip(wireType, fieldNo);
  }
  return response;
}

function decodePartialSuccess(bytes: Uint8Array): { rejectedSpans: number; errorMessage: string } {
  const reader = new BinaryReader(bytes);
  const partial = { rejectedSpans: 0, errorMessage: "" };
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    if (fieldNo === 1 && wireType === Varint) partial.rejectedSpans = Number(reader.int64());
    else if (fieldNo === 2 && wireType === LengthDelimited) partial.errorMessage = reader.string();
    else reader.skip(wireType, fieldNo);
  }
  return partial;
}

provideOtlpProto({ encodeExportTraceServiceRequest, decodeExportTraceServiceResponse });
