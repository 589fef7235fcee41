/**
 * A span's token usage from `mlflow.chat.tokenUsage`: MLflow's input, output and total
 * counts and prompt-cache reads and writes, plus traced's `reasoning_tokens`.
 */
import { isObject } from "./model";

export interface SpanUsage {
  input: number | null;
  output: number | null;
  total: number | null;
  cacheRead: number | null;
  cacheCreation: number | null;
  reasoning: number | null;
}

const count = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

export function spanUsage(attribute: unknown): SpanUsage | null {
  if (!isObject(attribute)) return null;
  const usage: SpanUsage = {
    input: count(attribute.input_tokens),
    output: count(attribute.output_tokens),
    total: count(attribute.total_tokens),
    cacheRead: count(attribute.cache_read_input_tokens),
    cacheCreation: count(attribute.cache_creation_input_tokens),
    reasoning: count(attribute.reasoning_tokens),
  };
  if (usage.total === null && (usage.input !== null || usage.output !== null)) usage.total = (usage.input ?? 0) + (usage.output ?? 0);
  return Object.values(usage).some((n) => n !== null) ? usage : null;
}
