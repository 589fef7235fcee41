import { type TokenUsage } from "../../model/token-usage.js";
import { type ModelPrice } from "./price-table.js";

/** MLflow's trace metadata key for the summed cost (`constant.py`; only the Python SDK defines it). */
export const TRACE_COST_KEY = "mlflow.trace.cost";

/** MLflow's `mlflow.llm.cost` / `mlflow.trace.cost` shape, in USD. */
export interface Cost {
  input_cost: number;
  output_cost: number;
  total_cost: number;
}

// Sub-nano-dollar noise from float products is not money; 12 decimals keep every real digit.
const round = (usd: number) => Math.round(usd * 1e12) / 1e12;
const count = (value: unknown) => (typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0);

/**
 * The cost of one call's usage. OpenAI and Gemini count cached prompt tokens inside
 * `input_tokens`; Anthropic reports them beside it (see anthropic/usage.ts), so only for
 * Anthropic prices are cache tokens added rather than carved out. Reasoning tokens are part
 * of `output_tokens` for every provider.
 */
export function costOf(usage: Partial<TokenUsage>, price: ModelPrice): Cost {
  const input = count(usage.input_tokens);
  const cacheRead = count(usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  const uncached = price.provider === "anthropic" ? input : Math.max(0, input - cacheRead - cacheWrite);
  const output = count(usage.output_tokens);
  const reasoning = Math.min(count(usage.reasoning_tokens), output);
  const inputCost = (uncached * price.input + cacheRead * (price.cacheRead ?? price.input) + cacheWrite * (price.cacheWrite ?? price.input)) / 1e6;
  const outputCost = ((output - reasoning) * price.output + reasoning * (price.reasoning ?? price.output)) / 1e6;
  return { input_cost: round(inputCost), output_cost: round(outputCost), total_cost: round(inputCost + outputCost) };
}
