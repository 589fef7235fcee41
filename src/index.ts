/** traced: tracing for TypeScript LLM and GenAI applications, in MLflow's trace format. */
import "./polyfill/dispose-symbols.js";
import "./default-destination.js";

// Marking code
export { trace, type TraceDecorator } from "./capture/trace.js";
export { type TraceOptions, type MethodTraceOptions, type StreamChunk } from "./capture/trace-options.js";
export { withSpan, startSpan, enterSpan } from "./capture/block-spans.js";
export { type SpanOptions } from "./capture/span-options.js";
export { getTracingContextHeaders, withTracingContextFromHeaders } from "./capture/propagation.js";
export { TracingClient, type ClientSpanOptions, type ClientEndOptions } from "./capture/client.js";
export {
  getCurrentActiveSpan,
  getActiveTraceId,
  getLastActiveTraceId,
  updateCurrentTrace,
  setSpanInputs,
  setSpanOutputs,
  setSpanAttribute,
  setSpanAttributes,
  setSpanChatTools,
  setSpanTokenUsage,
  logSpanEvent,
  addSpanException,
  type UpdateTraceOptions,
} from "./capture/current-trace.js";
export { getTracedMethods, TRACED_OPTIONS_KEY, TRACED_PARAMETERS_KEY, TRACED_METADATA, type TracedMethodInfo } from "./capture/method-metadata.js";
export { PARAMETER_NAMES, parseParameterList, type ParameterInfo } from "./capture/parameter-names.js";
export { parameterNames } from "./runtime.js";

// Settings
export { configure, setDestination, enable, disable, isEnabled, reset, getTracingStats, type ConfigureOptions, type EnableOptions, type TracingStats } from "./configure.js";
export { type TracingConfig, DEFAULT_CONFIG } from "./config/options.js";
export { TracedUsageError } from "./config/errors.js";
export { type Diagnostic, type DiagnosticHandler } from "./config/diagnostics.js";
export { TRACED_VERSION } from "./config/registry.js";

// Processing
export { type SpanProcessor, addSpanProcessor } from "./processing/span-processor.js";
export { createRedactor, DEFAULT_REDACTED_KEYS, DEFAULT_REDACTED_PATTERNS, type RedactorOptions } from "./processing/redact.js";
export { serialize, type SerializeLimits } from "./processing/serialize.js";

// Export
export { type TraceExporter } from "./export/exporter.js";
export { InMemoryExporter } from "./export/in-memory-exporter.js";
export { ConsoleExporter } from "./export/console-exporter.js";
export { flushTraces, getExporters as getDestination, type FlushOptions } from "./export/destination.js";
export { type DestinationSpec, type DestinationEntry } from "./destinations.js";
export { renderTraceTree, type TreeOptions } from "./view/trace-tree.js";
export { createStoreExporter, type StoreExporter, type StoreExporterOptions } from "./store/store-exporter.js";

// Stored traces: search, assessments, tags, import and export. The store and query code loads
// on first use (issue 17); the store classes themselves are exported by "traced/store".
export { getTraceStore, closeTraceStores } from "./query/lazy-trace-store.js";
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
} from "./query/lazy-functions.js";
export type { TraceStore } from "./query/remote/trace-store-api.js";
export type { GetTraceStoreOptions } from "./query/store-location.js";
export type { MlflowServerStoreOptions } from "./query/remote/mlflow-server-store.js";
export type { ExportOptions, ExportTarget, ImportOptions } from "./query/trace-store.js";
export type {
  SessionSummary,
  SearchSessionsOptions,
  SearchSessionsResult,
  SessionsIncomplete,
  Session,
  SessionTurn,
  TurnAssessment,
  GetSessionOptions,
} from "./query/session-types.js";
export type {
  SummarizeTracesOptions,
  SummarizeTracesResult,
  TracesSummary,
  SummaryUnavailable,
  SummaryNumbers,
  SummaryBucket,
  SummaryGroup,
  SummaryGroupRow,
  HistogramBar,
  LatencyPercentiles,
} from "./query/summarize-types.js";
export { parseFilter } from "./query/filter-parser.js";
export { FilterError } from "./query/filter-error.js";
export { TraceNotFoundError } from "./query/not-found.js";
export type { SearchTracesOptions, SearchTracesResult } from "./query/search-traces.js";
export type { DeleteTracesOptions } from "./query/delete-traces.js";
export type { LogFeedbackOptions, LogExpectationOptions, AssessmentUpdate } from "./query/assessments.js";
export { getLastActiveTrace } from "./last-trace.js";
export { createOtlpExporter, OtlpExporter, type OtlpExporterOptions, type OtlpProtocol, type OtlpCompression, type RetryPolicy } from "./export/otlp/index.js";
export { createMlflowExporter, MlflowExporter, UndeliveredChangeError, type MlflowExporterOptions, type MlflowExporterStats } from "./export/mlflow/index.js";

// The trace model
export * from "./model/index.js";
export { type LiveSpan, type EndSpanOptions } from "./model/live-span.js";
