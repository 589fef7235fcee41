/**
 * Spans as MLflow's REST API returns them (`traces/get`): OpenTelemetry's protobuf Span in
 * JSON form, ids in base64, nanosecond times as decimal strings, attributes as a list of
 * key/AnyValue pairs holding decoded values. They become traced spans, whose attributes
 * are JSON text, through the MLflow-JSON span reader.
 */
import { spanFromDict, TraceFormatError } from "../../model/mlflow-json.js";
import { type Span } from "../../model/span.js";

type Json = Record<string, unknown>;

const STATUS_CODES: Record<string, string> = { "0": "STATUS_CODE_UNSET", "1": "STATUS_CODE_OK", "2": "STATUS_CODE_ERROR" };

export function spanFromRest(raw: unknown, traceId: string, index: number): Span {
  if (!isObject(raw)) throw new TraceFormatError(`trace.spans[${index}] is not an object`);
  const status = isObject(raw.status) ? raw.status : {};
  const code = String(status.code ?? "0");
  const attributes = Object.fromEntries(
    Object.entries(keyValues(raw.attributes)).map(([key, value]) => [key, JSON.stringify(value)]),
  );
  const events = (Array.isArray(raw.events) ? raw.events : []).map((event) => {
    const e = isObject(event) ? event : {};
    return { name: e.name ?? "", time_unix_nano: field(e, "time_unix_nano") ?? "0", attributes: keyValues(e.attributes) };
  });
  return spanFromDict(
    {
      span_id: field(raw, "span_id"),
      parent_span_id: field(raw, "parent_span_id") || null,
      name: raw.name,
      start_time_unix_nano: field(raw, "start_time_unix_nano"),
      end_time_unix_nano: field(raw, "end_time_unix_nano") ?? null,
      status: { code: STATUS_CODES[code] ?? code, message: status.message ?? "" },
      events,
      attributes,
    },
    traceId,
    index,
  );
}

/** A field by its protobuf name, or by the lowerCamelCase name of protobuf's default JSON mapping. */
function field(message: Json, name: string): unknown {
  return name in message ? message[name] : message[name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
}

/** `[{key, value: AnyValue}]` as a plain object of decoded values. */
function keyValues(list: unknown): Record<string, unknown> {
  if (isObject(list)) return list; // already a plain map (some servers and proxies)
  const result: Record<string, unknown> = {};
  for (const item of Array.isArray(list) ? list : []) {
    if (isObject(item) && typeof item.key === "string") result[item.key] = anyValue(item.value);
  }
  return result;
}

function anyValue(value: unknown): unknown {
  if (!isObject(value)) return null;
  for (const [name, raw] of Object.entries(value)) {
    switch (name.replace(/_value$|Value$/, "")) {
      case "string":
      case "bool":
        return raw;
      case "int":
      case "double":
        return Number(raw);
      case "array":
        return (isObject(raw) && Array.isArray(raw.values) ? raw.values : []).map(anyValue);
      case "kvlist":
        return keyValues(isObject(raw) ? raw.values : []);
      case "bytes":
        return raw;
    }
  }
  return null;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
