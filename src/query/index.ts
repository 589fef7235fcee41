export { TraceStore, TraceStore as SqliteTraceStore, type ExportOptions, type ExportTarget, type ImportOptions } from "./trace-store.js";
export { LocalTraceStore } from "./local-trace-store.js";
export { getTraceStore, closeTraceStores, exportTargetStore, type GetTraceStoreOptions } from "./get-trace-store.js";
export { parseStoreUri, type StoreLocation } from "./store-uri.js";
export {
  getTrace,
  searchTraces,
  setTraceTag,
  deleteTraceTag,
  deleteTraces,
  logFeedback,
  logExpectation,
  getAssessment,
  updateAssessment,
  deleteAssessment,
  searchSessions,
  getSession,
  summarizeTraces,
} from "./default-store.js";
export {
  type SummarizeTracesOptions,
  type SummarizeTracesResult,
  type TracesSummary,
  type SummaryUnavailable,
  type SummaryNumbers,
  type SummaryBucket,
  type SummaryGroup,
  type SummaryGroupRow,
  type SummaryGroupKey,
  type HistogramBar,
  type LatencyPercentiles,
} from "./summarize-types.js";
export {
  DEFAULT_SESSION_TURNS,
  type SessionSummary,
  type SearchSessionsOptions,
  type SearchSessionsResult,
  type SessionsIncomplete,
  type Session,
  type SessionTurn,
  type TurnAssessment,
  type TurnTextSource,
  type GetSessionOptions,
} from "./session-types.js";
export { DEFAULT_MAX_RESULTS, compileSearch, type SearchTracesOptions, type SearchTracesResult } from "./search-traces.js";
export { type DeleteTracesOptions } from "./delete-traces.js";
export { newAssessmentId, type LogFeedbackOptions, type LogExpectationOptions, type AssessmentUpdate } from "./assessments.js";
export { parseFilter, type Comparison, type Comparator, type FilterValue } from "./filter-parser.js";
export { tokenize, type Token } from "./filter-tokenizer.js";
export { FilterError } from "./filter-error.js";
export { TraceNotFoundError } from "./not-found.js";
export { createPageToken, parsePageToken } from "./page-token.js";
export { parseMlflowTraces, readMlflowTraceFile } from "./mlflow-files.js";
export { MlflowServerStore, MlflowServerError, MAX_SEARCH_RESULTS, type MlflowServerStoreOptions, type TraceStore as AsyncTraceStore } from "./remote/index.js";
