import { SpanAttributeKey } from "../model/keys.js";
import { type Span } from "../model/span.js";

interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

/**
 * The trace's token usage as MLflow sums it: over spans carrying `mlflow.chat.tokenUsage`,
 * skipping spans whose ancestor already carries usage (a wrapper that reports the total of
 * its children must not be counted twice). Undefined when no span reports usage.
 */
export function aggregateTokenUsage(spans: readonly Span[]): TokenUsage | undefined {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const hasUsage = (span: Span) => SpanAttributeKey.CHAT_TOKEN_USAGE in span.attributes;
  let total: TokenUsage | undefined;
  for (const span of spans) {
    if (!hasUsage(span)) continue;
    let ancestor = span.parentId === null ? undefined : byId.get(span.parentId);
    while (ancestor !== undefined && !hasUsage(ancestor)) ancestor = ancestor.parentId === null ? undefined : byId.get(ancestor.parentId);
    if (ancestor !== undefined) continue;
    const usage = span.getAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE) as Partial<TokenUsage> | undefined;
    if (typeof usage !== "object" || usage === null) continue;
    total ??= { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
    total.input_tokens += Number(usage.input_tokens) || 0;
    total.output_tokens += Number(usage.output_tokens) || 0;
    total.total_tokens += Number(usage.total_tokens) || (Number(usage.input_tokens) || 0) + (Number(usage.output_tokens) || 0);
  }
  return total;
}
