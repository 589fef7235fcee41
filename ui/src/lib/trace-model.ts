/**
 * MLflow's trace dict turned into what the detail page draws: spans with hex ids, times in
 * ms from the trace start, decoded attributes, and the parent → children tree.
 */
import { type MlflowSpanDict, type MlflowTraceDict } from "./api";

export interface UiSpanEvent {
  name: string;
  offsetMs: number;
  attributes: Record<string, unknown>;
}

export interface UiSpan {
  spanId: string;
  parentId: string | null;
  name: string;
  spanType: string;
  startMs: number;
  endMs: number | null;
  durationMs: number | null;
  isError: boolean;
  statusMessage: string;
  inputs: unknown;
  outputs: unknown;
  hasInputs: boolean;
  hasOutputs: boolean;
  /** Decoded attribute values, without inputs and outputs (shown on their own). */
  attributes: Record<string, unknown>;
  events: UiSpanEvent[];
  depth: number;
  children: UiSpan[];
}

export interface UiTrace {
  dict: MlflowTraceDict;
  spans: UiSpan[];
  byId: Map<string, UiSpan>;
  roots: UiSpan[];
  /** From the earliest span start to the latest end. */
  totalMs: number;
}

/** MLflow writes span ids in base64; the UI (and URLs) use the 16 hex digits. */
export function base64ToHex(base64: string | null): string | null {
  if (!base64) return null;
  try {
    const bytes = atob(base64);
    let hex = "";
    for (let i = 0; i < bytes.length; i++) hex += bytes.charCodeAt(i).toString(16).padStart(2, "0");
    return hex;
  } catch {
    return base64;
  }
}

export function decodeJsonText(text: unknown): unknown {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const INPUTS = "mlflow.spanInputs";
const OUTPUTS = "mlflow.spanOutputs";

function toUiSpan(dict: MlflowSpanDict, originNs: number): UiSpan {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(dict.attributes ?? {})) {
    if (key !== INPUTS && key !== OUTPUTS) attributes[key] = decodeJsonText(value);
  }
  const type = attributes["mlflow.spanType"];
  const startMs = (dict.start_time_unix_nano - originNs) / 1e6;
  const endMs = dict.end_time_unix_nano === null || dict.end_time_unix_nano === undefined ? null : (dict.end_time_unix_nano - originNs) / 1e6;
  const code = String(dict.status?.code ?? "");
  return {
    spanId: base64ToHex(dict.span_id)!,
    parentId: base64ToHex(dict.parent_span_id),
    name: String(dict.name ?? ""),
    spanType: typeof type === "string" && type ? type : "UNKNOWN",
    startMs,
    endMs,
    durationMs: endMs === null ? null : endMs - startMs,
    isError: code.endsWith("ERROR"),
    statusMessage: String(dict.status?.message ?? ""),
    inputs: decodeJsonText(dict.attributes?.[INPUTS]),
    outputs: decodeJsonText(dict.attributes?.[OUTPUTS]),
    hasInputs: dict.attributes?.[INPUTS] !== undefined,
    hasOutputs: dict.attributes?.[OUTPUTS] !== undefined,
    attributes,
    events: (dict.events ?? []).map((event) => ({
      name: String(event.name ?? ""),
      offsetMs: (event.time_unix_nano - originNs) / 1e6,
      attributes: event.attributes ?? {},
    })),
    depth: 0,
    children: [],
  };
}

export function buildUiTrace(dict: MlflowTraceDict): UiTrace {
  const raw = dict.data?.spans ?? [];
  const originNs = raw.reduce((min, span) => Math.min(min, span.start_time_unix_nano), Number.POSITIVE_INFINITY);
  const spans = raw.map((span) => toUiSpan(span, Number.isFinite(originNs) ? originNs : 0));
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const roots: UiSpan[] = [];
  for (const span of spans) {
    const parent = span.parentId === null ? undefined : byId.get(span.parentId);
    // A span whose parent was recorded elsewhere (a distributed trace) is shown as a root.
    if (parent && parent !== span) parent.children.push(span);
    else roots.push(span);
  }
  const byStart = (a: UiSpan, b: UiSpan) => a.startMs - b.startMs;
  roots.sort(byStart);
  // Depths without recursion: a 10k-deep chain must not overflow the stack.
  const stack = roots.map((root) => ({ span: root, depth: 0 }));
  while (stack.length) {
    const { span, depth } = stack.pop()!;
    span.depth = depth;
    span.children.sort(byStart);
    for (const child of span.children) stack.push({ span: child, depth: depth + 1 });
  }
  const totalMs = spans.reduce((max, span) => Math.max(max, span.endMs ?? span.startMs), 0);
  return { dict, spans, byId, roots, totalMs };
}

/** The rows of the tree as shown: depth-first, skipping the children of collapsed spans. */
export function visibleRows(roots: readonly UiSpan[], collapsed: ReadonlySet<string>): UiSpan[] {
  const rows: UiSpan[] = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const span = stack.pop()!;
    rows.push(span);
    if (!collapsed.has(span.spanId)) for (let i = span.children.length - 1; i >= 0; i--) stack.push(span.children[i]!);
  }
  return rows;
}
