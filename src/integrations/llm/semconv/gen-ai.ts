/**
 * OpenTelemetry's GenAI semantic conventions (`gen_ai.*`) in MLflow's terms: the operation
 * gives the span type, `gen_ai.input.messages` / `gen_ai.output.messages` (or a tool call's
 * arguments and result) the inputs and outputs, `gen_ai.usage.*` the token usage. Content
 * recorded the older way, as span events (`gen_ai.content.prompt`, `gen_ai.user.message`,
 * `gen_ai.choice`, …), is read when the attributes carry none.
 */
import { SpanAttributeKey } from "../../../model/keys.js";
import { SpanType } from "../../../model/span-type.js";
import { chatTools, functionTool } from "../chat-tools.js";
import { tokenUsage } from "../token-usage.js";
import { firstOf, nonEmptyText, parseJson, putDefined } from "./attribute-values.js";
import { type ConventionMapping, type ConventionTranslator, type ForeignAttributes, type ForeignEvent } from "./convention.js";

const OPERATION_TYPES: Record<string, string> = {
  chat: SpanType.CHAT_MODEL,
  text_completion: SpanType.LLM,
  generate_content: SpanType.LLM,
  response: SpanType.LLM,
  embeddings: SpanType.EMBEDDING,
  retrieval: SpanType.RETRIEVER,
  execute_tool: SpanType.TOOL,
  invoke_agent: SpanType.AGENT,
  create_agent: SpanType.AGENT,
};

const DETAILS_EVENT = "gen_ai.client.inference.operation.details";
const MESSAGE_EVENTS: Record<string, string> = {
  "gen_ai.system.message": "system",
  "gen_ai.user.message": "user",
  "gen_ai.assistant.message": "assistant",
  "gen_ai.tool.message": "tool",
};

function isGenAi(attributes: ForeignAttributes, events: readonly ForeignEvent[]): boolean {
  return Object.keys(attributes).some((key) => key.startsWith("gen_ai.")) || events.some((event) => event.name.startsWith("gen_ai."));
}

function spanType(attributes: ForeignAttributes): string {
  const operation = nonEmptyText(attributes["gen_ai.operation.name"]);
  if (operation !== undefined && OPERATION_TYPES[operation] !== undefined) return OPERATION_TYPES[operation];
  // A model call without a named operation (early instrumentations) is still a model call.
  return firstOf(attributes, "gen_ai.request.model", "gen_ai.response.model") !== undefined ? SpanType.LLM : SpanType.UNKNOWN;
}

function eventValue(events: readonly ForeignEvent[], eventName: string, key: string): unknown {
  const value = events.find((event) => event.name === eventName)?.attributes?.[key];
  return value === undefined ? undefined : parseJson(value);
}

/** `gen_ai.user.message` & co.: one event per message, with `content` (and `tool_calls`) attributes. */
function messageEvents(events: readonly ForeignEvent[]): unknown[] | undefined {
  const messages = events.flatMap((event) => {
    const role = MESSAGE_EVENTS[event.name];
    if (role === undefined) return [];
    const message: Record<string, unknown> = { role: nonEmptyText(event.attributes?.role) ?? role };
    putDefined(message, "content", parseJson(event.attributes?.content));
    putDefined(message, "tool_calls", parseJson(event.attributes?.tool_calls));
    putDefined(message, "id", event.attributes?.id);
    return [message];
  });
  return messages.length === 0 ? undefined : messages;
}

/** `gen_ai.choice` events: one per choice, with its message and finish reason. */
function choiceEvents(events: readonly ForeignEvent[]): unknown[] | undefined {
  const choices = events
    .filter((event) => event.name === "gen_ai.choice")
    .map((event) => {
      const choice: Record<string, unknown> = {};
      putDefined(choice, "index", event.attributes?.index);
      putDefined(choice, "message", parseJson(event.attributes?.message));
      putDefined(choice, "finish_reason", event.attributes?.finish_reason);
      return choice;
    });
  return choices.length === 0 ? undefined : choices;
}

function inputsOf(attributes: ForeignAttributes, events: readonly ForeignEvent[]): unknown {
  const value = firstOf(attributes, "gen_ai.input.messages", "gen_ai.tool.call.arguments", "gen_ai.prompt");
  if (value !== undefined) return parseJson(value);
  return (
    eventValue(events, DETAILS_EVENT, "gen_ai.input.messages") ??
    eventValue(events, "gen_ai.content.prompt", "gen_ai.prompt") ??
    messageEvents(events)
  );
}

function outputsOf(attributes: ForeignAttributes, events: readonly ForeignEvent[]): unknown {
  const value = firstOf(attributes, "gen_ai.output.messages", "gen_ai.tool.call.result", "gen_ai.completion");
  if (value !== undefined) return parseJson(value);
  return (
    eventValue(events, DETAILS_EVENT, "gen_ai.output.messages") ??
    eventValue(events, "gen_ai.content.completion", "gen_ai.completion") ??
    choiceEvents(events)
  );
}

/** Model, provider, tools and token usage as MLflow's attributes; shared with OpenLLMetry, which writes the same keys. */
export function genAiModelAttributes(attributes: ForeignAttributes): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  putDefined(result, SpanAttributeKey.LLM_MODEL, nonEmptyText(firstOf(attributes, "gen_ai.response.model", "gen_ai.request.model")));
  putDefined(result, SpanAttributeKey.LLM_PROVIDER, nonEmptyText(firstOf(attributes, "gen_ai.provider.name", "gen_ai.system")));
  const definitions = parseJson(attributes["gen_ai.tool.definitions"]);
  putDefined(
    result,
    SpanAttributeKey.CHAT_TOOLS,
    chatTools(definitions, (tool) => {
      const fn = (typeof tool.function === "object" && tool.function !== null ? tool.function : tool) as Record<string, unknown>;
      return functionTool(fn.name, fn.description, fn.parameters);
    }),
  );
  putDefined(
    result,
    SpanAttributeKey.CHAT_TOKEN_USAGE,
    tokenUsage({
      input: firstOf(attributes, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"),
      output: firstOf(attributes, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"),
      total: firstOf(attributes, "gen_ai.usage.total_tokens", "llm.usage.total_tokens"),
      cacheRead: firstOf(attributes, "gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens"),
      cacheCreation: firstOf(attributes, "gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_creation_input_tokens"),
    }),
  );
  return result;
}

export const translateGenAiSpan: ConventionTranslator = (_name, attributes, events = []): ConventionMapping | undefined => {
  if (!isGenAi(attributes, events)) return undefined;
  return {
    spanType: spanType(attributes),
    inputs: inputsOf(attributes, events),
    outputs: outputsOf(attributes, events),
    attributes: genAiModelAttributes(attributes),
  };
};
