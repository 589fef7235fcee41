/** An LLM span's model, provider and token usage, shown under its header on every tab. */
import { formatCount } from "../lib/format";
import { spanUsage, type SpanUsage } from "../lib/chat/usage";

const USAGE_ITEMS: [keyof SpanUsage, string][] = [
  ["input", "input"],
  ["output", "output"],
  ["total", "total"],
  ["cacheRead", "cache read"],
  ["cacheCreation", "cache write"],
  ["reasoning", "reasoning"],
];

export function LlmFacts({ attributes }: { attributes: Record<string, unknown> }) {
  const model = attributes["mlflow.llm.model"];
  const provider = attributes["mlflow.llm.provider"];
  const usage = spanUsage(attributes["mlflow.chat.tokenUsage"]);
  if (typeof model !== "string" && typeof provider !== "string" && !usage) return null;
  return (
    <div class="llm-facts">
      {typeof model === "string" && model && (
        <span class="llm-model mono" title="model">
          {model}
        </span>
      )}
      {typeof provider === "string" && provider && (
        <span class="chip llm-provider" title="provider">
          {provider}
        </span>
      )}
      {usage && (
        <span class="token-usage" role="group" aria-label="token usage">
          {USAGE_ITEMS.filter(([key]) => usage[key] !== null).map(([key, label]) => (
            <span key={key} class="usage-item" data-usage={key}>
              <span class="usage-value">{formatCount(usage[key]!)}</span> <span class="usage-label">{label}</span>
            </span>
          ))}
        </span>
      )}
    </div>
  );
}
