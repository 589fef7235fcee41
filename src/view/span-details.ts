/**
 * A span's attributes and events as terminal lines, under its line in the trace tree:
 * exceptions with type, message and stack, stream chunks gathered into one line, and every
 * other attribute and event. Short by default (values cut, the stack's first frames);
 * `full` prints everything whole.
 */
import { SpanAttributeKey } from "../model/keys.js";
import { type Span, type SpanEvent } from "../model/span.js";
import { formatDuration } from "./duration.js";
import { oneLine, plainLine, plainValue } from "./terminal-text.js";

export interface DetailOptions {
  /** Characters per value before it is cut (ignored when `full`). */
  readonly maxChars: number;
  readonly full: boolean;
  /** Event times are shown from here (the trace's first span start), as `traced ui` shows them. */
  readonly originNs: bigint;
}

export interface DetailLine {
  readonly text: string;
  readonly style?: "red" | "dim";
}

/** Shown elsewhere in the tree (type, inputs, outputs, tokens) or internal to MLflow. */
const SHOWN_ELSEWHERE = new Set<string>([
  SpanAttributeKey.SPAN_TYPE,
  SpanAttributeKey.INPUTS,
  SpanAttributeKey.OUTPUTS,
  SpanAttributeKey.CHAT_TOKEN_USAGE,
  SpanAttributeKey.TRACE_ID,
]);

const CHUNK_PREFIX = "mlflow.chunk.item.";
const CHUNK_VALUE = "mlflow.chunk.value";
const EXCEPTION_KEYS = new Set(["exception.type", "exception.message", "exception.stacktrace", "exception.escaped"]);
/** Stack lines shown without `full`: enough to see where it was thrown. */
const STACK_LINES = 5;

function decodeJson(text: unknown): unknown {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function at(event: SpanEvent, options: DetailOptions): string {
  return formatDuration(Number(event.timeUnixNano - options.originNs) / 1e6);
}

function exceptionLines(event: SpanEvent, options: DetailOptions): DetailLine[] {
  const a = event.attributes;
  const type = a["exception.type"] === undefined ? "Error" : String(a["exception.type"]);
  const message = a["exception.message"] === undefined ? "" : String(a["exception.message"]);
  const cut = options.full ? Infinity : options.maxChars;
  const lines: DetailLine[] = [{ text: plainLine(`exception at ${at(event, options)}: ${type}${message ? `: ${message}` : ""}`, cut), style: "red" }];
  let stack = a["exception.stacktrace"] === undefined ? [] : String(a["exception.stacktrace"]).split(/\r?\n/);
  // Most stacks open with "Type: message", already on the line above.
  if (stack[0]?.trim() === `${type}: ${message}` || stack[0]?.trim() === type) stack = stack.slice(1);
  stack = stack.filter((line) => line.trim() !== "");
  const shown = options.full ? stack : stack.slice(0, STACK_LINES);
  for (const line of shown) lines.push({ text: "  " + plainLine(line.trim(), cut), style: "dim" });
  if (shown.length < stack.length) lines.push({ text: `  … ${stack.length - shown.length} more stack lines (--full shows them)`, style: "dim" });
  const others = Object.entries(a).filter(([key]) => !EXCEPTION_KEYS.has(key));
  if (others.length > 0) lines.push({ text: "  " + plainLine(others.map(([k, v]) => `${k}=${plainValue(v)}`).join(", "), cut) });
  return lines;
}

function chunkLines(chunks: readonly SpanEvent[], options: DetailOptions): DetailLine[] {
  const values = chunks.map((chunk) => decodeJson(chunk.attributes[CHUNK_VALUE]));
  const over = formatDuration(Number(chunks[chunks.length - 1]!.timeUnixNano - chunks[0]!.timeUnixNano) / 1e6);
  const head = `stream at ${at(chunks[0]!, options)}: ${chunks.length} chunk${chunks.length === 1 ? "" : "s"} over ${over}`;
  if (options.full) {
    return [{ text: head }, ...chunks.map((chunk, i) => ({ text: `  chunk ${i} at ${at(chunk, options)}: ${oneLine(values[i])}` }))];
  }
  // Text streams read best joined; other chunks are counted, and listed with --full.
  const text = values.every((value) => typeof value === "string") ? `: ${JSON.stringify(values.join(""))}` : "";
  return [{ text: plainLine(head + text, options.maxChars) }];
}

function eventLine(event: SpanEvent, options: DetailOptions): DetailLine {
  const attributes = Object.entries(event.attributes).map(([key, value]) => `${key}=${plainValue(value)}`);
  const text = `event ${event.name} at ${at(event, options)}${attributes.length ? `: ${attributes.join(", ")}` : ""}`;
  return { text: plainLine(text, options.full ? Infinity : options.maxChars) };
}

export function spanDetailLines(span: Span, options: DetailOptions): DetailLine[] {
  const cut = options.full ? Infinity : options.maxChars;
  const lines: DetailLine[] = [];
  for (const key of Object.keys(span.attributes)) {
    if (SHOWN_ELSEWHERE.has(key)) continue;
    lines.push({ text: plainLine(`${key} = ${plainValue(span.getAttribute(key))}`, cut) });
  }
  const chunks = span.events.filter((event) => event.name.startsWith(CHUNK_PREFIX));
  let chunksShown = false;
  for (const event of span.events) {
    if (event.name === "exception") lines.push(...exceptionLines(event, options));
    else if (!event.name.startsWith(CHUNK_PREFIX)) lines.push(eventLine(event, options));
    else if (!chunksShown) {
      // All of a stream's chunks at the place of its first.
      lines.push(...chunkLines(chunks, options));
      chunksShown = true;
    }
  }
  return lines;
}
