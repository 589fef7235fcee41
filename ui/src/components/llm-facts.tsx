/** An LLM span's model, provider, token usage and cost, shown under its header on every tab. */
import { formatCost, formatCount } from "../lib/format";
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
  const cost = attributes["mlflow.llm.cost"] as { total_cost?: unknown } | undefined;
  // MLflow's UI shows a cost only when it has all three fields; the total is what we show.
  const totalCost = typeof cost === "object" && cost !== null && typeof cost.total_cost === "number" ? cost.total_cost : null;
  if (typeof model !== "string" && typeof provider !== "string" && !usage && totalCost === null) return null;
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
      {totalCost !== null && (
        <span class="chip llm-cost" title="cost (USD)">
          {formatCost(totalCost)}
        </span>
      )}
    </div>
  );
}
