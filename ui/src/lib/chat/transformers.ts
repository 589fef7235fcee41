/**
 * transformers.js pipelines (`traced/transformers`): a generation's `{ messages }` (role and
 * content, as OpenAI's chat) or `{ inputs }` text in, and the pipeline's result out — a list
 * of `{ generated_text }`, each the whole conversation with the model's reply last, or text.
 */
import { isObject, message, text, type ChatMessage, type Json } from "./model";
import { isOpenAIMessage, openAIChat, openAIMessage } from "./openai-chat";

function input(value: unknown): ChatMessage[] | null {
  if (!isObject(value)) return null;
  if (Array.isArray(value.messages)) return openAIChat.input(value);
  const prompts = typeof value.inputs === "string" ? [value.inputs] : value.inputs;
  return Array.isArray(prompts) && prompts.length > 0 && prompts.every((p) => typeof p === "string") ? prompts.map((p) => message("user", [text(p)])) : null;
}

function generation(item: unknown, note: string | null): ChatMessage | null {
  const generated = isObject(item) ? item.generated_text : undefined;
  if (typeof generated === "string") return message("assistant", [text(generated)], note);
  const reply = Array.isArray(generated) ? generated.at(-1) : undefined;
  return isOpenAIMessage(reply) ? openAIMessage(reply as Json, note) : null;
}

function output(value: unknown): ChatMessage[] | null {
  // One result per input, each a list of generations (num_return_sequences): flattened.
  const items = Array.isArray(value) ? value.flat() : [];
  if (items.length === 0) return null;
  const messages = items.map((item, i) => generation(item, items.length > 1 ? `sequence ${i + 1}` : null));
  return messages.every((m) => m !== null) ? (messages as ChatMessage[]) : null;
}

export const transformersChat = { input, output };
