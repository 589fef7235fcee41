import { tokenUsage, type TokenUsage } from "../llm/token-usage.js";

type Fields = Record<string, unknown>;

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Fields)[key] : undefined;
}

/** The message's `usage_metadata` (LangChain's provider-neutral counts), summed over the generations. */
function messageUsage(generations: unknown): TokenUsage | undefined {
  if (!Array.isArray(generations)) return undefined;
  let total: TokenUsage | undefined;
  for (const generation of generations.flat()) {
    const u = field(field(generation, "message"), "usage_metadata");
    if (u === undefined) continue;
    const usage = tokenUsage({
      input: field(u, "input_tokens"),
      output: field(u, "output_tokens"),
      total: field(u, "total_tokens"),
      cacheRead: field(field(u, "input_token_details"), "cache_read"),
      cacheCreation: field(field(u, "input_token_details"), "cache_creation"),
      reasoning: field(field(u, "output_token_details"), "reasoning"),
    });
    if (usage === undefined) continue;
    if (total === undefined) total = usage;
    else {
      total = { ...total };
      total.input_tokens += usage.input_tokens;
      total.output_tokens += usage.output_tokens;
      total.total_tokens += usage.total_tokens;
    }
  }
  return total;
}

/**
 * A LangChain result's usage: the messages' `usage_metadata` when present, else the provider's
 * `llmOutput.tokenUsage` (`promptTokens` / `completionTokens`, older integrations) or `llmOutput.usage`.
 */
export function langchainUsage(result: unknown): TokenUsage | undefined {
  const fromMessages = messageUsage(field(result, "generations"));
  if (fromMessages !== undefined) return fromMessages;
  const llmOutput = field(result, "llmOutput");
  const counts = field(llmOutput, "tokenUsage") ?? field(llmOutput, "estimatedTokenUsage") ?? field(llmOutput, "usage");
  if (counts === undefined) return undefined;
  return tokenUsage({
    input: field(counts, "promptTokens") ?? field(counts, "input_tokens") ?? field(counts, "prompt_tokens"),
    output: field(counts, "completionTokens") ?? field(counts, "output_tokens") ?? field(counts, "completion_tokens"),
    total: field(counts, "totalTokens") ?? field(counts, "total_tokens"),
  });
}
