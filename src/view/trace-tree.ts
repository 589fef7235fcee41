/**
 * A trace as a tree of lines for a terminal: name, type, duration and status per span, with
 * short previews of inputs and outputs. Pure text in, text out (colour is the caller's choice).
 */
import { SpanAttributeKey } from "../model/keys.js";
import { type Span } from "../model/span.js";
import { type Trace } from "../model/trace.js";

export interface TreeOptions {
  /** Characters of inputs/outputs shown per span (0 hides them). */
  previewChars?: number;
  color?: boolean;
}

const STYLE = { dim: "\x1b[2m", red: "\x1b[31m", green: "\x1b[32m", cyan: "\x1b[36m", bold: "\x1b[1m", reset: "\x1b[0m" };

/** One terminal-safe line: control and bidi characters from captured data cannot move the cursor or recolour the terminal. */
function plainLine(text: string, max: number): string {
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, " ");
  return safe.length > max ? safe.slice(0, Math.max(0, max - 1)) + "…" : safe;
}

/** A captured value as one line of JSON. */
function oneLine(value: unknown, max: number): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return plainLine(text, max);
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "running";
  if (ms < 1) return `${(ms * 1000).toFixed(0)}µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

/** `  · 42 tokens (30 in, 12 out)` for a span that reports token usage. */
function tokens(span: Span): string {
  const usage = span.getAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE) as { input_tokens?: unknown; output_tokens?: unknown; total_tokens?: unknown } | undefined;
  if (typeof usage !== "object" || usage === null || typeof usage.total_tokens !== "number") return "";
  return `  · ${usage.total_tokens} tokens (${Number(usage.input_tokens) || 0} in, ${Number(usage.output_tokens) || 0} out)`;
}

export function renderTraceTree(trace: Trace, options: TreeOptions = {}): string {
  const preview = options.previewChars ?? 60;
  const paint = (style: keyof typeof STYLE, text: string) => (options.color ? STYLE[style] + text + STYLE.reset : text);
  const lines: string[] = [];
  const info = trace.info;
  lines.push(
    `${paint("bold", info.traceId)}  ${info.state === "ERROR" ? paint("red", info.state) : paint("green", info.state)}  ${formatDuration(trace.rootSpan?.durationMs ?? info.executionDurationMs)}`,
  );
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
    lines.push(`${prefix}${branch}${paint("bold", plainLine(span.name, 80))} ${paint("cyan", `[${span.spanType}]`)} ${paint("dim", formatDuration(span.durationMs) + tokens(span))}${status}`);
    const inner = prefix + (last ? "   " : "│  ");
    if (preview > 0) {
      if (span.inputs !== undefined) lines.push(`${inner}${paint("dim", "in:  ")}${oneLine(span.inputs, preview)}`);
      if (span.outputs !== undefined) lines.push(`${inner}${paint("dim", "out: ")}${oneLine(span.outputs, preview)}`);
    }
    const children = childrenOf.get(span.spanId) ?? [];
    children.forEach((child, i) => visit(child, inner, i === children.length - 1));
  };
  const roots = childrenOf.get(null) ?? [];
  roots.forEach((root, i) => visit(root, "", i === roots.length - 1));
  return lines.join("\n");
}
