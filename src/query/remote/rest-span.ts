/**
 * Spans as MLflow's REST API returns them (`traces/get`): OpenTelemetry's protobuf Span in
 * JSON form, ids in base64, nanosecond times as decimal strings, attributes as a list of
 * key/AnyValue pairs holding decoded values. Each becomes a traced span (attributes as JSON
 * text) in one pass: every value is decoded and encoded once, which matters on a search page
 * of hundreds of spans.
 */
import { TraceFormatError } from "../../model/mlflow-json.js";
import { base64ToHex, TRACE_ID_PREFIX } from "../../model/ids.js";
import { Span, type EventAttributeValue, type SpanEvent } from "../../model/span.js";
import { statusCodeFromJson } from "../../model/status.js";

type Json = Record<string, unknown>;

const STATUS_CODES: Record<string, string> = { "0": "STATUS_CODE_UNSET", "1": "STATUS_CODE_OK", "2": "STATUS_CODE_ERROR" };
const HEX_SPAN_ID = /^[0-9a-f]{16}$/i;

type ValueKind = "string" | "bool" | "int" | "double" | "array" | "kvlist" | "bytes";
/** AnyValue's fields by their protobuf name, lowerCamelCase JSON name, or bare kind. */
const VALUE_KINDS = new Map<string, ValueKind>(
  (["string", "bool", "int", "double", "array", "kvlist", "bytes"] as const).flatMap((kind) => [
    [`${kind}_value`, kind],
    [`${kind}Value`, kind],
    [kind, kind],
  ]),
);

export function spanFromRest(raw: unknown, traceId: string, index: number): Span {
  const where = `trace.spans[${index}]`;
  if (!isObject(raw)) throw new TraceFormatError(`${where} is not an object`);
  const spanId = spanIdFrom(field(raw, "span_id", "spanId"));
  if (spanId === null) throw new TraceFormatError(`${where}.span_id is missing`);
  const start = nanos(field(raw, "start_time_unix_nano", "startTimeUnixNano"), `${where}.start_time_unix_nano`);
  if (start === null) throw new TraceFormatError(`${where}.start_time_unix_nano is missing`);
  const status = isObject(raw.status) ? raw.status : {};
  const code = String(status.code ?? "0");
  return new Span({
    traceId,
    spanId,
    parentId: spanIdFrom(field(raw, "parent_span_id", "parentSpanId")),
    name: String(raw.name ?? ""),
    startTimeNs: start,
    endTimeNs: nanos(field(raw, "end_time_unix_nano", "endTimeUnixNano"), `${where}.end_time_unix_nano`),
    status: { code: statusCodeFromJson(STATUS_CODES[code] ?? code), message: String(status.message ?? "") },
    attributes: attributesFromRest(raw.attributes),
    events: (Array.isArray(raw.events) ? raw.events : []).map((event, i) => eventFromRest(event, `${where}.events[${i}]`)),
  });
}

function eventFromRest(raw: unknown, where: string): SpanEvent {
  const event = isObject(raw) ? raw : {};
  return {
    name: String(event.name ?? ""),
    timeUnixNano: nanos(field(event, "time_unix_nano", "timeUnixNano") ?? "0", `${where}.time_unix_nano`) ?? 0n,
    // Event attributes are kept decoded, as MLflow stores them.
    attributes: keyValues(event.attributes) as Record<string, EventAttributeValue>,
  };
}

/** A field by its protobuf name, or by the lowerCamelCase name of protobuf's default JSON mapping. */
function field(message: Json, name: string, camelName: string): unknown {
  return name in message ? message[name] : message[camelName];
}

/** 16 hex digits from protobuf's base64 bytes (or from hex, as some writers send); null when absent. */
function spanIdFrom(value: unknown): string | null {
  if (typeof value !== "string" || value === "") return null;
  const bare = value.startsWith(TRACE_ID_PREFIX) ? value.slice(TRACE_ID_PREFIX.length) : value;
  if (HEX_SPAN_ID.test(bare)) return bare.toLowerCase();
  const hex = value.length === 12 ? eightBytesBase64ToHex(value) : undefined;
  if (hex !== undefined) return hex;
  const decoded = base64ToHex(value);
  if (decoded.length !== 16) throw new TraceFormatError(`Not a span-level id: ${JSON.stringify(value)}`);
  return decoded;
}

const SEXTETS = new Int8Array(128).fill(-1);
for (const [i, c] of [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].entries()) SEXTETS[c.charCodeAt(0)] = i;
SEXTETS["-".charCodeAt(0)] = 62; // base64url, as Buffer reads it too
SEXTETS["_".charCodeAt(0)] = 63;
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * 8 bytes in base64 ("xxxxxxxxxxx=") as 16 hex digits without a Buffer: a page of spans has
 * a thousand ids. Undefined for anything else (Buffer's decoder reads that).
 */
function eightBytesBase64ToHex(text: string): string | undefined {
  if (text.charCodeAt(11) !== 61 /* = */) return undefined;
  let bits = 0;
  let count = 0;
  let hex = "";
  for (let i = 0; i < 11; i++) {
    const code = text.charCodeAt(i);
    const sextet = code < 128 ? SEXTETS[code]! : -1;
    if (sextet < 0) return undefined;
    bits = (bits << 6) | sextet;
    count += 6;
    if (count >= 8) {
      count -= 8;
      hex += HEX_BYTES[(bits >> count) & 0xff]!;
    }
  }
  return hex.length === 16 ? hex : undefined;
}

function nanos(value: unknown, where: string): bigint | null {
  if (value === null || value === undefined) return null;
  if ((typeof value === "string" && /^-?\d+$/.test(value)) || (typeof value === "number" && Number.isInteger(value))) return BigInt(value);
  throw new TraceFormatError(`${where} is not an integer nanosecond time: ${JSON.stringify(value)}`);
}

/** A span's `[{key, value: AnyValue}]` as traced keeps attributes: each value's JSON text, decoded and encoded in one step. */
function attributesFromRest(list: unknown): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (Array.isArray(list)) {
    for (const item of list) {
      if (isObject(item) && typeof item.key === "string") define(attributes, item.key, JSON.stringify(anyValue(item.value)));
    }
  } else if (isObject(list)) {
    for (const key in list) define(attributes, key, JSON.stringify(list[key]));
  }
  return attributes;
}

/** `[{key, value: AnyValue}]` as a plain object of decoded values. */
function keyValues(list: unknown): Record<string, unknown> {
  if (isObject(list)) return list; // already a plain map (some servers and proxies)
  const result: Record<string, unknown> = {};
  if (!Array.isArray(list)) return result;
  for (const item of list) {
    if (isObject(item) && typeof item.key === "string") define(result, item.key, anyValue(item.value));
  }
  return result;
}

function anyValue(value: unknown): unknown {
  if (!isObject(value)) return null;
  for (const name in value) {
    const raw = value[name];
    switch (VALUE_KINDS.get(name)) {
      case "string":
      case "bool":
      case "bytes":
        return raw;
      case "int":
      case "double":
        return Number(raw);
      case "array":
        return (isObject(raw) && Array.isArray(raw.values) ? raw.values : []).map(anyValue);
      case "kvlist":
        return keyValues(isObject(raw) ? raw.values : []);
    }
  }
  return null;
}

/** Sets a key as an own property, even one named "__proto__". */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
