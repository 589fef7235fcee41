/**
 * A table-driven reader of OTLP's trace export request (and writer of its reply) for the
 * test receiver, written apart from traced's encoder (src/export/otlp/otlp-proto.ts) so that
 * one checks the other: each message is a table of field numbers, names and types as in
 * opentelemetry-proto, and one generic loop reads any of them. Unknown fields are skipped,
 * a wire type that contradicts the table is an error.
 */
import { BinaryReader, BinaryWriter, WireType } from "@bufbuild/protobuf/wire";

type Scalar = "string" | "bytes" | "bool" | "int64" | "uint32" | "int32" | "fixed64" | "fixed32" | "double";
/** `type` is a scalar type or the name of a message in MESSAGES. */
interface FieldSpec {
  name: string;
  type: string;
  repeated?: true;
}

const f = (name: string, type: string, repeated?: "repeated"): FieldSpec => (repeated ? { name, type, repeated: true } : { name, type });

const MESSAGES = {
  ExportTraceServiceRequest: { 1: f("resourceSpans", "ResourceSpans", "repeated") },
  ResourceSpans: { 1: f("resource", "Resource"), 2: f("scopeSpans", "ScopeSpans", "repeated"), 3: f("schemaUrl", "string") },
  Resource: { 1: f("attributes", "KeyValue", "repeated"), 2: f("droppedAttributesCount", "uint32") },
  ScopeSpans: { 1: f("scope", "InstrumentationScope"), 2: f("spans", "Span", "repeated"), 3: f("schemaUrl", "string") },
  InstrumentationScope: { 1: f("name", "string"), 2: f("version", "string"), 3: f("attributes", "KeyValue", "repeated"), 4: f("droppedAttributesCount", "uint32") },
  Span: {
    1: f("traceId", "bytes"), 2: f("spanId", "bytes"), 3: f("traceState", "string"), 4: f("parentSpanId", "bytes"), 16: f("flags", "fixed32"),
    5: f("name", "string"), 6: f("kind", "int32"), 7: f("startTimeUnixNano", "fixed64"), 8: f("endTimeUnixNano", "fixed64"),
    9: f("attributes", "KeyValue", "repeated"), 10: f("droppedAttributesCount", "uint32"), 11: f("events", "Event", "repeated"),
    12: f("droppedEventsCount", "uint32"), 13: f("links", "Link", "repeated"), 14: f("droppedLinksCount", "uint32"), 15: f("status", "Status"),
  },
  Event: { 1: f("timeUnixNano", "fixed64"), 2: f("name", "string"), 3: f("attributes", "KeyValue", "repeated"), 4: f("droppedAttributesCount", "uint32") },
  Link: { 1: f("traceId", "bytes"), 2: f("spanId", "bytes"), 3: f("traceState", "string"), 4: f("attributes", "KeyValue", "repeated"), 5: f("droppedAttributesCount", "uint32"), 6: f("flags", "fixed32") },
  Status: { 2: f("message", "string"), 3: f("code", "int32") },
  KeyValue: { 1: f("key", "string"), 2: f("value", "AnyValue") },
  AnyValue: {
    1: f("stringValue", "string"), 2: f("boolValue", "bool"), 3: f("intValue", "int64"), 4: f("doubleValue", "double"),
    5: f("arrayValue", "ArrayValue"), 6: f("kvlistValue", "KeyValueList"), 7: f("bytesValue", "bytes"),
  },
  ArrayValue: { 1: f("values", "AnyValue", "repeated") },
  KeyValueList: { 1: f("values", "KeyValue", "repeated") },
};
type MessageName = keyof typeof MESSAGES;

const WIRE: Record<Scalar, WireType> = {
  string: WireType.LengthDelimited, bytes: WireType.LengthDelimited, bool: WireType.Varint, int64: WireType.Varint,
  uint32: WireType.Varint, int32: WireType.Varint, fixed64: WireType.Bit64, fixed32: WireType.Bit32, double: WireType.Bit64,
};

export type Message = Record<string, any>;

export function decodeExportTraceServiceRequest(bytes: Uint8Array): Message {
  return decodeMessage(new BinaryReader(bytes), "ExportTraceServiceRequest");
}

function decodeMessage(reader: BinaryReader, name: MessageName): Message {
  const fields = MESSAGES[name] as Record<number, FieldSpec>;
  const message: Message = {};
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    const spec = fields[fieldNo];
    if (!spec) {
      reader.skip(wireType, fieldNo);
      continue;
    }
    const expected = spec.type in WIRE ? WIRE[spec.type as Scalar] : WireType.LengthDelimited;
    if (wireType !== expected) throw new Error(`${name}.${spec.name} (field ${fieldNo}) came with wire type ${wireType}, expected ${expected}`);
    const value = spec.type in WIRE ? readScalar(reader, spec.type as Scalar) : decodeMessage(new BinaryReader(reader.bytes()), spec.type as MessageName);
    if (spec.repeated) (message[spec.name] ??= []).push(value);
    else message[spec.name] = value;
  }
  return message;
}

function readScalar(reader: BinaryReader, type: Scalar): unknown {
  switch (type) {
    case "string": return reader.string();
    case "bytes": return reader.bytes();
    case "bool": return reader.bool();
    case "int64": return BigInt(reader.int64());
    case "uint32": return reader.uint32();
    case "int32": return reader.int32();
    case "fixed64": return BigInt(reader.fixed64());
    case "fixed32": return reader.fixed32();
    case "double": return reader.double();
  }
}

/** `ExportTraceServiceResponse`, with `partial_success` when given. */
export function encodeExportTraceServiceResponse(partialSuccess?: { rejectedSpans: number; errorMessage: string }): Uint8Array {
  const writer = new BinaryWriter();
  if (partialSuccess) {
    writer.tag(1, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.Varint).int64(partialSuccess.rejectedSpans);
    writer.tag(2, WireType.LengthDelimited).string(partialSuccess.errorMessage);
    writer.join();
  }
  return writer.finish();
}
