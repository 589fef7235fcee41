/** The scalar part of TraceInfo as a `traces` row and back (tags, metadata, assessments live in their own tables). */
import { type TraceState } from "../model/status.js";
import { type TraceInfo, type TraceLocation } from "../model/trace-info.js";

export interface TraceRow {
  trace_row: number;
  trace_id: string;
  location: string;
  request_time_ms: number;
  execution_time_ms: number | null;
  state: string;
  request_preview: string | null;
  response_preview: string | null;
  client_request_id: string | null;
}

export type TraceRowValues = Omit<TraceRow, "trace_row">;

export function traceInfoToRow(info: TraceInfo): TraceRowValues {
  return {
    trace_id: info.traceId,
    location: JSON.stringify(info.traceLocation),
    request_time_ms: info.requestTimeMs,
    execution_time_ms: info.executionDurationMs,
    state: info.state,
    request_preview: info.requestPreview ?? null,
    response_preview: info.responsePreview ?? null,
    client_request_id: info.clientRequestId ?? null,
  };
}

/** The scalar fields of a TraceInfo; the caller adds tags, metadata and assessments. */
export function traceInfoFromRow(row: TraceRow): Omit<TraceInfo, "tags" | "metadata" | "assessments"> {
  return {
    traceId: row.trace_id,
    traceLocation: JSON.parse(row.location) as TraceLocation,
    requestTimeMs: Number(row.request_time_ms),
    executionDurationMs: row.execution_time_ms === null ? null : Number(row.execution_time_ms),
    state: row.state as TraceState,
    ...(row.request_preview !== null ? { requestPreview: row.request_preview } : {}),
    ...(row.response_preview !== null ? { responsePreview: row.response_preview } : {}),
    ...(row.client_request_id !== null ? { clientRequestId: row.client_request_id } : {}),
  };
}
