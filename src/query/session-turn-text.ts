/**
 * A turn's user input and the app's answer as plain text, read from the chat shapes spans
 * record (OpenAI chat and Responses, Anthropic, Gemini, or a traced function answering with
 * a string). Only text is taken; tool calls and media are left to the trace page.
 */
import { type TurnTextSource } from "./session-types.js";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

// The session page shows whole turns, but one pasted document should not make it megabytes.
export const TURN_TEXT_CHARS = 20_000;

function clip(text: string): string {
  return text.length > TURN_TEXT_CHARS ? text.slice(0, TURN_TEXT_CHARS) + "…" : text;
}

/** The text of a message's content: a string, or the text parts of a list (any provider's part shape). */
function contentText(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content.flatMap((part) => {
    if (typeof part === "string") return [part];
    if (isObject(part) && typeof part.text === "string" && (part.type === undefined || /text$/.test(String(part.type)))) return [part.text];
    return [];
  });
  return texts.length ? texts.join("\n") : undefined;
}

/** A message's text: OpenAI / Anthropic `content`, Gemini `parts`. */
function messageText(message: unknown): string | undefined {
  if (!isObject(message)) return undefined;
  return contentText(message.content) ?? contentText(message.parts);
}

function lastWithRole(messages: readonly unknown[], roles: readonly string[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (isObject(message) && roles.includes(String(message.role))) {
      const text = messageText(message);
      if (text !== undefined) return text;
    }
  }
  return undefined;
}

const isMessageList = (value: unknown): value is unknown[] => Array.isArray(value) && value.some((m) => isObject(m) && typeof m.role === "string");

/** The last user message of a request: `messages`, Gemini's `contents`, Responses' `input`; also one level inside named inputs. */
function chatInput(value: unknown, depth = 0): string | undefined {
  if (isMessageList(value)) return lastWithRole(value, ["user"]);
  if (!isObject(value)) return undefined;
  for (const key of ["messages", "contents", "input"]) {
    const inner = value[key];
    if (isMessageList(inner)) return lastWithRole(inner, ["user"]);
    if (key === "input" && typeof inner === "string" && typeof value.model === "string") return inner;
  }
  if (depth >= 1) return undefined;
  for (const inner of Object.values(value)) {
    const found = chatInput(inner, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The reply of a response: a chat completion, an Anthropic message, a Responses result, a Gemini reply, or messages. */
function chatAnswer(value: unknown): string | undefined {
  if (isMessageList(value)) return lastWithRole(value, ["assistant", "model"]);
  if (!isObject(value)) return undefined;
  if (Array.isArray(value.choices)) {
    const first = value.choices[0];
    return isObject(first) ? (messageText(first.message) ?? contentText(first.text)) : undefined;
  }
  if (typeof value.output_text === "string") return value.output_text;
  if (Array.isArray(value.output)) {
    const texts = value.output.flatMap((item) => (isObject(item) && item.type === "message" ? [messageText(item)] : [])).filter((t) => t !== undefined);
    if (texts.length) return texts.join("\n");
  }
  if (Array.isArray(value.candidates)) {
    const first = value.candidates[0];
    return isObject(first) ? messageText(first.content) : undefined;
  }
  if (value.role === "assistant" || value.role === "model") return messageText(value);
  if (isMessageList(value.messages)) return lastWithRole(value.messages, ["assistant", "model"]);
  return undefined;
}

/** A span's inputs and outputs, as decoded from `mlflow.spanInputs` / `mlflow.spanOutputs`. */
export interface TurnSpanValues {
  inputs: unknown;
  outputs: unknown;
}

export interface TurnText {
  input: string | null;
  inputSource: TurnTextSource | null;
  answer: string | null;
  answerSource: TurnTextSource | null;
}

/**
 * The input from the root's request messages, else the first model call's last user
 * message, else the request preview; the answer from the root's reply (a string return
 * included), else the last model call's reply, else the response preview.
 */
export function turnText(
  root: TurnSpanValues | undefined,
  firstLlm: TurnSpanValues | undefined,
  lastLlm: TurnSpanValues | undefined,
  previews: { request: string | null; response: string | null },
): TurnText {
  const input = chatInput(root?.inputs) ?? chatInput(firstLlm?.inputs);
  const rootAnswer = typeof root?.outputs === "string" && root.outputs !== "" ? root.outputs : chatAnswer(root?.outputs);
  const answer = rootAnswer ?? chatAnswer(lastLlm?.outputs);
  return {
    input: input !== undefined ? clip(input) : previews.request !== null ? clip(previews.request) : null,
    inputSource: input !== undefined ? "chat" : previews.request !== null ? "preview" : null,
    answer: answer !== undefined ? clip(answer) : previews.response !== null ? clip(previews.response) : null,
    answerSource: answer !== undefined ? "chat" : previews.response !== null ? "preview" : null,
  };
}

/** A span attribute's JSON text decoded, or undefined when absent or not JSON. */
export function decodeAttribute(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
