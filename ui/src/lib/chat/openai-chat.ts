/**
 * OpenAI Chat Completions: the request's `messages` and the ChatCompletion's `choices`
 * (also what a streamed completion is assembled into). A bare message list or a single
 * message is accepted too, as apps often trace those.
 */
import { audioPart, contentParts, isObject, mediaLabel, message, parseJsonText, stringOr, text, type ChatMessage, type ChatPart, type Json } from "./model";

const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);

export function isOpenAIMessage(value: unknown): value is Json {
  return isObject(value) && typeof value.role === "string" && ROLES.has(value.role) && ("content" in value || "tool_calls" in value || "function_call" in value);
}

function contentPart(part: unknown): ChatPart {
  if (typeof part === "string") return text(part);
  if (!isObject(part)) return { kind: "other", label: "content", value: part };
  switch (part.type) {
    case "text":
      return text(part.text);
    case "refusal":
      return { kind: "refusal", text: String(part.refusal ?? "") };
    case "image_url": {
      const image = isObject(part.image_url) ? part.image_url : {};
      return { kind: "media", media: "image", label: mediaLabel(undefined, undefined, image.url) };
    }
    case "input_audio":
      return audioPart(part);
    case "file": {
      const file = isObject(part.file) ? part.file : {};
      return { kind: "media", media: "file", label: [stringOr(file.filename, ""), stringOr(file.file_id, ""), mediaLabel(undefined, file.file_data, undefined)].filter(Boolean).join(" · ") };
    }
    default:
      return { kind: "other", label: String(part.type ?? "content"), value: part };
  }
}

function toolCall(call: unknown): ChatPart | null {
  if (!isObject(call)) return null;
  const id = stringOr(call.id, null);
  if (isObject(call.custom)) return { kind: "tool_call", id, name: String(call.custom.name ?? "tool"), args: call.custom.input };
  const fn = isObject(call.function) ? call.function : {};
  return { kind: "tool_call", id, name: String(fn.name ?? "tool"), args: parseJsonText(fn.arguments) };
}

export function openAIMessage(raw: Json, note: string | null = null): ChatMessage {
  const role = String(raw.role);
  const parts: ChatPart[] = [];
  // Some OpenAI-compatible servers return the model's reasoning beside the answer.
  if (typeof raw.reasoning_content === "string" && raw.reasoning_content) parts.push({ kind: "thinking", text: raw.reasoning_content, redacted: false });
  if (role === "tool" || role === "function") {
    // A tool's answer, tied to its call by tool_call_id (or, in the legacy form, by name).
    const content = Array.isArray(raw.content) && raw.content.every((p) => isObject(p) && p.type === "text") ? raw.content.map((p) => String((p as Json).text ?? "")).join("") : raw.content;
    parts.push({ kind: "tool_result", id: stringOr(raw.tool_call_id, null), name: role === "function" ? stringOr(raw.name, null) : null, content: parseJsonText(content), isError: false });
  } else {
    parts.push(...contentParts(raw.content, contentPart));
  }
  if (typeof raw.refusal === "string" && raw.refusal) parts.push({ kind: "refusal", text: raw.refusal });
  if (isObject(raw.audio) && typeof raw.audio.transcript === "string") parts.push({ kind: "media", media: "audio", label: `transcript: ${raw.audio.transcript}` });
  if (Array.isArray(raw.tool_calls)) for (const call of raw.tool_calls) {
    const part = toolCall(call);
    if (part) parts.push(part);
  }
  if (isObject(raw.function_call)) parts.push({ kind: "tool_call", id: null, name: String(raw.function_call.name ?? "function"), args: parseJsonText(raw.function_call.arguments) });
  return message(role, parts, note, role === "tool" ? null : stringOr(raw.name, null));
}

function input(value: unknown): ChatMessage[] | null {
  const list = isObject(value) && Array.isArray(value.messages) ? value.messages : value;
  if (Array.isArray(list)) return list.length > 0 && list.every(isOpenAIMessage) ? list.map((m) => openAIMessage(m as Json)) : null;
  return isOpenAIMessage(list) ? [openAIMessage(list)] : null;
}

function output(value: unknown): ChatMessage[] | null {
  if (isOpenAIMessage(value)) return [openAIMessage(value)];
  if (!isObject(value) || !Array.isArray(value.choices) || value.choices.length === 0) return null;
  const many = value.choices.length > 1;
  const messages = value.choices.map((choice, i): ChatMessage | null => {
    if (!isObject(choice)) return null;
    const notes = [many ? `choice ${typeof choice.index === "number" ? choice.index : i}` : "", typeof choice.finish_reason === "string" ? `finish: ${choice.finish_reason}` : ""].filter(Boolean);
    const note = notes.length ? notes.join(" · ") : null;
    if (isOpenAIMessage(choice.message)) return openAIMessage(choice.message, note);
    // Legacy completions return plain text per choice.
    if (typeof choice.text === "string") return message("assistant", [text(choice.text)], note);
    return null;
  });
  return messages.every((m) => m !== null) ? (messages as ChatMessage[]) : null;
}

export const openAIChat = { input, output };
