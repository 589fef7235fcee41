/**
 * One message model for every provider's chat shapes, so the Chat view draws them the same
 * way. Each provider's parser (openai-chat, openai-responses, anthropic, gemini) returns
 * null for a value that is not its shape, which lets a span without a recorded format be
 * tried against each of them.
 */

export type ChatPart =
  | { kind: "text"; text: string }
  | { kind: "refusal"; text: string }
  /** Reasoning or thinking; `redacted` when the provider sent it encrypted. */
  | { kind: "thinking"; text: string; redacted: boolean }
  /** An image, audio clip or file, named but never loaded (the page's CSP forbids it anyway). */
  | { kind: "media"; media: string; label: string }
  | { kind: "tool_call"; id: string | null; name: string; args: unknown }
  /** `name` is the called tool's, filled from the matching call when the result lacks it. */
  | { kind: "tool_result"; id: string | null; name: string | null; content: unknown; isError: boolean }
  | { kind: "other"; label: string; value: unknown };

export interface ChatMessage {
  role: string;
  name: string | null;
  parts: ChatPart[];
  /** Why the model stopped, or which of several choices this is. */
  note: string | null;
}

export interface ChatTool {
  name: string;
  description: string | null;
  parameters: unknown;
  /** "function", or a provider's built-in tool type (web search, code execution…). */
  kind: string;
}

/** One provider's parser: null for a value that is not its shape. */
export interface ChatParser {
  input(value: unknown): ChatMessage[] | null;
  output(value: unknown): ChatMessage[] | null;
}

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

export const stringOr = <T>(value: unknown, fallback: T): string | T => (typeof value === "string" ? value : fallback);

export function message(role: string, parts: ChatPart[], note: string | null = null, name: string | null = null): ChatMessage {
  return { role, name, parts, note };
}

export const text = (value: unknown): ChatPart => ({ kind: "text", text: typeof value === "string" ? value : String(value ?? "") });

/** Tool arguments arrive as JSON text from OpenAI; shown parsed when they parse. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A label for an inline or linked media item: its type and size or address, never its bytes. */
/** A message's `content`: a string, or a list of parts each turned into a ChatPart by `toPart`. */
export function contentParts(content: unknown, toPart: (part: unknown) => ChatPart): ChatPart[] {
  if (typeof content === "string") return content ? [text(content)] : [];
  if (Array.isArray(content)) return content.map(toPart);
  return content === null || content === undefined ? [] : [{ kind: "other", label: "content", value: content }];
}

/** OpenAI's `input_audio` part (the same in Chat Completions and Responses). */
export function audioPart(part: Json): ChatPart {
  const audio = isObject(part.input_audio) ? part.input_audio : {};
  return { kind: "media", media: "audio", label: mediaLabel(audio.format, audio.data, undefined) };
}

export function mediaLabel(mimeType: unknown, data: unknown, url: unknown): string {
  const details: string[] = [];
  if (typeof mimeType === "string" && mimeType) details.push(mimeType);
  if (typeof url === "string" && url) {
    const dataUrl = /^data:([^;,]*)[;,]/i.exec(url);
    if (dataUrl) {
      if (dataUrl[1] && !details.includes(dataUrl[1])) details.push(dataUrl[1]);
      details.push(`inline, ${sizeOf(url.length)}`);
    } else {
      details.push(url.length > 200 ? url.slice(0, 200) + "…" : url);
    }
  }
  if (typeof data === "string" && data) details.push(`inline, ${sizeOf(data.length)}`);
  return details.join(" · ");
}

function sizeOf(chars: number): string {
  return chars < 2048 ? `${chars} chars` : `${(chars / 1024).toFixed(1)} KB`;
}

/** "image/png" → "image"; anything not image or audio is a file. */
export function mediaKind(mimeType: unknown, fallback = "file"): string {
  if (typeof mimeType !== "string") return fallback;
  if (mimeType.startsWith("image/")) return "image";
  if (mimeType.startsWith("audio/")) return "audio";
  if (mimeType.startsWith("video/")) return "video";
  return "file";
}

export function countOther(messages: readonly ChatMessage[] | null): number {
  if (!messages) return Number.POSITIVE_INFINITY;
  return messages.reduce((sum, m) => sum + m.parts.filter((p) => p.kind === "other").length, 0);
}
