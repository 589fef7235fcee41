/**
 * The query API as plain functions (as in MLflow: `getTrace(id)`, `searchTraces({...})`),
 * acting on the store that traces are exported to: the MLflow destination's server (same
 * experiment), else the local file. Every function returns a promise, whichever the store.
 * A change to a trace that is still waiting to be exported to MLflow is handed to the
 * exporter, which makes it once the trace has reached the server (see pending-export.ts).
 */
import { type Assessment } from "../model/assessment.js";
import { type Trace } from "../model/trace.js";
import { type AssessmentUpdate, type LogExpectationOptions, type LogFeedbackOptions } from "./assessments.js";
import { type DeleteTracesOptions } from "./delete-traces.js";
import { exportTargetStore } from "./get-trace-store.js";
import { type SearchTracesOptions, type SearchTracesResult } from "./search-traces.js";
import { type SummarizeTracesOptions, type SummarizeTracesResult } from "./summarize-types.js";
import { type GetSessionOptions, type SearchSessionsOptions, type SearchSessionsResult, type Session } from "./session-types.js";

export async function getTrace(traceId: string): Promise<Trace | undefined> {
  return exportTargetStore().getTrace(traceId);
}

export async function searchTraces(options: SearchTracesOptions = {}): Promise<SearchTracesResult> {
  return exportTargetStore().searchTraces(options);
}

export async function searchSessions(options: SearchSessionsOptions = {}): Promise<SearchSessionsResult> {
  return exportTargetStore().searchSessions(options);
}

export async function getSession(sessionId: string, options: GetSessionOptions = {}): Promise<Session | undefined> {
  return exportTargetStore().getSession(sessionId, options);
}

/** Numbers over a time range of the stored traces: see summarize-traces.ts. */
export async function summarizeTraces(options: SummarizeTracesOptions = {}): Promise<SummarizeTracesResult> {
  return exportTargetStore().summarizeTraces(options);
}

export async function setTraceTag(traceId: string, key: string, value: string): Promise<void> {
  return exportTargetStore().setTraceTag(traceId, key, value);
}

export async function deleteTraceTag(traceId: string, key: string): Promise<boolean> {
  return exportTargetStore().deleteTraceTag(traceId, key);
}

export async function deleteTraces(options: DeleteTracesOptions): Promise<number> {
  return exportTargetStore().deleteTraces(options);
}

export async function logFeedback(options: LogFeedbackOptions): Promise<Assessment> {
  return exportTargetStore().logFeedback(options);
}

export async function logExpectation(options: LogExpectationOptions): Promise<Assessment> {
  return exportTargetStore().logExpectation(options);
}

export async function getAssessment(traceId: string, assessmentId: string): Promise<Assessment> {
  return exportTargetStore().getAssessment(traceId, assessmentId);
}

export async function updateAssessment(traceId: string, assessmentId: string, update: AssessmentUpdate): Promise<Assessment> {
  return exportTargetStore().updateAssessment(traceId, assessmentId, update);
}

export async function deleteAssessment(traceId: string, assessmentId: string): Promise<void> {
  return exportTargetStore().deleteAssessment(traceId, assessmentId);
}
