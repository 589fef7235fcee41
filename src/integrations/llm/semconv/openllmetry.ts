/**
 * OpenLLMetry's spans (Traceloop's instrumentations) in MLflow's terms: `traceloop.span.kind`
 * (workflow, task, agent, tool) or the model call's `llm.request.type` gives the span type;
 * a decorated function's `traceloop.entity.input` / `.output`, or a model call's flattened
 * `gen_ai.prompt.N.*` / `gen_ai.completion.N.*` messages, the inputs and outputs. Usage,
 * model and provider use the `gen_ai.*` keys the GenAI conventions share.
 */
import { SpanAttributeKey } from "../../../model/keys.js";
import { SpanType } from "../../../model/span-type.js";
import { chatTools, functionTool } from "../chat-tools.js";
import { indexedList, nonEmptyText, parseJson, putDefined } from "./attribute-values.js";
import { type ConventionTranslator, type ForeignAttributes } from "./convention.js";
import { genAiModelAttributes } from "./gen-ai.js";

const KINDS: Record<string, string> = {
  workflow: SpanType.WORKFLOW,
  task: SpanType.TASK,
  agent: SpanType.AGENT,
  tool: SpanType.TOOL,
  unknown: SpanType.UNKNOWN,
};
const REQUEST_TYPES: Record<string, string> = {
  chat: SpanType.CHAT_MODEL,
  completion: SpanType.LLM,
  embedding: SpanType.EMBEDDING,
  rerank: SpanType.RERANKER,
};

function isOpenLlmetry(attributes: ForeignAttributes): boolean {
  return Object.keys(attributes).some(
    (key) => key.startsWith("traceloop.") || key === "llm.request.type" || key.startsWith("gen_ai.prompt.") || key.startsWith("gen_ai.completion."),
  );
}

function spanType(attributes: ForeignAttributes): string {
  const kind = KINDS[nonEmptyText(attributes["traceloop.span.kind"]) ?? ""];
  if (kind !== undefined) return kind;
  return REQUEST_TYPES[nonEmptyText(attributes["llm.request.type"]) ?? ""] ?? (attributes["gen_ai.request.model"] !== undefined ? SpanType.LLM : SpanType.UNKNOWN);
}

/** A flattened message's content is text, or JSON text for multi-part content. */
function messages(attributes: ForeignAttributes, prefix: string): Record<string, unknown>[] | undefined {
  return indexedList(attributes, prefix)?.map((message) => (message.content === undefined ? message : { ...message, content: parseJson(message.content) }));
}

function entity(attributes: ForeignAttributes, key: string): unknown {
  return parseJson(attributes[key]);
}

export const translateOpenLlmetrySpan: ConventionTranslator = (_name, attributes) => {
  if (!isOpenLlmetry(attributes)) return undefined;
  const result = genAiModelAttributes(attributes);
  const functions = indexedList(attributes, "llm.request.functions.");
  putDefined(result, SpanAttributeKey.CHAT_TOOLS, chatTools(functions, (fn) => functionTool(fn.name, fn.description, parseJson(fn.parameters))));
  return {
    spanType: spanType(attributes),
    inputs: entity(attributes, "traceloop.entity.input") ?? messages(attributes, "gen_ai.prompt."),
    outputs: entity(attributes, "traceloop.entity.output") ?? messages(attributes, "gen_ai.completion."),
    attributes: result,
  };
};
