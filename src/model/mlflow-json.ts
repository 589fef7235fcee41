/**
 * MLflow's trace JSON layout (`Trace.to_dict` / `to_json`), written and read exactly:
 * span-level ids in base64, nanosecond times as bare integers, attribute values as JSON text.
 */
import { type Assessment, type AssessmentError, type AssessmentSourceType } from "./assessment.js";
import { base64ToHex, hexToBase64, otelTraceIdOf, TRACE_ID_PREFIX } from "./ids.js";
import { msToIso } from "./clock.js";
import { Span, type EventAttributeValue, type SpanEvent } from "./span.js";
import { statusCodeFromJson, statusCodeToJson, TraceState } from "./status.js";
import { Trace } from "./trace.js";
import { type TraceInfo, type TraceLocation } from "./trace-info.js";

export class TraceFormatError extends Error {
  override name = "TraceFormatError";
}

type Json = Record<string, unknown>;

// ---------------------------------------------------------------- writing

/** The trace as MLflow JSON text. Nanosecond integers are written exactly. */
export function traceToMlflowJson(trace: Trace, indent?: number): string {
  return stringifyWithBigInts(traceToMlflowDict(trace), indent);
}

/** MLflow's dict form; nanosecond fields are bigints (use `traceToMlflowJson` for text). */
export function traceToMlflowDict(trace: Trace): Json {
  return { info: traceInfoToDict(trace.info), data: { spans: trace.spans.map(spanToDict) } };
}

export function traceInfoToDict(info: TraceInfo): Json {
  const dict: Json = {
    trace_id: info.traceId,
    trace_location: traceLocationToDict(info.traceLocation),
    request_time: msToIso(info.requestTimeMs),
  };
  if (info.executionDurationMs !== null) dict.execution_duration_ms = info.executionDurationMs;
  dict.state = info.state;
  if (info.requestPreview !== undefined) dict.request_preview = info.requestPreview;
  if (info.responsePreview !== undefined) dict.response_preview = info.responsePreview;
  if (info.clientRequestId) dict.client_request_id = info.clientRequestId;
  if (Object.keys(info.metadata).length) dict.trace_metadata = { ...info.metadata };
  if (Object.keys(info.tags).length) dict.tags = { ...info.tags };
  if (info.assessments.length) dict.assessments = info.assessments.map(assessmentToDict);
  return dict;
}

function traceLocationToDict(location: TraceLocation): Json {
  const dict: Json = { type: location.type, ...location.extra };
  if (location.experimentId !== undefined) dict.mlflow_experiment = { experiment_id: location.experimentId };
  return dict;
}

export function spanToDict(span: Span): Json {
  return {
    trace_id: hexToBase64(otelTraceIdOf(span.traceId)),
    span_id: hexToBase64(span.spanId),
    parent_span_id: span.parentId === null ? null : hexToBase64(span.parentId),
    name: span.name,
    start_time_unix_nano: span.startTimeNs,
    end_time_unix_nano: span.endTimeNs,
    status: { code: statusCodeToJson(span.status.code), message: span.status.message },
    events: span.events.map((event) => ({
      name: event.name,
      time_unix_nano: event.timeUnixNano,
      attributes: { ...event.attributes },
    })),
    attributes: { ...span.attributes },
  };
}

/**
 * MLflow's trace JSON as plain JSON values, for `JSON.stringify` (what `Trace.toJSON()` returns):
 * nanosecond times become decimal strings, as int64 fields are written in protobuf's JSON mapping
 * and as MLflow's REST API returns them; `traceFromMlflowDict` reads them back exactly.
 */
export function traceToMlflowJsonValue(trace: Trace): Json {
  return { info: traceInfoToDict(trace.info), data: { spans: trace.spans.map(spanToJsonValue) } };
}

