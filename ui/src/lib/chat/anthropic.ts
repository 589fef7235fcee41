/**
 * Anthropic Messages: the request's `system` and `messages` (content blocks: text, images,
 * tool_use, tool_result, thinking), and the Message the model returned.
 */
import { isObject, mediaLabel, message, parseJsonText, stringOr, text, type ChatMessage, type ChatPart, type Json } from "./model";

function sourceLabel(source: unknown): string {
  if (!isObject(source)) return "";
  if (source.type === "file") return stringOr(source.file_id, "file");
  if (source.type === "text") return "text document";
  return mediaLabel(source.media_type, source.data, source.url);
}

/** A tool result's content: its text when it is all text, with media named in place. */
function resultContent(content: unknown): unknown {
  if (!Array.isArray(content)) return parseJsonText(content);
  if (!content.every((b) => isObject(b) && (b.type === "text" || b.type === "image" || b.type === "document"))) return content;
  const pieces = content.map((b) => {
    const block = b as Json;
    return block.type === "text" ? String(block.text ?? "") : `[${String(block.type)}: ${sourceLabel(block.source)}]`;
  });
  return parseJsonText(pieces.join("\n"));
}

function block(value: unknown): ChatPart {
  if (typeof value === "string") return text(value);
  if (!isObject(value)) return { kind: "other", label: "content", value };
  switch (value.type) {
    case "text":
      return text(value.text);
    case "image":
    case "document":
      return { kind: "media", media: value.type === "image" ? "image" : "file", label: [stringOr(value.title, ""), sourceLabel(value.source)].filter(Boolean).join(" · ") };
    case "tool_use":
    case "server_tool_use":
    case "mcp_tool_use":
      return { kind: "tool_call", id: stringOr(value.id, null), name: [stringOr(value.server_name, ""), String(value.name ?? "tool")].filter(Boolean).join("."), args: value.input };
    case "tool_result":
    case "mcp_tool_result":
      return { kind: "tool_result", id: stringOr(value.tool_use_id, null), name: null, content: resultContent(value.content), isError: value.is_error === true };
    case "thinking":
      return { kind: "thinking", text: String(value.thinking ?? ""), redacted: false };
    case "redacted_thinking":
      return { kind: "thinking", text: `(redacted, ${String(value.data ?? "").length} chars)`, redacted: true };
    default:
      // Server tools' results (web search, code execution…) carry the call's id.
      if (typeof value.type === "string" && value.type.endsWith("_tool_result")) {
        return { kind: "tool_result", id: stringOr(value.tool_use_id, null), name: null, content: value.content, isError: isObject(value.content) && typeof value.content.error_code === "string" };
      }
      return { kind: "other", label: String(value.type ?? "content"), value };
  }
}

function blocks(content: unknown): ChatPart[] {
  if (typeof content === "string") return content ? [text(content)] : [];
  return Array.isArray(content) ? content.map(block) : [];
}

const isAnthropicMessage = (value: unknown): value is Json =>
  isObject(value) && (value.role === "user" || value.role === "assistant") && (typeof value.content === "string" || Array.isArray(value.content));

function systemText(system: unknown): string | null {
  if (typeof system === "string") return system || null;
  if (!Array.isArray(system)) return null;
  const joined = system.map((b) => (isObject(b) ? stringOr(b.text, "") : stringOr(b, ""))).join("\n");
  return joined || null;
}

function input(value: unknown): ChatMessage[] | null {
  if (!isObject(value) || !Array.isArray(value.messages) || value.messages.length === 0 || !value.messages.every(isAnthropicMessage)) return null;
  const system = systemText(value.system);
  const messages = (value.messages as Json[]).map((m) => message(String(m.role), blocks(m.content)));
  return system ? [message("system", [text(system)]), ...messages] : messages;
}

function output(value: unknown): ChatMessage[] | null {
  if (!isAnthropicMessage(value) || value.role !== "assistant" || !Array.isArray(value.content)) return null;
  if (value.type !== undefined && value.type !== "message") return null;
  return [message("assistant", blocks(value.content), typeof value.stop_reason === "string" ? `stop: ${value.stop_reason}` : null)];
}

export const anthropic = { input, output };
