/**
 * Token usage in MLflow's `mlflow.chat.tokenUsage` shape. MLflow has fields for input,
 * output and total tokens and for prompt-cache reads and writes; reasoning tokens, which
 * MLflow has no field for, go in traced's own `reasoning_tokens` (already part of
 * `output_tokens`, as every provider counts them).
 */
export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
  /** traced's extra field: the part of `output_tokens` spent on reasoning / thinking. */
  reasoning_tokens?: number;
}

export const TOKEN_USAGE_FIELDS = ["input_tokens", "output_tokens", "total_tokens", "cache_read_input_tokens", "cache_creation_input_tokens", "reasoning_tokens"] as const;
