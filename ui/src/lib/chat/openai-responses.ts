/**
 * OpenAI Responses: the request's `instructions` and `input` (a string, or messages and
 * items such as function calls and their outputs), and the Response's `output` items.
 * Consecutive items the model produced are one assistant turn, as they were one reply.
 */
import { audioPart, contentParts, isObject, mediaLabel, message, parseJsonText, stringOr, text, type ChatMessage, type ChatPart, type Json } from "./model";

const MESSAGE_ROLES = new Set(["system", "developer", "user", "assistant"]);

function contentPart(part: unknown): ChatPart {
  if (typeof part === "string") return text(part);
  if (!isObject(part)) return { kind: "other", label: "content", value: part };
  switch (part.type) {
    case "input_text":
    case "output_text":
    case "text":
      return text(part.text);
    case "refusal":
      return { kind: "refusal", text: String(part.refusal ?? "") };
    case "input_image":
      return { kind: "media", media: "image", label: mediaLabel(undefined, undefined, part.image_url) || stringOr(part.file_id, "") };
    case "input_file":
      return { kind: "media", media: "file", label: [stringOr(part.filename, ""), stringOr(part.file_id, ""), mediaLabel(undefined, part.file_data, part.file_url)].filter(Boolean).join(" · ") };
    case "input_audio":
      return audioPart(part);
    default:
      return { kind: "other", label: String(part.type ?? "content"), value: part };
  }
}

function reasoning(item: Json): ChatPart {
  const pieces = [...(Array.isArray(item.summary) ? item.summary : []), ...(Array.isArray(item.content) ? item.content : [])]
    .map((p) => (isObject(p) ? stringOr(p.text, "") : stringOr(p, "")))
    .filter(Boolean);
  if (pieces.length === 0 && typeof item.encrypted_content === "string") return { kind: "thinking", text: `(encrypted, ${item.encrypted_content.length} chars)`, redacted: true };
  return { kind: "thinking", text: pieces.join("\n\n"), redacted: false };
}

function toolOutput(output: unknown): unknown {
  if (Array.isArray(output) && output.every((p) => isObject(p) && typeof p.text === "string")) return parseJsonText(output.map((p) => (p as Json).text).join(""));
  return parseJsonText(output);
}

/** One input or output item as a role and its parts; null when it is not an item at all. */
function itemParts(item: unknown): { role: string; parts: ChatPart[] } | null {
  if (typeof item === "string") return { role: "user", parts: [text(item)] };
  if (!isObject(item)) return null;
  if (typeof item.role === "string" && (item.type === undefined || item.type === "message")) {
    return MESSAGE_ROLES.has(item.role) ? { role: item.role, parts: contentParts(item.content, contentPart) } : null;
  }
  switch (item.type) {
    case "function_call":
      return { role: "assistant", parts: [{ kind: "tool_call", id: stringOr(item.call_id, null), name: String(item.name ?? "function"), args: parseJsonText(item.arguments) }] };
    case "custom_tool_call":
      return { role: "assistant", parts: [{ kind: "tool_call", id: stringOr(item.call_id, null), name: String(item.name ?? "tool"), args: item.input }] };
    case "function_call_output":
    case "custom_tool_call_output":
      return { role: "tool", parts: [{ kind: "tool_result", id: stringOr(item.call_id, null), name: null, content: toolOutput(item.output), isError: false }] };
    case "reasoning":
      return { role: "assistant", parts: [reasoning(item)] };
    case "item_reference":
      return { role: "user", parts: [{ kind: "other", label: "item reference", value: item.id }] };
    default:
      // Built-in tools (web search, file search, code interpreter…) as the model ran them.
      return typeof item.type === "string" ? { role: "assistant", parts: [{ kind: "other", label: item.type.replace(/_/g, " "), value: item }] } : null;
  }
}

function conversation(items: readonly unknown[]): ChatMessage[] | null {
  const messages: ChatMessage[] = [];
  let previousWasModelItem = false;
  for (const item of items) {
    const turn = itemParts(item);
    if (!turn) return null;
    // Items the model produced (calls, reasoning) join the assistant turn they belong to.
    const modelItem = isObject(item) && item.type !== undefined && item.type !== "message" && turn.role === "assistant";
    const last = messages[messages.length - 1];
    if (last && last.role === "assistant" && turn.role === "assistant" && (modelItem || previousWasModelItem)) last.parts.push(...turn.parts);
    else messages.push(message(turn.role, turn.parts));
    previousWasModelItem = modelItem;
  }
  return messages;
}

function input(value: unknown): ChatMessage[] | null {
  if (!isObject(value) || !("input" in value)) return null;
  const body = typeof value.input === "string" ? [message("user", value.input ? [text(value.input)] : [])] : Array.isArray(value.input) ? conversation(value.input) : null;
  if (!body) return null;
  const instructions = typeof value.instructions === "string" && value.instructions ? [message("system", [text(value.instructions)])] : [];
  return [...instructions, ...body];
}

function output(value: unknown): ChatMessage[] | null {
  if (!isObject(value) || !Array.isArray(value.output)) return null;
  if (value.object !== undefined && value.object !== "response") return null;
  const items = value.output.length === 0 && typeof value.output_text === "string" ? [{ type: "message", role: "assistant", content: value.output_text }] : value.output;
  if (!items.every((item) => isObject(item) && typeof item.type === "string")) return null;
  const parts: ChatPart[] = [];
  for (const item of items) {
    const turn = itemParts(item);
    if (!turn) return null;
    parts.push(...turn.parts);
  }
  const note = typeof value.status === "string" && value.status !== "completed" ? `status: ${value.status}` : null;
  return [message("assistant", parts, note)];
}

export const openAIResponses = { input, output };
