import { diagnostics } from "../config/registry.js";
import { SpanAttributeKey } from "../model/keys.js";
import { type Span } from "../model/span.js";
import { type TokenUsage } from "../model/token-usage.js";
import { priceOf } from "./pricing/model-prices.js";
import { costOf, TRACE_COST_KEY, type Cost } from "./pricing/span-cost.js";

export { TRACE_COST_KEY };

/** Providers whose models run in the app's own process: no per-token price, nothing to report. */
const LOCAL_PROVIDERS = new Set(["transformers.js"]);

function readCost(span: Span): Cost | undefined {
  const cost = span.getAttribute(SpanAttributeKey.LLM_COST) as Partial<Cost> | undefined;
  if (typeof cost !== "object" || cost === null) return undefined;
  const { input_cost, output_cost, total_cost } = cost;
  return typeof input_cost === "number" && typeof output_cost === "number" && typeof total_cost === "number" ? { input_cost, output_cost, total_cost } : undefined;
}

/**
 * Gives each span that has token usage and a priced model its `mlflow.llm.cost` (a cost the
 * app or an adapter already set is kept), once, as the trace is finished. A model with no
 * price gets no cost, and is reported once per model; a model run locally is not priced.
 */
function priceSpan(span: Span): void {
  const attributes = span.attributes;
  if (!(SpanAttributeKey.CHAT_TOKEN_USAGE in attributes) || SpanAttributeKey.LLM_COST in attributes) return;
  const model = span.getAttribute(SpanAttributeKey.LLM_MODEL);
  if (typeof model !== "string" || model === "" || LOCAL_PROVIDERS.has(span.getAttribute(SpanAttributeKey.LLM_PROVIDER) as string)) return;
  const usage = span.getAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE) as Partial<TokenUsage> | undefined;
  if (typeof usage !== "object" || usage === null) return;
  const price = priceOf(model);
  if (price === undefined) {
    diagnostics.reportOnce(`cost-unknown-model:${model}`, `No price for model "${model}"; its spans get no cost. Add it with configure({ pricing: { "${model}": { input, output } } }) (USD per million tokens)`);
    return;
  }
  // The span was built for this trace a moment ago and is not yet shared: completing it here
  // costs no copy of its attributes.
  (attributes as Record<string, string>)[SpanAttributeKey.LLM_COST] = JSON.stringify(costOf(usage, price));
}

/**
 * Prices the spans, then sums their cost as the trace's usage is summed (token-usage.ts): a
 * span's cost counts unless an ancestor carries a cost too, so a wrapper that reports its
 * children's total is not counted twice. Undefined when no span has a cost.
 */
export function addTraceCost(spans: readonly Span[]): Cost | undefined {
  try {
    let priced = false;
    for (const span of spans) {
      priceSpan(span);
      if (SpanAttributeKey.LLM_COST in span.attributes) priced = true;
    }
    if (!priced) return undefined;
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const hasCost = (span: Span) => SpanAttributeKey.LLM_COST in span.attributes;
    let total: Cost | undefined;
    for (const span of spans) {
      if (!hasCost(span)) continue;
      let ancestor = span.parentId === null ? undefined : byId.get(span.parentId);
      while (ancestor !== undefined && !hasCost(ancestor)) ancestor = ancestor.parentId === null ? undefined : byId.get(ancestor.parentId);
      if (ancestor !== undefined) continue;
      const cost = readCost(span);
      if (cost === undefined) continue;
      total ??= { input_cost: 0, output_cost: 0, total_cost: 0 };
      total.input_cost += cost.input_cost;
      total.output_cost += cost.output_cost;
      total.total_cost += cost.total_cost;
    }
    if (total === undefined) return undefined;
    const round = (usd: number) => Math.round(usd * 1e12) / 1e12;
    return { input_cost: round(total.input_cost), output_cost: round(total.output_cost), total_cost: round(total.total_cost) };
  } catch (error) {
    diagnostics.reportOnce("cost-failed", "Computing the cost of a trace failed; the trace is kept without cost", error);
    return undefined;
  }
}
