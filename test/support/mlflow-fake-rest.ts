/**
 * The read and manage side of the fake MLflow server (REST API 3.0 and the 2.0 tag and
 * delete calls), shaped as the format sheet §10 and MLflow's service.proto give them:
 * `traces/get` → `{trace: {trace_info, spans}}` with OpenTelemetry protobuf-JSON spans
 * (base64 ids; int64 fields as bare JSON integers, as MLflow's message_to_json writes them,
 * so nanosecond times exceed 2^53; attributes as key/AnyValue lists of decoded values);
 * `traces/search` → `{traces: [trace_info], next_page_token}`. The search filter is
 * evaluated for a subset of MLflow's grammar; anything else gets the 400 a server gives
 * a filter it cannot run.
 */
import { type StoredSpan, type StoredTrace } from "./mlflow-fake.js";

type Json = Record<string, any>;

export class FakeRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_CODES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];
const MAX_RESULTS = 500;

export function experimentOf(trace: StoredTrace): string | undefined {
  const info = trace.info as Json;
  return info.trace_location?.mlflow_experiment?.experiment_id ?? info.experiment_id;
}

/** TraceInfoV3 as the server returns it, assessments included. */
export function traceInfoOf(trace: StoredTrace): Json {
  const { experiment_id: experimentId, ...info } = trace.info as Json;
  const starts = trace.spans.map((span) => span.startTimeUnixNano);
  const firstStart = starts.length ? starts.reduce((a, b) => (b < a ? b : a)) : 0n;
  return {
    trace_location: { type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId ?? "0" } },
    request_time: new Date(Number(firstStart / 1_000_000n)).toISOString(),
    ...info,
    ...(trace.assessments.length ? { assessments: trace.assessments } : {}),
  };
}

/** A span as OpenTelemetry's protobuf Span in MLflow's JSON (snake_case field names). */
export function restSpan(span: StoredSpan): Json {
  return {
    trace_id: Buffer.from(span.traceId, "hex").toString("base64"),
    span_id: Buffer.from(span.spanId, "hex").toString("base64"),
    parent_span_id: Buffer.from(span.parentSpanId, "hex").toString("base64"),
    name: span.name,
    kind: "SPAN_KIND_INTERNAL",
    start_time_unix_nano: span.startTimeUnixNano,
    end_time_unix_nano: span.endTimeUnixNano,
    attributes: Object.entries(span.attributes).map(([key, text]) => ({ key, value: anyValue(JSON.parse(text)) })),
    events: span.events.map((event) => ({
      time_unix_nano: event.timeUnixNano,
      name: event.name,
      attributes: Object.entries(event.attributes).map(([key, attribute]) => ({ key, value: anyValue(attribute.value) })),
    })),
    status: { code: STATUS_CODES[span.status.code] ?? "STATUS_CODE_UNSET", message: span.status.message },
  };
}

function anyValue(value: unknown): Json {
  if (value === null || value === undefined) return {};
  if (typeof value === "string") return { string_value: value };
  if (typeof value === "boolean") return { bool_value: value };
  if (typeof value === "number") return Number.isInteger(value) ? { int_value: value } : { double_value: value };
  if (Array.isArray(value)) return { array_value: { values: value.map(anyValue) } };
  return { kvlist_value: { values: Object.entries(value as Json).map(([key, v]) => ({ key, value: anyValue(v) })) } };
}

export function searchTraces(traces: Iterable<StoredTrace>, request: Json): { traces: Json[]; next_page_token?: string } {
  const locations = request.locations;
  if (!Array.isArray(locations) || locations.length === 0) throw new FakeRequestError(400, "INVALID_PARAMETER_VALUE", "locations must name at least one experiment");
  const experiments = new Set(locations.map((l: Json) => l?.mlflow_experiment?.experiment_id));
  const maxResults = request.max_results ?? 100;
  if (!Number.isInteger(maxResults) || maxResults <= 0 || maxResults > MAX_RESULTS) {
    throw new FakeRequestError(400, "INVALID_PARAMETER_VALUE", `max_results must be between 1 and ${MAX_RESULTS}`);
  }
  const conditions = parseConditions(request.filter ?? "");
  const order = parseOrder(request.order_by ?? []);
  const offset = request.page_token ? Number(JSON.parse(Buffer.from(request.page_token, "base64").toString("utf8")).offset) : 0;
  const matching = [...traces]
    .filter((trace) => experiments.has(experimentOf(trace)) && conditions.every((condition) => condition(traceInfoOf(trace))))
    .map(traceInfoOf)
    .sort(order);
  const page = matching.slice(offset, offset + maxResults);
  const more = offset + maxResults < matching.length;
  return { traces: page, ...(more ? { next_page_token: Buffer.from(JSON.stringify({ offset: offset + maxResults })).toString("base64") } : {}) };
}

