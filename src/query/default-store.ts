/**
 * The query API as plain functions (as in MLflow: `getTrace(id)`, `searchTraces({...})`),
 * reading the database that traces are exported to (see store/default-store-path.ts).
 * One connection per path is kept open for the life of the process.
 */
import { type Assessment } from "../model/assessment.js";
import { type Trace } from "../model/trace.js";
import { defaultStorePath } from "../store/default-store-path.js";
import { type AssessmentUpdate, type LogExpectationOptions, type LogFeedbackOptions } from "./assessments.js";
import { type DeleteTracesOptions } from "./delete-traces.js";
import { type SearchTracesOptions, type SearchTracesResult } from "./search-traces.js";
import { TraceStore } from "./trace-store.js";

const open = new Map<string, TraceStore>();

/** The store at the default path (or `path`), opened once and reused. */
export function getTraceStore(path: string = defaultStorePath()): TraceStore {
  let store = open.get(path);
  if (store === undefined) {
    store = TraceStore.open(path);
    open.set(path, store);
  }
  return store;
}

/** Closes every store opened through these functions. */
export function closeTraceStores(): void {
  for (const store of open.values()) store.close();
  open.clear();
}

export function getTrace(traceId: string): Trace | undefined {
  return getTraceStore().getTrace(traceId);
}

export function searchTraces(options: SearchTracesOptions = {}): SearchTracesResult {
  return getTraceStore().searchTraces(options);
}

export function setTraceTag(traceId: string, key: string, value: string): void {
  getTraceStore().setTraceTag(traceId, key, value);
}

export function deleteTraceTag(traceId: string, key: string): boolean {
  return getTraceStore().deleteTraceTag(traceId, key);
}

export function deleteTraces(options: DeleteTracesOptions): number {
  return getTraceStore().deleteTraces(options);
}

export function logFeedback(options: LogFeedbackOptions): Assessment {
  return getTraceStore().logFeedback(options);
}

export function logExpectation(options: LogExpectationOptions): Assessment {
  return getTraceStore().logExpectation(options);
}

export function getAssessment(traceId: string, assessmentId: string): Assessment {
  return getTraceStore().getAssessment(traceId, assessmentId);
}

export function updateAssessment(traceId: string, assessmentId: string, update: AssessmentUpdate): Assessment {
  return getTraceStore().updateAssessment(traceId, assessmentId, update);
}

export function deleteAssessment(traceId: string, assessmentId: string): void {
  getTraceStore().deleteAssessment(traceId, assessmentId);
}
