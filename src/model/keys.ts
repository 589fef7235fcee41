/** Attribute, metadata and tag keys exactly as MLflow writes them. */

export const SpanAttributeKey = {
  TRACE_ID: "mlflow.traceRequestId",
  SPAN_TYPE: "mlflow.spanType",
  INPUTS: "mlflow.spanInputs",
  OUTPUTS: "mlflow.spanOutputs",
  FUNCTION_NAME: "mlflow.spanFunctionName",
  EXPERIMENT_ID: "mlflow.experimentId",
  CHAT_TOOLS: "mlflow.chat.tools",
  CHAT_TOKEN_USAGE: "mlflow.chat.tokenUsage",
  MESSAGE_FORMAT: "mlflow.message.format",
  LLM_MODEL: "mlflow.llm.model",
  LLM_PROVIDER: "mlflow.llm.provider",
  LLM_COST: "mlflow.llm.cost",
} as const;

export const TraceMetadataKey = {
  SCHEMA_VERSION: "mlflow.trace_schema.version",
  INPUTS: "mlflow.traceInputs",
  OUTPUTS: "mlflow.traceOutputs",
  SOURCE_RUN: "mlflow.sourceRun",
  MODEL_ID: "mlflow.modelId",
  USER: "mlflow.trace.user",
  SESSION: "mlflow.trace.session",
  TOKEN_USAGE: "mlflow.trace.tokenUsage",
  SIZE_STATS: "mlflow.trace.sizeStats",
  SIZE_BYTES: "mlflow.trace.sizeBytes",
} as const;

export const TraceTagKey = {
  TRACE_NAME: "mlflow.traceName",
  ARTIFACT_LOCATION: "mlflow.artifactLocation",
  SPANS_LOCATION: "mlflow.trace.spansLocation",
} as const;

export const SpanEventName = {
  EXCEPTION: "exception",
  /** Chunk `i` of a stream is event `mlflow.chunk.item.{i}`, counted from 0. */
  CHUNK_PREFIX: "mlflow.chunk.item.",
} as const;

export const EventAttributeKey = {
  EXCEPTION_TYPE: "exception.type",
  EXCEPTION_MESSAGE: "exception.message",
  EXCEPTION_STACKTRACE: "exception.stacktrace",
  EXCEPTION_ESCAPED: "exception.escaped",
  CHUNK_VALUE: "mlflow.chunk.value",
} as const;

export const TRACE_SCHEMA_VERSION = "3";
