/**
 * The store API that reads and manages traces wherever they are kept: every method returns a
 * promise, so code does not change between the local file and a tracking server.
 */
import { type Assessment } from "../../model/assessment.js";
import { type Trace } from "../../model/trace.js";
import { type AssessmentUpdate, type LogExpectationOptions, type LogFeedbackOptions } from "../assessments.js";
import { type DeleteTracesOptions } from "../delete-traces.js";
import { type SearchTracesOptions, type SearchTracesResult } from "../search-traces.js";
import { type SummarizeTracesOptions, type SummarizeTracesResult } from "../summarize-types.js";
import { type GetSessionOptions, type SearchSessionsOptions, type SearchSessionsResult, type Session } from "../session-types.js";

export interface TraceStore {
  /** Where the traces are: the file's path, or the tracking server's URL (without credentials). */
  readonly uri: string;
  /** True once close() was called. */
  readonly closed: boolean;
  /** The trace with its spans and assessments, or undefined when there is none with that id. */
  getTrace(traceId: string): Promise<Trace | undefined>;
  searchTraces(options?: SearchTracesOptions): Promise<SearchTracesResult>;
  /** Sessions (traces sharing `mlflow.trace.session`) with their turns, tokens, cost and errors; `incomplete` says when a number is a lower bound. */
  searchSessions(options?: SearchSessionsOptions): Promise<SearchSessionsResult>;
  /** One session's summary and a page of its turns, oldest first; undefined when no trace has that session. */
  getSession(sessionId: string, options?: GetSessionOptions): Promise<Session | undefined>;
  /** Numbers over a time range (per interval, latency histogram, top groups); `available: false` with a reason where the store cannot compute them. */
  summarizeTraces(options?: SummarizeTracesOptions): Promise<SummarizeTracesResult>;
  setTraceTag(traceId: string, key: string, value: string): Promise<void>;
  /** Resolves false when the trace had no such tag. */
  deleteTraceTag(traceId: string, key: string): Promise<boolean>;
  /** Resolves with how many traces were deleted. */
  deleteTraces(options: DeleteTracesOptions): Promise<number>;
  logFeedback(options: LogFeedbackOptions): Promise<Assessment>;
  logExpectation(options: LogExpectationOptions): Promise<Assessment>;
  getAssessment(traceId: string, assessmentId: string): Promise<Assessment>;
  updateAssessment(traceId: string, assessmentId: string, update: AssessmentUpdate): Promise<Assessment>;
  deleteAssessment(traceId: string, assessmentId: string): Promise<void>;
  close(): Promise<void>;
}
