import { tokenUsage, type TokenUsage } from "./token-usage.js";

type Counts = Record<string, unknown> | null | undefined;

function detail(details: unknown, key: string): unknown {
  return typeof details === "object" && details !== null ? (details as Record<string, unknown>)[key] : undefined;
}

/**
 * OpenAI's usage, from either API: Chat Completions counts `prompt_tokens` /
 * `completion_tokens`, Responses `input_tokens` / `output_tokens`. Cached prompt tokens are
 * part of the input count (OpenAI reports them inside it); reasoning tokens part of the output.
 */
export function openaiUsage(usage: unknown): TokenUsage | undefined {
  if (typeof usage !== "object" || usage === null) return undefined;
  const u = usage as Counts & Record<string, unknown>;
  const inputDetails = u.prompt_tokens_details ?? u.input_tokens_details;
  const outputDetails = u.completion_tokens_details ?? u.output_tokens_details;
  return tokenUsage({
    input: u.prompt_tokens ?? u.input_tokens,
    // Embeddings report only prompt and total tokens: they produce no output tokens.
    output: u.completion_tokens ?? u.output_tokens ?? (u.prompt_tokens !== undefined ? 0 : undefined),
    total: u.total_tokens,
    cacheRead: detail(inputDetails, "cached_tokens"),
    reasoning: detail(outputDetails, "reasoning_tokens"),
  });
}
