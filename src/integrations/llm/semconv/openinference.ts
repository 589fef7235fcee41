/**
 * OpenInference's spans (Arize Phoenix's instrumentations) in MLflow's terms: the kind in
 * `openinference.span.kind` names the span type, `input.value` / `output.value` (JSON when
 * their mime type says so) are the inputs and outputs, `llm.token_count.*` the token usage.
 */
import { SpanAttributeKey } from "../../../model/keys.js";
import { SpanType } from "../../../model/span-type.js";
import { chatTools, functionTool } from "../chat-tools.js";
import { tokenUsage } from "../token-usage.js";
import { indexedList, nonEmptyText, parseJson, putDefined } from "./attribute-values.js";
import { type ConventionTranslator, type ForeignAttributes } from "./convention.js";

const KINDS = new Set<string>([
  SpanType.LLM,
  SpanType.CHAIN,
  SpanType.TOOL,
  SpanType.RETRIEVER,
  SpanType.EMBEDDING,
  SpanType.AGENT,
  SpanType.RERANKER,
  SpanType.GUARDRAIL,
  SpanType.EVALUATOR,
  SpanType.UNKNOWN,
]);

function value(attributes: ForeignAttributes, prefix: "input" | "output"): unknown {
  const raw = attributes[`${prefix}.value`];
  const mime = attributes[`${prefix}.mime_type`];
  return mime === undefined || mime === "application/json" ? parseJson(raw) : raw;
}

/** `llm.tools.N.tool.json_schema`: each tool as OpenAI's JSON text. */
function tools(attributes: ForeignAttributes): unknown {
  return chatTools(
    (indexedList(attributes, "llm.tools.") ?? []).map((item) => parseJson((item.tool as Record<string, unknown> | undefined)?.json_schema)),
    (tool) => {
      const fn = (typeof tool.function === "object" && tool.function !== null ? tool.function : tool) as Record<string, unknown>;
      return functionTool(fn.name, fn.description, fn.parameters);
    },
  );
}

export const translateOpenInferenceSpan: ConventionTranslator = (_name, attributes) => {
  const kind = nonEmptyText(attributes["openinference.span.kind"])?.toUpperCase();
  if (kind === undefined) return undefined;
  const result: Record<string, unknown> = {};
  putDefined(result, SpanAttributeKey.LLM_MODEL, nonEmptyText(attributes["llm.model_name"]));
  putDefined(result, SpanAttributeKey.LLM_PROVIDER, nonEmptyText(attributes["llm.provider"]) ?? nonEmptyText(attributes["llm.system"]));
  putDefined(result, SpanAttributeKey.CHAT_TOOLS, tools(attributes));
  putDefined(
    result,
    SpanAttributeKey.CHAT_TOKEN_USAGE,
    tokenUsage({
      input: attributes["llm.token_count.prompt"],
      output: attributes["llm.token_count.completion"],
      total: attributes["llm.token_count.total"],
      cacheRead: attributes["llm.token_count.prompt_details.cache_read"],
      cacheCreation: attributes["llm.token_count.prompt_details.cache_write"],
      reasoning: attributes["llm.token_count.completion_details.reasoning"],
    }),
  );
  return {
    spanType: KINDS.has(kind) ? kind : SpanType.UNKNOWN,
    inputs: value(attributes, "input"),
    outputs: value(attributes, "output"),
    attributes: result,
  };
};
