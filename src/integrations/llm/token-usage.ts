import { type TokenUsage } from "../../model/token-usage.js";

export { type TokenUsage };

export interface UsageCounts {
  input?: unknown;
  output?: unknown;
  total?: unknown;
  cacheRead?: unknown;
  cacheCreation?: unknown;
  reasoning?: unknown;
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Builds a usage record from a provider's counts (anything not a count is ignored).
 * Undefined when the provider reported neither input nor output tokens.
 */
export function tokenUsage(counts: UsageCounts): TokenUsage | undefined {
  const input = count(counts.input);
  const output = count(counts.output);
  if (input === undefined && output === undefined) return undefined;
  const usage: TokenUsage = {
    input_tokens: input ?? 0,
    output_tokens: output ?? 0,
    total_tokens: count(counts.total) ?? (input ?? 0) + (output ?? 0),
  };
  const cacheRead = count(counts.cacheRead);
  const cacheCreation = count(counts.cacheCreation);
  const reasoning = count(counts.reasoning);
  if (cacheRead !== undefined) usage.cache_read_input_tokens = cacheRead;
  if (cacheCreation !== undefined) usage.cache_creation_input_tokens = cacheCreation;
  if (reasoning !== undefined) usage.reasoning_tokens = reasoning;
  return usage;
}
