import { tokenUsage, type TokenUsage } from "../llm/token-usage.js";

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function sum(...values: (number | undefined)[]): number | undefined {
  return values.every((value) => value === undefined) ? undefined : values.reduce<number>((total, value) => total + (value ?? 0), 0);
}

/**
 * Gemini's `usageMetadata` in MLflow's shape. Gemini counts thinking apart:
 * `candidatesTokenCount` leaves out `thoughtsTokenCount`, while `totalTokenCount` holds
 * both, and tool-use prompts (e.g. search results) are in the total but not in
 * `promptTokenCount`. So output = candidates + thoughts (thinking is billed as output) and
 * input = prompt + tool-use prompt, which keeps input + output = total as MLflow sums it.
 * Cached tokens are part of the prompt count, as MLflow's `cache_read_input_tokens` expects.
 */
export function geminiUsage(usage: unknown): TokenUsage | undefined {
  if (typeof usage !== "object" || usage === null) return undefined;
  const u = usage as Record<string, unknown>;
  const thoughts = count(u.thoughtsTokenCount);
  return tokenUsage({
    input: sum(count(u.promptTokenCount), count(u.toolUsePromptTokenCount)),
    output: sum(count(u.candidatesTokenCount), thoughts),
    total: u.totalTokenCount,
    cacheRead: u.cachedContentTokenCount,
    reasoning: thoughts,
  });
}

/**
 * An embedding call's usage, when the API reports one: the Gemini API's batch endpoint
 * reports none; Vertex AI gives each embedding's `statistics.tokenCount`. Embeddings have no
 * output tokens.
 */
export function embeddingUsage(response: unknown): TokenUsage | undefined {
  if (typeof response !== "object" || response === null) return undefined;
  const r = response as { usageMetadata?: { promptTokenCount?: unknown }; embeddings?: unknown };
  const embeddings = Array.isArray(r.embeddings) ? (r.embeddings as { statistics?: { tokenCount?: unknown } }[]) : [];
  const input = count(r.usageMetadata?.promptTokenCount) ?? sum(...embeddings.map((embedding) => count(embedding?.statistics?.tokenCount)));
  return input === undefined ? undefined : tokenUsage({ input, output: 0 });
}
