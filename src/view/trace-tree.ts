/**
 * A trace as a tree of lines for a terminal: name, type, duration and status per span, with
 * short previews of inputs and outputs and, on request, attributes and events. Pure text in,
 * text out (colour is the caller's choice).
 */
import { SpanAttributeKey } from "../model/keys.js";
import { type Span } from "../model/span.js";
import { type Trace } from "../model/trace.js";
import { TRACE_COST_KEY } from "../processing/pricing/span-cost.js";
import { formatCost, totalCost } from "./cost.js";
import { formatDuration, formatTraceDuration } from "./duration.js";
import { spanDetailLines } from "./span-details.js";
import { oneLine, plainLine } from "./terminal-text.js";

export { formatDuration, formatTraceDuration } from "./duration.js";

export interface TreeOptions {
  /** Characters of inputs/outputs shown per span (0 hides them). */
  previewChars?: number;
  color?: boolean;
  /** Also print each span's other attributes and its events (exceptions, stream chunks, the rest). */
  details?: boolean;
  /** Print values whole: inputs, outputs and attributes uncut, whole stack traces, every stream chunk. */
  full?: boolean;
}

const STYLE = { dim: "\x1b[2m", red: "\x1b[31m", green: "\x1b[32m", cyan: "\x1b[36m", bold: "\x1b[1m", reset: "\x1b[0m" };

/** `  · 42 tokens (30 in, 12 out)` for a span that reports token usage. */
function tokens(span: Span): string {
  const usage = span.getAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE) as { input_tokens?: unknown; output_tokens?: unknown; total_tokens?: unknown } | undefined;
  if (typeof usage !== "object" || usage === null || typeof usage.total_tokens !== "number") return "";
  const cost = totalCost(span.getAttribute(SpanAttributeKey.LLM_COST));
  const price = cost === undefined ? "" : ` · ${formatCost(cost)}`;
  return `  · ${usage.total_tokens} tokens (${Number(usage.input_tokens) || 0} in, ${Number(usage.output_tokens) || 0} out)${price}`;
}

/** `  $0.0123` after the trace's state when it has a cost. */
function traceCost(trace: Trace): string {
  const cost = totalCost(trace.info.metadata[TRACE_COST_KEY]);
  return cost === undefined ? "" : `  ${formatCost(cost)}`;
}

export function renderTraceTree(trace: Trace, options: TreeOptions = {}): string {
  const preview = options.previewChars ?? 60;
  const cut = options.full ? Infinity : preview;
  const paint = (style: keyof typeof STYLE, text: string) => (options.color ? STYLE[style] + text + STYLE.reset : text);
  const lines: string[] = [];
  const info = trace.info;
  lines.push(
    `${paint("bold", info.traceId)}  ${info.state === "ERROR" ? paint("red", info.state) : paint("green", info.state)}  ${info.executionDurationMs !== null ? formatTraceDuration(info.executionDurationMs) : formatDuration(trace.rootSpan?.durationMs)}${traceCost(trace)}`,
  );
  const originNs = trace.spans.reduce<bigint | null>((min, span) => (min === null || span.startTimeNs < min ? span.startTimeNs : min), null) ?? 0n;
  const childrenOf = new Map<string | null, Span[]>();
  const ids = new Set(trace.spans.map((span) => span.spanId));
  for (const span of trace.spans) {
    const parent = span.parentId !== null && ids.has(span.parentId) ? span.parentId : null;
    (childrenOf.get(parent) ?? childrenOf.set(parent, []).get(parent)!).push(span);
  }
  const visit = (span: Span, prefix: string, last: boolean) => {
    const branch = last ? "└─ " : "├─ ";
    const failed = span.status.code === "ERROR";
    const status = failed ? paint("red", ` ✗ ${plainLine(span.status.message, 80)}`) : "";
    lines.push(`${prefix}${branch}${paint("bold", plainLine(span.name, 80))} ${paint("cyan", `[${span.spanType}]`)} ${paint("dim", (span.durationMs === null ? "running" : formatDuration(span.durationMs)) + tokens(span))}${status}`);
    const inner = prefix + (last ? "   " : "│  ");
    if (preview > 0) {
      if (span.inputs !== undefined) lines.push(`${inner}${paint("dim", "in:  ")}${oneLine(span.inputs, cut)}`);
      if (span.outputs !== undefined) lines.push(`${inner}${paint("dim", "out: ")}${oneLine(span.outputs, cut)}`);
    }
    if (options.details) {
      for (const line of spanDetailLines(span, { maxChars: preview > 0 ? preview : 120, full: options.full === true, originNs })) {
        lines.push(inner + (line.style ? paint(line.style, line.text) : line.text));
      }
    }
    const children = childrenOf.get(span.spanId) ?? [];
    children.forEach((child, i) => visit(child, inner, i === children.length - 1));
  };
  const roots = childrenOf.get(null) ?? [];
  roots.forEach((root, i) => visit(root, "", i === roots.length - 1));
  return lines.join("\n");
}