export function spanToJsonValue(span: Span): Json {
  const dict = spanToDict(span);
  return {
    ...dict,
    start_time_unix_nano: span.startTimeNs.toString(),
    end_time_unix_nano: span.endTimeNs === null ? null : span.endTimeNs.toString(),
    events: span.events.map((event) => ({ name: event.name, time_unix_nano: event.timeUnixNano.toString(), attributes: { ...event.attributes } })),
  };
}

export function assessmentToDict(assessment: Assessment): Json {
  const dict: Json = {
    assessment_id: assessment.assessmentId,
    assessment_name: assessment.name,
    trace_id: assessment.traceId,
  };
  if (assessment.spanId) dict.span_id = assessment.spanId;
  dict.source = {
    source_type: assessment.source.sourceType,
    ...(assessment.source.sourceId !== undefined ? { source_id: assessment.source.sourceId } : {}),
  };
  dict.create_time = msToIso(assessment.createTimeMs);
  dict.last_update_time = msToIso(assessment.lastUpdateTimeMs);
  if (assessment.feedback) {
    const feedback: Json = {};
    if (assessment.feedback.value !== undefined) feedback.value = assessment.feedback.value;
    if (assessment.feedback.error) {
      const { errorCode, errorMessage, stackTrace } = assessment.feedback.error;
      feedback.error = dropUndefined({ error_code: errorCode, error_message: errorMessage, stack_trace: stackTrace });
    }
    dict.feedback = feedback;
  } else if (assessment.expectation) {
    const value = assessment.expectation.value;
    dict.expectation =
      value !== null && typeof value === "object"
        ? { serialized_value: { serialization_format: "JSON_FORMAT", value: JSON.stringify(value) } }
        : { value };
  }
  if (assessment.rationale !== undefined) dict.rationale = assessment.rationale;
  if (assessment.metadata && Object.keys(assessment.metadata).length) dict.metadata = { ...assessment.metadata };
  if (assessment.overrides) dict.overrides = assessment.overrides;
  if (assessment.valid !== undefined) dict.valid = assessment.valid;
  return dict;
}

function dropUndefined(dict: Json): Json {
  for (const key of Object.keys(dict)) if (dict[key] === undefined) delete dict[key];
  return dict;
}

const BIGINT_MARK = "\u0000bigint:";

/** JSON.stringify that writes bigints as bare integers (nanosecond times exceed 2^53). */
export function stringifyWithBigInts(value: unknown, indent?: number): string {
  const text = JSON.stringify(
    value,
    (_key, v) => (typeof v === "bigint" ? BIGINT_MARK + v.toString() : v),
    indent,
  );
  // The mark starts with NUL, which JSON.stringify always escapes inside user strings,
  // so only the placeholders written above can match.
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, "$1");
}

// ---------------------------------------------------------------- reading

const NANO_KEYS = /([{,]\s*"(?:start_time_unix_nano|end_time_unix_nano|time_unix_nano)"\s*:\s*)(-?\d+)/g;

/**
 * Reads MLflow trace JSON text. Nanosecond integers are quoted before parsing so they
 * stay exact (a structural key is always preceded by `{` or `,`; inside a JSON string
 * every quote is escaped, so the pattern cannot match user text).
 */
export function traceFromMlflowJson(text: string): Trace {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(NANO_KEYS, '$1"$2"'));
  } catch (error) {
    throw new TraceFormatError(`Not valid trace JSON: ${(error as Error).message}`);
  }
  return traceFromMlflowDict(parsed);
}

export function traceFromMlflowDict(value: unknown): Trace {
  if (!isObject(value) || !isObject(value.info)) throw new TraceFormatError('Trace JSON needs an "info" object');
  const info = traceInfoFromDict(value.info);
  const data = isObject(value.data) ? value.data : {};
  const rawSpans = Array.isArray(data.spans) ? data.spans : [];
  const spans = rawSpans.map((raw, index) => spanFromDict(raw, info.traceId, index));
  return new Trace(info, spans);
}

