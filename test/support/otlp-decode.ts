/**
 * Decodes OTLP/HTTP trace export bodies the way a receiver does (protobuf with the OTLP
 * message definitions; OTLP/JSON with hex ids) into plain spans for field-by-field asserts.
 * Each attribute keeps the name of the AnyValue field it came in, so tests can check that
 * inputs travel as a kvlist and numbers as numbers.
 */
import { decodeExportTraceServiceRequest, type Message } from "./otlp-wire.js";

export type AnyValueKind = "stringValue" | "boolValue" | "intValue" | "doubleValue" | "arrayValue" | "kvlistValue" | "bytesValue" | "empty";

export interface DecodedAttribute {
  kind: AnyValueKind;
  value: unknown;
}

export interface DecodedEvent {
  name: string;
  timeUnixNano: bigint;
  attributes: Record<string, DecodedAttribute>;
}

export interface DecodedSpan {
  traceId: string;
  spanId: string;
  /** "" for a root span. */
  parentSpanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Record<string, DecodedAttribute>;
  events: DecodedEvent[];
  status: { code: number; message: string };
  resource: Record<string, unknown>;
  scope: { name: string; version: string } | undefined;
}

export class OtlpDecodeError extends Error {}

export function decodeProtobufRequest(body: Uint8Array): DecodedSpan[] {
  let message: Message;
  try {
    message = decodeExportTraceServiceRequest(body);
  } catch (error) {
    throw new OtlpDecodeError(`not an ExportTraceServiceRequest: ${(error as Error).message}`);
  }
  return spansOf(message);
}

const HEX = /^[0-9a-fA-F]*$/;

/** OTLP/JSON: ids must be hex (not base64), 64-bit integers may be strings. */
export function decodeJsonRequest(text: string): DecodedSpan[] {
  let json: Message;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(`not JSON: ${(error as Error).message}`);
  }
  for (const resourceSpans of json.resourceSpans ?? []) {
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        for (const key of ["traceId", "spanId", "parentSpanId"]) {
          if (span[key] === undefined) continue;
          if (typeof span[key] !== "string" || !HEX.test(span[key])) throw new OtlpDecodeError(`${key} is not hex: ${span[key]}`);
          span[key] = Buffer.from(span[key], "hex");
        }
      }
    }
  }
  return spansOf(json);
}

function spansOf(message: Message): DecodedSpan[] {
  const spans: DecodedSpan[] = [];
  for (const resourceSpans of message.resourceSpans ?? []) {
    const resource = plainAttributes(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      const scope = scopeSpans.scope ? { name: scopeSpans.scope.name ?? "", version: scopeSpans.scope.version ?? "" } : undefined;
      for (const span of scopeSpans.spans ?? []) {
        spans.push({
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: hex(span.parentSpanId),
          name: span.name ?? "",
          kind: span.kind ?? 0,
          startTimeUnixNano: nanos(span.startTimeUnixNano),
          endTimeUnixNano: nanos(span.endTimeUnixNano),
          attributes: attributes(span.attributes),
          events: (span.events ?? []).map((event: Message) => ({
            name: event.name ?? "",
            timeUnixNano: nanos(event.timeUnixNano),
            attributes: attributes(event.attributes),
          })),
          status: { code: span.status?.code ?? 0, message: span.status?.message ?? "" },
          resource,
          scope,
        });
      }
    }
  }
  return spans;
}

function hex(bytes: Uint8Array | undefined): string {
  return bytes && bytes.length ? Buffer.from(bytes).toString("hex") : "";
}

function nanos(value: unknown): bigint {
  return value === undefined || value === null ? 0n : BigInt(String(value));
}

function attributes(list: Message[] | undefined): Record<string, DecodedAttribute> {
  const result: Record<string, DecodedAttribute> = {};
  for (const kv of list ?? []) result[kv.key] = anyValue(kv.value);
  return result;
}

function plainAttributes(list: Message[] | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const kv of list ?? []) result[kv.key] = anyValue(kv.value).value;
  return result;
}

const KINDS: AnyValueKind[] = ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"];

/** An AnyValue as a plain value, as MLflow's server decodes it before storing. */
export function anyValue(value: Message | undefined): DecodedAttribute {
  const kind = KINDS.find((name) => value && Object.prototype.hasOwnProperty.call(value, name) && value[name] !== null && value[name] !== undefined);
  if (!kind || !value) return { kind: "empty", value: null };
  const raw = value[kind];
  switch (kind) {
    case "intValue":
      return { kind, value: Number(String(raw)) };
    case "arrayValue":
      return { kind, value: (raw.values ?? []).map((item: Message) => anyValue(item).value) };
    case "kvlistValue":
      return { kind, value: Object.fromEntries((raw.values ?? []).map((kv: Message) => [kv.key, anyValue(kv.value).value])) };
    default:
      return { kind, value: raw };
  }
}
