/**
 * LangChain messages and results in MLflow's chat format (OpenAI's Chat Completions shapes),
 * so a chat model span read through LangChain looks like one from a direct SDK call.
 */

type Fields = Record<string, unknown>;

const ROLES: Record<string, string> = { human: "user", ai: "assistant", system: "system", developer: "developer", tool: "tool", function: "function", generic: "user" };

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null;
}

/** The message's type (`human`, `ai` …): its own method when it is a live message, else the serialized id. */
function messageType(message: Fields): string | undefined {
  const getType = message._getType ?? message.getType;
  if (typeof getType === "function") {
    const type: unknown = getType.call(message);
    if (typeof type === "string") return type;
  }
  if (typeof message.type === "string") return message.type;
  if (typeof message.role === "string") return message.role;
  return undefined;
}

function toolCall(call: unknown): Fields | undefined {
  if (!isObject(call) || typeof call.name !== "string") return undefined;
  return { id: typeof call.id === "string" ? call.id : "", type: "function", function: { name: call.name, arguments: typeof call.args === "string" ? call.args : JSON.stringify(call.args ?? {}) } };
}

/** One LangChain message as an OpenAI chat message; anything unrecognised is kept as it is. */
export function chatMessage(message: unknown): unknown {
  if (!isObject(message)) return message;
  const type = messageType(message);
  const role = type === "generic" && typeof message.role === "string" ? message.role : type === undefined ? undefined : ROLES[type];
  if (role === undefined) return message;
  const out: Fields = { role, content: message.content ?? null };
  if (typeof message.name === "string" && message.name !== "") out.name = message.name;
  if (role === "assistant" && Array.isArray(message.tool_calls) && message.tool_calls.length !== 0) {
    out.tool_calls = message.tool_calls.map(toolCall).filter((call) => call !== undefined);
    if (out.content === "") out.content = null;
  }
  if (role === "tool" && typeof message.tool_call_id === "string") out.tool_call_id = message.tool_call_id;
  return out;
}

export function chatMessages(messages: unknown): unknown[] {
  return Array.isArray(messages) ? messages.map(chatMessage) : [];
}

export function isMessage(value: unknown): value is Fields {
  return isObject(value) && (typeof value._getType === "function" || typeof value.getType === "function") && "content" in value;
}

/** A chat result (`LLMResult`) as a Chat Completion: one choice per generation of the first prompt. */
export function chatCompletion(generations: unknown, model: string | undefined): Fields {
  const first = Array.isArray(generations) && Array.isArray(generations[0]) ? (generations[0] as unknown[]) : [];
  const choices = first.map((generation, index) => {
    const g = isObject(generation) ? generation : {};
    const info = isObject(g.generationInfo) ? g.generationInfo : {};
    const message = g.message !== undefined ? chatMessage(g.message) : { role: "assistant", content: typeof g.text === "string" ? g.text : null };
    const finish = info.finish_reason ?? (isObject(message) && Array.isArray(message.tool_calls) ? "tool_calls" : "stop");
    return { index, message, finish_reason: finish };
  });
  return model === undefined ? { object: "chat.completion", choices } : { object: "chat.completion", model, choices };
}