export function traceInfoFromDict(dict: Json): TraceInfo {
  const traceId = dict.trace_id ?? dict.request_id;
  if (typeof traceId !== "string" || !traceId) throw new TraceFormatError("info.trace_id is missing");
  return {
    traceId,
    traceLocation: traceLocationFromDict(dict.trace_location),
    requestTimeMs: timeToMs(dict.request_time, "info.request_time"),
    executionDurationMs: durationToMs(dict),
    state: stateFrom(dict.state),
    ...(typeof dict.request_preview === "string" ? { requestPreview: dict.request_preview } : {}),
    ...(typeof dict.response_preview === "string" ? { responsePreview: dict.response_preview } : {}),
    ...(typeof dict.client_request_id === "string" ? { clientRequestId: dict.client_request_id } : {}),
    metadata: stringMap(dict.trace_metadata ?? dict.request_metadata),
    tags: stringMap(dict.tags),
    assessments: Array.isArray(dict.assessments) ? dict.assessments.map(assessmentFromDict) : [],
  };
}

function traceLocationFromDict(value: unknown): TraceLocation {
  if (!isObject(value)) return { type: "MLFLOW_EXPERIMENT", experimentId: "0" };
  const { type, mlflow_experiment: experiment, ...extra } = value;
  const experimentId = isObject(experiment) ? experiment.experiment_id : undefined;
  return {
    type: typeof type === "string" ? type : "MLFLOW_EXPERIMENT",
    ...(experimentId !== undefined ? { experimentId: String(experimentId) } : {}),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}

function stateFrom(value: unknown): TraceState {
  return typeof value === "string" && value in TraceState ? (value as TraceState) : TraceState.STATE_UNSPECIFIED;
}

function durationToMs(dict: Json): number | null {
  const ms = dict.execution_duration_ms ?? dict.execution_time_ms;
  if (ms !== undefined && ms !== null) return Number(ms);
  // The REST and TypeScript layouts write a protobuf Duration such as "1.5s".
  if (typeof dict.execution_duration === "string") {
    const seconds = Number(dict.execution_duration.replace(/s$/, ""));
    if (Number.isFinite(seconds)) return Math.round(seconds * 1000);
  }
  return null;
}

function timeToMs(value: unknown, where: string): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const numeric = Number(value);
    if (value.trim() !== "" && Number.isFinite(numeric)) return numeric;
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  if (value === undefined) return 0;
  throw new TraceFormatError(`${where} is not a timestamp: ${JSON.stringify(value)}`);
}

function stringMap(value: unknown): Record<string, string> {
  // fromEntries defines keys, so even a key named "__proto__" survives.
  return isObject(value) ? Object.fromEntries(Object.entries(value).map(([key, v]) => [key, typeof v === "string" ? v : JSON.stringify(v)])) : {};
}

const HEX_ID = /^[0-9a-f]+$/i;

/** Span-level ids are base64 except in MLflow 3.5.0, which wrote hex. */
function idFrom(value: unknown, hexLength: number): string | null {
  if (typeof value !== "string" || value === "") return null;
  const bare = value.startsWith(TRACE_ID_PREFIX) ? value.slice(TRACE_ID_PREFIX.length) : value;
  if (bare.length === hexLength && HEX_ID.test(bare)) return bare.toLowerCase();
  const hex = base64ToHex(value);
  if (hex.length !== hexLength) throw new TraceFormatError(`Not a span-level id: ${JSON.stringify(value)}`);
  return hex;
}

function nanos(value: unknown, where: string): bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value;
  if ((typeof value === "string" && /^-?\d+$/.test(value)) || (typeof value === "number" && Number.isInteger(value))) {
    return BigInt(value);
  }
  throw new TraceFormatError(`${where} is not an integer nanosecond time: ${JSON.stringify(value)}`);
}

