/**
 * What kind of span a transformers.js pipeline call is, from its task. MLflow has span types
 * for text generation (LLM, or CHAT_MODEL when the input is a conversation) and embeddings;
 * every other task is recorded under its own name with the generic type.
 */
import { SpanType, type SpanTypeName } from "../../model/span-type.js";

/** Tasks whose model generates text token by token (`model.generate`). */
const GENERATION_TASKS = new Set(["text-generation", "text2text-generation", "summarization", "translation", "image-to-text"]);
const EMBEDDING_TASKS = new Set(["feature-extraction", "image-feature-extraction"]);

/** A conversation as transformers.js takes it: an array of `{ role, content }` messages. */
export function isChat(value: unknown): value is readonly { role: unknown; content: unknown }[] {
  return Array.isArray(value) && value.length !== 0 && value.every((m) => typeof m === "object" && m !== null && typeof (m as { role?: unknown }).role === "string" && "content" in m);
}

/** Whether the pipeline input is one conversation or a batch of them. */
export function isChatInput(input: unknown): boolean {
  return isChat(input) || (Array.isArray(input) && input.length !== 0 && input.every(isChat));
}

/** transformers.js names translation tasks `translation_xx_to_yy`: their task is `translation`. */
export function baseTask(task: string): string {
  return task.split("_", 1)[0] ?? task;
}

export function spanTypeOf(task: string, input: unknown): SpanTypeName {
  const base = baseTask(task);
  if (EMBEDDING_TASKS.has(base)) return SpanType.EMBEDDING;
  if (base === "text-generation") return isChatInput(input) ? SpanType.CHAT_MODEL : SpanType.LLM;
  if (GENERATION_TASKS.has(base)) return SpanType.LLM;
  return SpanType.UNKNOWN;
}
