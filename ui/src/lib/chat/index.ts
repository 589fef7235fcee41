/**
 * A span's conversation for the Chat view, decided as MLflow's UI does: the parser is
 * chosen by `mlflow.message.format`, inputs and outputs are parsed separately, and tools
 * come from `mlflow.chat.tools` else the request. A span without a known format (an app's
 * own traced function) is tried against every provider's shape, also one or two levels
 * inside its inputs, since traced keys inputs by parameter name.
 */
import { anthropic } from "./anthropic";
import { gemini } from "./gemini";
import { countOther, isObject, message, text, type ChatMessage, type ChatParser, type ChatTool } from "./model";
import { openAIChat } from "./openai-chat";
import { openAIResponses } from "./openai-responses";
import { transformersChat } from "./transformers";
import { chatTools } from "./tools";

export type { ChatMessage, ChatPart, ChatTool } from "./model";

export interface SpanChat {
  input: ChatMessage[] | null;
  output: ChatMessage[] | null;
  tools: ChatTool[];
}

const BY_FORMAT: Record<string, readonly ChatParser[]> = {
  openai: [openAIChat, openAIResponses],
  anthropic: [anthropic],
  gemini: [gemini],
  transformers: [transformersChat],
};
// Without a format, `{ input }` or `{ contents }` alone could be any function's argument:
// those two request shapes count only beside the model they were sent to.
const withModel = (parse: ChatParser["input"]): ChatParser["input"] => (value) => (isObject(value) && typeof value.model === "string" ? parse(value) : null);
const ALL: readonly ChatParser[] = [
  openAIChat,
  anthropic,
  { input: withModel(openAIResponses.input), output: openAIResponses.output },
  { input: withModel(gemini.input), output: gemini.output },
];

type Side = "input" | "output";

/** The parse with the fewest parts nobody understood; then the one that found more messages. */
function best(value: unknown, parsers: readonly ChatParser[], side: Side): ChatMessage[] | null {
  let chosen: ChatMessage[] | null = null;
  for (const parser of parsers) {
    const messages = parser[side](value);
    if (!messages || messages.length === 0) continue;
    if (!chosen || countOther(messages) < countOther(chosen) || (countOther(messages) === countOther(chosen) && messages.length > chosen.length)) chosen = messages;
  }
  return chosen;
}

function find(value: unknown, parsers: readonly ChatParser[], side: Side, depth = 0): ChatMessage[] | null {
  const found = best(value, parsers, side);
  if (found || depth >= 2 || !isObject(value)) return found;
  for (const inner of Object.values(value)) {
    const messages = find(inner, parsers, side, depth + 1);
    if (messages) return messages;
  }
  return null;
}

function parse(value: unknown, format: unknown, side: Side): ChatMessage[] | null {
  const preferred = typeof format === "string" ? BY_FORMAT[format] : undefined;
  return (preferred && find(value, preferred, side)) || find(value, ALL, side);
}

/** A tool result names the tool it answers, found by the call's id among all the calls. */
function linkResults(messages: readonly ChatMessage[]): void {
  const names = new Map<string, string>();
  for (const m of messages) for (const p of m.parts) if (p.kind === "tool_call" && p.id) names.set(p.id, p.name);
  for (const m of messages) for (const p of m.parts) if (p.kind === "tool_result" && p.name === null && p.id) p.name = names.get(p.id) ?? null;
}

export interface ChatSpanLike {
  spanType: string;
  inputs: unknown;
  outputs: unknown;
  hasOutputs: boolean;
  attributes: Record<string, unknown>;
}

/** The span's conversation, or null when neither its inputs nor its outputs hold one. */
export function spanChat(span: ChatSpanLike): SpanChat | null {
  // An embeddings request (`{ model, input }`) looks like a Responses one, but is no chat.
  if (span.spanType === "EMBEDDING") return null;
  const format = span.attributes["mlflow.message.format"];
  const input = parse(span.inputs, format, "input");
  let output = span.hasOutputs ? parse(span.outputs, format, "output") : null;
  // A function answering a conversation with plain text: the text is the reply.
  if (!output && input && typeof span.outputs === "string" && span.outputs) output = [message("assistant", [text(span.outputs)])];
  if (!input && !output) return null;
  linkResults([...(input ?? []), ...(output ?? [])]);
  return { input, output, tools: chatTools(span.attributes["mlflow.chat.tools"], span.inputs) };
}
