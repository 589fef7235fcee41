/**
 * The store API that reads and manages traces wherever they are kept: every method returns a
 * promise, so code does not change between the local file and a tracking server.
 */
import { type Assessment } from "../../model/assessment.js";
import { type Trace } from "../../model/trace.js";
import { type AssessmentUpdate, type LogExpectationOptions, type LogFeedbackOptions } from "../assessments.js";
import { type DeleteTracesOptions } from "../delete-traces.js";
import { type SearchTracesOptions, type SearchTracesResult } from "../search-traces.js";

export interface TraceStore {
  /** The trace with its spans and assessments, or undefined when there is none with that id. */
  getTrace(traceId: string): Promise<Trace | undefined>;
  searchTraces(options?: SearchTracesOptions): Promise<SearchTracesResult>;
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