const CONDITION = /^\s*([A-Za-z_]+)\.(`[^`]+`|[\w.\-]+)\s*(!=|<=|>=|=|<|>|LIKE|ILIKE)\s*('(?:[^'])*'|-?\d+(?:\.\d+)?)\s*$/i;

function parseConditions(filter: string): ((info: Json) => boolean)[] {
  if (filter.trim() === "") return [];
  return filter.split(/\s+AND\s+/i).map((part) => {
    const match = CONDITION.exec(part);
    if (!match) throw new FakeRequestError(400, "INVALID_PARAMETER_VALUE", `Invalid clause(s) in filter string: ${part}`);
    const [, prefix, rawKey, op, rawValue] = match;
    const key = rawKey!.replace(/^`|`$/g, "");
    const value = rawValue!.startsWith("'") ? rawValue!.slice(1, -1) : Number(rawValue);
    const get = fieldReader(prefix!.toLowerCase(), key);
    return (info) => compare(get(info), op!.toUpperCase(), value);
  });
}

function fieldReader(prefix: string, key: string): (info: Json) => unknown {
  if (prefix === "tag" || prefix === "tags") return (info) => info.tags?.[key];
  if (prefix === "metadata") return (info) => info.trace_metadata?.[key];
  if (prefix === "trace" || prefix === "attribute" || prefix === "attributes") {
    if (key === "status") return (info) => info.state;
    if (key === "name") return (info) => info.tags?.["mlflow.traceName"];
    if (key === "timestamp_ms") return (info) => Date.parse(info.request_time);
    if (key === "execution_time_ms") return executionMs;
    if (key === "request_id") return (info) => info.trace_id;
  }
  throw new FakeRequestError(400, "INVALID_PARAMETER_VALUE", `The fake does not search on ${prefix}.${key}`);
}

function executionMs(info: Json): number | undefined {
  return typeof info.execution_duration === "string" ? Math.round(Number(info.execution_duration.replace(/s$/, "")) * 1000) : undefined;
}

function compare(actual: unknown, op: string, expected: string | number): boolean {
  if (actual === undefined || actual === null) return false;
  if (op === "LIKE" || op === "ILIKE") {
    const pattern = String(expected).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".");
    return new RegExp(`^${pattern}$`, op === "ILIKE" ? "is" : "s").test(String(actual));
  }
  const a = typeof expected === "number" ? Number(actual) : String(actual);
  switch (op) {
    case "=":
      return a === expected;
    case "!=":
      return a !== expected;
    case "<":
      return a < expected;
    case "<=":
      return a <= expected;
    case ">":
      return a > expected;
    default:
      return a >= expected;
  }
}

function parseOrder(orderBy: string[]): (a: Json, b: Json) => number {
  const keys = orderBy.map((clause) => {
    const match = /^\s*(?:trace\.)?(timestamp_ms|execution_time_ms|request_id)\s*(ASC|DESC)?\s*$/i.exec(clause);
    if (!match) throw new FakeRequestError(400, "INVALID_PARAMETER_VALUE", `The fake does not order by ${clause}`);
    return { key: match[1]!.toLowerCase(), sign: match[2]?.toUpperCase() === "DESC" ? -1 : 1 };
  });
  keys.push({ key: "timestamp_ms", sign: -1 }, { key: "request_id", sign: 1 });
  const value = (info: Json, key: string): number | string =>
    key === "timestamp_ms" ? Date.parse(info.request_time) : key === "execution_time_ms" ? (executionMs(info) ?? 0) : info.trace_id;
  return (a, b) => {
    for (const { key, sign } of keys) {
      const x = value(a, key);
      const y = value(b, key);
      if (x !== y) return (x < y ? -1 : 1) * sign;
    }
    return 0;
  };
}

const UPDATABLE: Record<string, string> = {
  assessmentName: "assessment_name",
  expectation: "expectation",
  feedback: "feedback",
  rationale: "rationale",
  metadata: "metadata",
};

/** UpdateAssessment: only the fields the update mask names (protobuf JSON: comma-separated lowerCamelCase paths). */
export function updateAssessment(stored: Json, request: Json): Json {
  if (typeof request.update_mask !== "string" || request.update_mask === "") throw new FakeRequestError(400, "INVALID_PARAMETER_VALUE", "update_mask is required");
  for (const path of request.update_mask.split(",")) {
    const field = UPDATABLE[path];
    if (!field) throw new FakeRequestError(400, "INVALID_PARAMETER_VALUE", `Cannot update assessment field ${path}`);
    stored[field] = request.assessment?.[field];
  }
  stored.last_update_time = new Date().toISOString();
  return stored;
}
