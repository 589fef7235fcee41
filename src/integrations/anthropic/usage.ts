import { tokenUsage, type TokenUsage } from "../llm/token-usage.js";

/**
 * Anthropic's usage, as MLflow's Anthropic autolog records it: input, output, their sum,
 * and the prompt-cache counts copied as they are. Anthropic's `input_tokens` counts only the
 * uncached input (cache reads and writes are reported beside it, not inside it), and MLflow
 * does not add them in, so neither do we: the total is `input_tokens + output_tokens`.
 */
export function anthropicUsage(usage: unknown): TokenUsage | undefined {
  if (typeof usage !== "object" || usage === null) return undefined;
  const u = usage as Record<string, unknown>;
  return tokenUsage({
    input: u.input_tokens,
    output: u.output_tokens,
    cacheRead: u.cache_read_input_tokens,
    cacheCreation: u.cache_creation_input_tokens,
  });
}
