import { chatMessage, chatMessages, isMessage } from "./messages.js";

/** A chat prompt's value (what a ChatPromptTemplate gives the model): its messages. */
function promptMessages(value: object): unknown[] | undefined {
  const toChatMessages = (value as { toChatMessages?: unknown }).toChatMessages;
  return typeof toChatMessages === "function" ? chatMessages(toChatMessages.call(value)) : undefined;
}

/**
 * A chain's inputs or outputs with LangChain messages in MLflow's chat format (a LangGraph state's
 * `messages`, a prompt's output) instead of LangChain's serialized constructor form.
 */
export function readable(value: unknown, depth = 0): unknown {
  if (isMessage(value)) return chatMessage(value);
  if (depth >= 3 || typeof value !== "object" || value === null) return value;
  const prompt = promptMessages(value);
  if (prompt !== undefined) return { messages: prompt };
  if (Array.isArray(value)) return value.map((item) => readable(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = readable(item, depth + 1);
  return out;
}

/** A tool's input arrives as a string: the JSON it usually is, else the string. */
export function toolInput(input: string): unknown {
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}

/** A tool's result: a ToolMessage's content (with its status when it failed), else the value. */
export function toolOutput(output: unknown): unknown {
  if (!isMessage(output)) return readable(output);
  return output.content;
}

/** Retrieved documents in MLflow's document shape, which its UI renders as documents. */
export function documents(docs: unknown): unknown {
  if (!Array.isArray(docs)) return docs;
  return docs.map((doc: unknown) => {
    const d = (typeof doc === "object" && doc !== null ? doc : {}) as { pageContent?: unknown; metadata?: unknown; id?: unknown };
    const out: Record<string, unknown> = { page_content: d.pageContent ?? null, metadata: d.metadata ?? {} };
    if (d.id !== undefined) out.id = d.id;
    return out;
  });
}
