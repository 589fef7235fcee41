/**
 * Google Gemini (@google/genai): the request's `contents` (a string, parts, or Content
 * turns with parts: text, thoughts, function calls and responses, inline data) and
 * `config.systemInstruction`, and the GenerateContentResponse's `candidates`.
 */
import { isObject, mediaKind, mediaLabel, message, stringOr, text, type ChatMessage, type ChatPart, type Json } from "./model";

const ROLES: Record<string, string> = { user: "user", model: "assistant", function: "tool", system: "system" };

function part(value: unknown): ChatPart | null {
  if (typeof value === "string") return text(value);
  if (!isObject(value)) return { kind: "other", label: "part", value };
  if (typeof value.text === "string") return value.thought === true ? { kind: "thinking", text: value.text, redacted: false } : text(value.text);
  if (isObject(value.functionCall)) {
    const call = value.functionCall;
    return { kind: "tool_call", id: stringOr(call.id, null), name: String(call.name ?? "function"), args: call.args ?? {} };
  }
  if (isObject(value.functionResponse)) {
    const result = value.functionResponse;
    const response = result.response;
    const isError = isObject(response) && "error" in response && !("output" in response);
    return { kind: "tool_result", id: stringOr(result.id, null), name: stringOr(result.name, null), content: response, isError };
  }
  if (isObject(value.inlineData)) {
    const data = value.inlineData;
    return { kind: "media", media: mediaKind(data.mimeType), label: [stringOr(data.displayName, ""), mediaLabel(data.mimeType, data.data, undefined)].filter(Boolean).join(" · ") };
  }
  if (isObject(value.fileData)) {
    const file = value.fileData;
    return { kind: "media", media: mediaKind(file.mimeType), label: [stringOr(file.displayName, ""), mediaLabel(file.mimeType, undefined, file.fileUri)].filter(Boolean).join(" · ") };
  }
  if (isObject(value.executableCode)) return { kind: "other", label: `code (${String(value.executableCode.language ?? "")})`.replace(" ()", ""), value: value.executableCode.code };
  if (isObject(value.codeExecutionResult)) return { kind: "other", label: `code result (${String(value.codeExecutionResult.outcome ?? "")})`, value: value.codeExecutionResult.output };
  // A part that only carries the signature of the thought before it says nothing to a reader.
  if (Object.keys(value).every((key) => key === "thoughtSignature" || key === "thought")) return null;
  return { kind: "other", label: "part", value };
}

const isContent = (value: unknown): value is Json => isObject(value) && Array.isArray(value.parts);

function parts(list: readonly unknown[]): ChatPart[] {
  return list.map(part).filter((p): p is ChatPart => p !== null);
}

function turn(content: Json, note: string | null = null): ChatMessage {
  const role = typeof content.role === "string" ? (ROLES[content.role] ?? content.role) : "user";
  return message(role, parts(content.parts as unknown[]), note);
}

/** `contents` in any form the SDK takes: turns, or parts (strings too) of one user turn. */
function contents(value: unknown): ChatMessage[] | null {
  if (typeof value === "string") return [message("user", [text(value)])];
  if (isContent(value)) return [turn(value)];
  if (!Array.isArray(value)) return isObject(value) ? [message("user", parts([value]))] : null;
  if (value.length === 0) return null;
  const messages: ChatMessage[] = [];
  let loose: unknown[] = [];
  const flush = () => {
    if (loose.length) messages.push(message("user", parts(loose)));
    loose = [];
  };
  for (const item of value) {
    if (isContent(item)) {
      flush();
      messages.push(turn(item));
    } else if (typeof item === "string" || isObject(item)) {
      loose.push(item);
    } else {
      return null;
    }
  }
  flush();
  return messages;
}

function systemInstruction(value: unknown): ChatMessage | null {
  if (value === undefined || value === null) return null;
  const list = isContent(value) ? (value.parts as unknown[]) : Array.isArray(value) ? value : [value];
  const found = parts(list);
  return found.length ? message("system", found) : null;
}

function input(value: unknown): ChatMessage[] | null {
  if (!isObject(value) || !("contents" in value)) return null;
  const messages = contents(value.contents);
  if (!messages) return null;
  const config = isObject(value.config) ? value.config : {};
  const system = systemInstruction(config.systemInstruction ?? value.systemInstruction);
  return system ? [system, ...messages] : messages;
}

function output(value: unknown): ChatMessage[] | null {
  if (!isObject(value) || !Array.isArray(value.candidates)) {
    // A prompt blocked before any candidate: only the feedback says why.
    if (isObject(value) && isObject(value.promptFeedback) && typeof value.promptFeedback.blockReason === "string") {
      return [message("assistant", [{ kind: "refusal", text: `prompt blocked: ${value.promptFeedback.blockReason}` }])];
    }
    return null;
  }
  const many = value.candidates.length > 1;
  const messages = value.candidates.map((candidate, i): ChatMessage | null => {
    if (!isObject(candidate)) return null;
    const notes = [many ? `candidate ${typeof candidate.index === "number" ? candidate.index : i}` : "", typeof candidate.finishReason === "string" ? `finish: ${candidate.finishReason}` : ""].filter(Boolean);
    const note = notes.length ? notes.join(" · ") : null;
    return isContent(candidate.content) ? turn({ role: "model", ...candidate.content }, note) : message("assistant", [], note);
  });
  return messages.length && messages.every((m) => m !== null) ? (messages as ChatMessage[]) : null;
}

export const gemini = { input, output };
