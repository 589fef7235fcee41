/**
 * Recognises chat messages in a span's inputs or outputs, in OpenAI's and Anthropic's
 * shapes, and brings them to one form for the Chat view: role, text, tool calls (with
 * their arguments) and tool results.
 */

export type ChatPart =
  | { kind: "text"; text: string }
  | { kind: "tool_call"; id: string | null; name: string; args: unknown }
  | { kind: "tool_result"; id: string | null; content: unknown; isError: boolean }
  | { kind: "other"; label: string; value: unknown };

export interface ChatMessage {
  role: string;
  name: string | null;
  parts: ChatPart[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function", "model"]);

function isMessage(value: unknown): boolean {
  return isObject(value) && typeof value.role === "string" && ROLES.has(value.role) && ("content" in value || "tool_calls" in value);
}

function parseArguments(text: unknown): unknown {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One content block of either provider. */
function partOf(block: unknown): ChatPart {
  if (typeof block === "string") return { kind: "text", text: block };
  if (!isObject(block)) return { kind: "other", label: "content", value: block };
  switch (block.type) {
    case "text":
    case "input_text":
    case "output_text":
      return { kind: "text", text: String(block.text ?? "") };
    case "tool_use": // Anthropic: the model asks for a tool
      return { kind: "tool_call", id: typeof block.id === "string" ? block.id : null, name: String(block.name ?? "tool"), args: block.input };
    case "tool_result": // Anthropic: the tool's answer, sent back in a user message
      return { kind: "tool_result", id: typeof block.tool_use_id === "string" ? block.tool_use_id : null, content: block.content, isError: block.is_error === true };
    case "thinking":
      return { kind: "other", label: "thinking", value: block.thinking };
    default:
      return { kind: "other", label: String(block.type ?? "content"), value: block };
  }
}

function normalize(message: Json): ChatMessage {
  const parts: ChatPart[] = [];
  const content = message.content;
  if (message.role === "tool") {
    // OpenAI: a tool's answer, tied to the call by tool_call_id.
    parts.push({ kind: "tool_result", id: typeof message.tool_call_id === "string" ? message.tool_call_id : null, content, isError: false });
  } else if (typeof content === "string") {
    if (content) parts.push({ kind: "text", text: content });
  } else if (Array.isArray(content)) {
    parts.push(...content.map(partOf));
  } else if (content !== null && content !== undefined) {
    parts.push({ kind: "other", label: "content", value: content });
  }
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isObject(call)) continue;
      const fn = isObject(call.function) ? call.function : {};
      parts.push({ kind: "tool_call", id: typeof call.id === "string" ? call.id : null, name: String(fn.name ?? "tool"), args: parseArguments(fn.arguments) });
    }
  }
  return { role: String(message.role), name: typeof message.name === "string" ? message.name : null, parts };
}

function messagesIn(value: unknown, depth: number): ChatMessage[] | null {
  if (Array.isArray(value)) return value.length > 0 && value.every(isMessage) ? (value as Json[]).map(normalize) : null;
  if (!isObject(value)) return null;
  if (isMessage(value)) return [normalize(value)];
  // OpenAI chat completion: choices[].message
  if (Array.isArray(value.choices)) {
    const messages = value.choices.map((choice) => (isObject(choice) && isMessage(choice.message) ? normalize(choice.message as Json) : null));
    if (messages.length && messages.every((m) => m !== null)) return messages as ChatMessage[];
  }
  if (Array.isArray(value.messages)) {
    const messages = messagesIn(value.messages, depth + 1);
    if (messages) {
      // Anthropic puts the system prompt beside the messages.
      const system = typeof value.system === "string" ? value.system : Array.isArray(value.system) ? value.system.map((b) => (isObject(b) ? String(b.text ?? "") : String(b))).join("\n") : null;
      return system ? [{ role: "system", name: null, parts: [{ kind: "text", text: system }] }, ...messages] : messages;
    }
  }
  // Traced inputs are keyed by parameter name ({ request: { messages } }): look one level in.
  if (depth < 2) {
    for (const inner of Object.values(value)) {
      const messages = messagesIn(inner, depth + 1);
      if (messages) return messages;
    }
  }
  return null;
}

/** The chat messages in `value`, or null when it does not hold any. */
export function findChatMessages(value: unknown): ChatMessage[] | null {
  return messagesIn(value, 0);
}
