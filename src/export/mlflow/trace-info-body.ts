/**
 * The body of MLflow's `POST /api/3.0/mlflow/traces` (StartTraceV3) for a finished trace:
 * `{"trace": {"trace_info": …}}` in the protobuf JSON layout (snake_case, a Timestamp
 * string, a Duration such as "0.042s"). The call replaces the trace row the server built
 * from the spans, so every field is sent: previews, state, tags and metadata included.
 */
import { msToIso } from "../../model/clock.js";
import { assessmentToDict } from "../../model/mlflow-json.js";
import { TRACE_SCHEMA_VERSION, TraceMetadataKey, TraceTagKey, SpanAttributeKey } from "../../model/keys.js";
import { SpanStatusCode, TraceState } from "../../model/status.js";
import { type Trace } from "../../model/trace.js";
import { type Assessment } from "../../model/assessment.js";
import { truncatePreview } from "../../model/trace-info.js";

type Json = Record<string, unknown>;

export function traceInfoBody(trace: Trace, experimentId: string): { trace: { trace_info: Json } } {
  const { info } = trace;
  const root = trace.rootSpan;
  const traceInfo: Json = {
    trace_id: info.traceId,
    trace_location: { type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } },
    request_time: msToIso(info.requestTimeMs),
  };
  if (info.clientRequestId) traceInfo.client_request_id = info.clientRequestId;
  if (info.executionDurationMs !== null) traceInfo.execution_duration = `${info.executionDurationMs / 1000}s`;
  traceInfo.state = finalState(info.state, root?.status.code);
  // Without a preview the server would store null over the one it derived from the spans.
  const requestPreview = info.requestPreview ?? root?.attributes[SpanAttributeKey.INPUTS];
  const responsePreview = info.responsePreview ?? root?.attributes[SpanAttributeKey.OUTPUTS];
  if (requestPreview !== undefined) traceInfo.request_preview = truncatePreview(requestPreview);
  if (responsePreview !== undefined) traceInfo.response_preview = truncatePreview(responsePreview);
  traceInfo.trace_metadata = { [TraceMetadataKey.SCHEMA_VERSION]: TRACE_SCHEMA_VERSION, ...info.metadata };
  traceInfo.tags = { ...(root ? { [TraceTagKey.TRACE_NAME]: root.name } : {}), ...info.tags };
  return { trace: { trace_info: traceInfo } };
}

/** A finished trace is OK or ERROR; an unset state follows the root span, as MLflow does. */
function finalState(state: TraceState, rootCode: SpanStatusCode | undefined): TraceState {
  if (state === TraceState.OK || state === TraceState.ERROR) return state;
  return rootCode === SpanStatusCode.ERROR ? TraceState.ERROR : TraceState.OK;
}

/** The body of `POST /api/3.0/mlflow/traces/{trace_id}/assessments`; the server assigns the id. */
export function assessmentBody(assessment: Assessment): { assessment: Json } {
  const { assessment_id: _serverAssigned, ...dict } = assessmentToDict(assessment);
  return { assessment: dict };
}
