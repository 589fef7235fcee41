/** MLflow's built-in span types. Any other string is a valid custom type. */
export const SpanType = {
  LLM: "LLM",
  CHAIN: "CHAIN",
  AGENT: "AGENT",
  TOOL: "TOOL",
  CHAT_MODEL: "CHAT_MODEL",
  RETRIEVER: "RETRIEVER",
  PARSER: "PARSER",
  EMBEDDING: "EMBEDDING",
  RERANKER: "RERANKER",
  MEMORY: "MEMORY",
  UNKNOWN: "UNKNOWN",
  WORKFLOW: "WORKFLOW",
  TASK: "TASK",
  GUARDRAIL: "GUARDRAIL",
  EVALUATOR: "EVALUATOR",
} as const;

export type BuiltInSpanType = (typeof SpanType)[keyof typeof SpanType];
/** A built-in type or any custom string; the `string & {}` keeps editor completion for built-ins. */
export type SpanTypeName = BuiltInSpanType | (string & {});