export function spanFromDict(raw: unknown, traceId: string, index = 0): Span {
  const where = `data.spans[${index}]`;
  if (!isObject(raw)) throw new TraceFormatError(`${where} is not an object`);
  const spanId = idFrom(raw.span_id, 16);
  if (spanId === null) throw new TraceFormatError(`${where}.span_id is missing`);
  const status = isObject(raw.status) ? raw.status : {};
  const attributes: Record<string, string> = {};
  if (isObject(raw.attributes)) {
    // MLflow's TypeScript SDK writes decoded values here; normalise them back to JSON text.
    for (const [key, value] of Object.entries(raw.attributes)) {
      attributes[key] = typeof value === "string" && isJsonText(value) ? value : JSON.stringify(value);
    }
  }
  const events: SpanEvent[] = (Array.isArray(raw.events) ? raw.events : []).map((event, i) => {
    if (!isObject(event)) throw new TraceFormatError(`${where}.events[${i}] is not an object`);
    return {
      name: String(event.name ?? ""),
      timeUnixNano: nanos(event.time_unix_nano ?? event.timestamp_ns, `${where}.events[${i}].time_unix_nano`) ?? 0n,
      attributes: (isObject(event.attributes) ? event.attributes : {}) as Record<string, EventAttributeValue>,
    };
  });
  const start = nanos(raw.start_time_unix_nano ?? raw.start_time_ns, `${where}.start_time_unix_nano`);
  if (start === null) throw new TraceFormatError(`${where}.start_time_unix_nano is missing`);
  return new Span({
    traceId,
    spanId,
    parentId: idFrom(raw.parent_span_id, 16),
    name: String(raw.name ?? ""),
    startTimeNs: start,
    endTimeNs: nanos(raw.end_time_unix_nano ?? raw.end_time_ns, `${where}.end_time_unix_nano`),
    status: { code: statusCodeFromJson(status.code ?? status.status_code), message: String(status.message ?? status.description ?? "") },
    attributes,
    events,
  });
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function assessmentFromDict(raw: unknown): Assessment {
  if (!isObject(raw)) throw new TraceFormatError("An assessment is not an object");
  const source = isObject(raw.source) ? raw.source : {};
  const created = timeToMs(raw.create_time, "assessment.create_time");
  let feedback: Assessment["feedback"];
  let expectation: Assessment["expectation"];
  if (isObject(raw.feedback)) {
    const error = isObject(raw.feedback.error) ? raw.feedback.error : undefined;
    feedback = {
      ...("value" in raw.feedback ? { value: raw.feedback.value } : {}),
      ...(error
        ? {
            error: dropUndefined({
              errorCode: error.error_code,
              errorMessage: error.error_message,
              stackTrace: error.stack_trace,
            }) as AssessmentError,
          }
        : {}),
    };
  } else if (isObject(raw.expectation)) {
    const serialized = raw.expectation.serialized_value;
    expectation = {
      value: isObject(serialized) && typeof serialized.value === "string" ? JSON.parse(serialized.value) : raw.expectation.value,
    };
  }
  return {
    assessmentId: String(raw.assessment_id ?? ""),
    name: String(raw.assessment_name ?? raw.name ?? ""),
    traceId: String(raw.trace_id ?? ""),
    ...(typeof raw.span_id === "string" && raw.span_id ? { spanId: raw.span_id } : {}),
    source: {
      sourceType: (typeof source.source_type === "string" ? source.source_type : "SOURCE_TYPE_UNSPECIFIED") as AssessmentSourceType,
      ...(typeof source.source_id === "string" ? { sourceId: source.source_id } : {}),
    },
    createTimeMs: created,
    lastUpdateTimeMs: raw.last_update_time === undefined ? created : timeToMs(raw.last_update_time, "assessment.last_update_time"),
    ...(feedback ? { feedback } : {}),
    ...(expectation ? { expectation } : {}),
    ...(typeof raw.rationale === "string" ? { rationale: raw.rationale } : {}),
    ...(isObject(raw.metadata) ? { metadata: stringMap(raw.metadata) } : {}),
    ...(typeof raw.valid === "boolean" ? { valid: raw.valid } : {}),
    ...(typeof raw.overrides === "string" && raw.overrides ? { overrides: raw.overrides } : {}),
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
