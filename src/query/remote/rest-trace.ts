/**
 * Traces as MLflow's REST API 3.0 answers for them: `traces/get` gives
 * `{trace: {trace_info, spans}}` (OpenTelemetry spans in protobuf JSON), `traces/search`
 * gives `{traces: [trace_info], next_page_token}` (the info alone). Read by the server
 * store and by `traces import`, which takes saved replies as well as MLflow's files.
 */
import { TraceFormatError, traceInfoFromDict } from "../../model/mlflow-json.js";
import { Trace } from "../../model/trace.js";
import { spanFromRest } from "./rest-span.js";

type Json = Record<string, unknown>;

/** `{trace_info, spans}`: the `trace` of a `traces/get` reply. */
export function traceFromRest(value: unknown, where = "trace"): Trace {
  if (!isObject(value)) throw new TraceFormatError(`"${where}" is not an object`);
  if (!isObject(value.trace_info)) throw new TraceFormatError(`"${where}" has no "trace_info" object`);
  const info = traceInfoFromDict(value.trace_info);
  const spans = (Array.isArray(value.spans) ? value.spans : []).map((raw, index) => spanFromRest(raw, info.traceId, index));
  return new Trace(info, spans);
}

/** A `traces/get` reply, or its `trace` alone. */
export function isRestTrace(value: unknown): boolean {
  return isObject(value) && (isObject(value.trace_info) || (isObject(value.trace) && isObject(value.trace.trace_info)));
}

/** A TraceInfoV3 as a `traces/search` reply lists them (MLflow's file format nests it under "info" instead). */
export function isRestTraceInfo(value: unknown): boolean {
  return isObject(value) && !("info" in value) && (typeof value.trace_id === "string" || typeof value.request_id === "string");
}

/** Any of the REST shapes above as a trace (a search reply's info: a trace without spans). */
export function traceFromRestShape(value: Json): Trace {
  if (isObject(value.trace) && isObject(value.trace.trace_info)) return traceFromRest(value.trace);
  if (isObject(value.trace_info)) return traceFromRest(value);
  return new Trace(traceInfoFromDict(value), []);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
