/**
 * The main entry's module functions (getTrace, searchTraces, logFeedback, …): each loads the
 * query code on its first call (see load-query.ts), then acts as default-store.ts describes.
 */
import type { Assessment } from "../model/assessment.js";
import type { Trace } from "../model/trace.js";
import type { AssessmentUpdate, LogExpectationOptions, LogFeedbackOptions } from "./assessments.js";
import type { DeleteTracesOptions } from "./delete-traces.js";
import { loadQuery } from "./load-query.js";
import type { SearchTracesOptions, SearchTracesResult } from "./search-traces.js";
import type { SummarizeTracesOptions, SummarizeTracesResult } from "./summarize-types.js";
import type { GetSessionOptions, SearchSessionsOptions, SearchSessionsResult, Session } from "./session-types.js";

export async function getTrace(traceId: string): Promise<Trace | undefined> {
  return (await loadQuery()).getTrace(traceId);
}

export async function searchTraces(options?: SearchTracesOptions): Promise<SearchTracesResult> {
  return (await loadQuery()).searchTraces(options);
}

export async function searchSessions(options?: SearchSessionsOptions): Promise<SearchSessionsResult> {
  return (await loadQuery()).searchSessions(options);
}

export async function getSession(sessionId: string, options?: GetSessionOptions): Promise<Session | undefined> {
  return (await loadQuery()).getSession(sessionId, options);
}

export async function summarizeTraces(options?: SummarizeTracesOptions): Promise<SummarizeTracesResult> {
  return (await loadQuery()).summarizeTraces(options);
}

export async function setTraceTag(traceId: string, key: string, value: string): Promise<void> {
  return (await loadQuery()).setTraceTag(traceId, key, value);
}

export async function deleteTraceTag(traceId: string, key: string): Promise<boolean> {
  return (await loadQuery()).deleteTraceTag(traceId, key);
}

export async function deleteTraces(options: DeleteTracesOptions): Promise<number> {
  return (await loadQuery()).deleteTraces(options);
}

export async function logFeedback(options: LogFeedbackOptions): Promise<Assessment> {
  return (await loadQuery()).logFeedback(options);
}

export async function logExpectation(options: LogExpectationOptions): Promise<Assessment> {
  return (await loadQuery()).logExpectation(options);
}

export async function getAssessment(traceId: string, assessmentId: string): Promise<Assessment> {
  return (await loadQuery()).getAssessment(traceId, assessmentId);
}

export async function updateAssessment(traceId: string, assessmentId: string, update: AssessmentUpdate): Promise<Assessment> {
  return (await loadQuery()).updateAssessment(traceId, assessmentId, update);
}

export async function deleteAssessment(traceId: string, assessmentId: string): Promise<void> {
  return (await loadQuery()).deleteAssessment(traceId, assessmentId);
}
