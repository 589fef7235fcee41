/**
 * The Vercel AI SDK's `ai.*` spans (AI SDK 6 telemetry) in MLflow's terms:
 * - `ai.generateText` / `ai.streamText` → AGENT (they run the tool loop), `ai.generateObject` /
 *   `ai.streamObject` → CHAIN: the prompt in, the final text or object out;
 * - their `.doGenerate` / `.doStream` model calls → CHAT_MODEL: messages and tools in, text and
 *   tool calls out (MLflow's `vercel_ai` message format), token usage, model and provider;
 * - `ai.toolCall` → TOOL; `ai.embed` / `ai.embedMany` and their `.doEmbed` → EMBEDDING.
 * Only model calls carry token usage, so a trace's total counts each call once.
 */
import { SpanAttributeKey } from "../../../model/keys.js";
import { SpanType } from "../../../model/span-type.js";
import { chatTools, functionTool } from "../chat-tools.js";
import { tokenUsage } from "../token-usage.js";
import { type ConventionMapping, type ConventionTranslator, type ForeignAttributes, type ForeignAttributeValue } from "./convention.js";

export const AI_SDK_MESSAGE_FORMAT = "vercel_ai";

const CALLS: Record<string, string> = {
  "ai.generateText": SpanType.AGENT,
  "ai.streamText": SpanType.AGENT,
  "ai.generateObject": SpanType.CHAIN,
  "ai.streamObject": SpanType.CHAIN,
};
const MODEL_CALL = /^ai\.(generateText|streamText|generateObject|streamObject)\.do(Generate|Stream)$/;
const EMBED = /^ai\.(embed|embedMany)(\.doEmbed)?$/;

/** The AI SDK sends structured values as JSON text; text that is not JSON stays as it is. */
function json(value: ForeignAttributeValue): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function jsonList(value: ForeignAttributeValue): unknown[] | undefined {
  return Array.isArray(value) ? value.map((item) => json(item ?? undefined)) : undefined;
}

/** An object without the keys whose value is undefined (MLflow's UI shows them otherwise). */
function defined(entries: Record<string, unknown>): Record<string, unknown> | undefined {
  const kept = Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  return Object.keys(kept).length === 0 ? undefined : kept;
}

function text(value: ForeignAttributeValue): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** "openai.chat" / "openai.responses" → "openai": the provider, without the API it used. */
function provider(attributes: ForeignAttributes): string | undefined {
  const name = text(attributes["ai.model.provider"]) ?? text(attributes["gen_ai.system"]);
  return name?.split(".")[0];
}

function modelAttributes(attributes: ForeignAttributes): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const model = text(attributes["ai.response.model"]) ?? text(attributes["ai.model.id"]) ?? text(attributes["gen_ai.request.model"]);
  const providerName = provider(attributes);
  if (model !== undefined) result[SpanAttributeKey.LLM_MODEL] = model;
  if (providerName !== undefined) result[SpanAttributeKey.LLM_PROVIDER] = providerName;
  return result;
}

function isError(attributes: ForeignAttributes): boolean {
  return attributes["ai.response.finishReason"] === "error";
}

function topLevelCall(spanType: string, attributes: ForeignAttributes): ConventionMapping {
  const prompt = json(attributes["ai.prompt"]);
  const outputs = attributes["ai.response.object"] !== undefined ? json(attributes["ai.response.object"]) : attributes["ai.response.text"];
  return {
    spanType,
    inputs: typeof prompt === "object" && prompt !== null ? defined(prompt as Record<string, unknown>) : prompt,
    outputs,
    attributes: modelAttributes(attributes),
  };
}

function modelCall(attributes: ForeignAttributes): ConventionMapping {
  const tools = chatTools(jsonList(attributes["ai.prompt.tools"]), (tool) => functionTool(tool.name, tool.description, tool.inputSchema ?? tool.parameters));
  const usage = tokenUsage({
    input: attributes["ai.usage.inputTokens"] ?? attributes["gen_ai.usage.input_tokens"] ?? attributes["ai.usage.promptTokens"],
    output: attributes["ai.usage.outputTokens"] ?? attributes["gen_ai.usage.output_tokens"] ?? attributes["ai.usage.completionTokens"],
    total: attributes["ai.usage.totalTokens"],
    cacheRead: attributes["ai.usage.inputTokenDetails.cacheReadTokens"] ?? attributes["ai.usage.cachedInputTokens"],
    cacheCreation: attributes["ai.usage.inputTokenDetails.cacheWriteTokens"],
    reasoning: attributes["ai.usage.outputTokenDetails.reasoningTokens"] ?? attributes["ai.usage.reasoningTokens"],
  });
  const result: Record<string, unknown> = { ...modelAttributes(attributes), [SpanAttributeKey.MESSAGE_FORMAT]: AI_SDK_MESSAGE_FORMAT };
  if (tools !== undefined) result[SpanAttributeKey.CHAT_TOOLS] = tools;
  if (usage !== undefined) result[SpanAttributeKey.CHAT_TOKEN_USAGE] = usage;
  return {
    spanType: SpanType.CHAT_MODEL,
    inputs: defined({ messages: json(attributes["ai.prompt.messages"]), tools: jsonList(attributes["ai.prompt.tools"]), toolChoice: json(attributes["ai.prompt.toolChoice"]) }),
    outputs: defined({
      text: attributes["ai.response.text"],
      object: json(attributes["ai.response.object"]),
      toolCalls: json(attributes["ai.response.toolCalls"]),
      finishReason: attributes["ai.response.finishReason"],
    }),
    attributes: result,
  };
}

function embedding(isModelCall: boolean, attributes: ForeignAttributes): ConventionMapping {
  const result = modelAttributes(attributes);
  const usage = isModelCall ? tokenUsage({ input: attributes["ai.usage.tokens"], output: 0 }) : undefined;
  if (usage !== undefined) result[SpanAttributeKey.CHAT_TOKEN_USAGE] = usage;
  return {
    spanType: SpanType.EMBEDDING,
    inputs: attributes["ai.values"] !== undefined ? jsonList(attributes["ai.values"]) : json(attributes["ai.value"]),
    outputs: attributes["ai.embeddings"] !== undefined ? jsonList(attributes["ai.embeddings"]) : json(attributes["ai.embedding"]),
    attributes: result,
  };
}

/** The AI SDK's operation: `ai.operationId` (the span name can carry a function id). */
function operation(name: string, attributes: ForeignAttributes): string {
  return text(attributes["ai.operationId"]) ?? name;
}

export const translateAiSdkSpan: ConventionTranslator = (name, attributes) => {
  const op = operation(name, attributes);
  if (!op.startsWith("ai.")) return undefined;
  const callType = CALLS[op];
  if (callType !== undefined) return topLevelCall(callType, attributes);
  if (MODEL_CALL.test(op)) return modelCall(attributes);
  if (op === "ai.toolCall") {
    return { spanType: SpanType.TOOL, inputs: json(attributes["ai.toolCall.args"]), outputs: json(attributes["ai.toolCall.result"]), attributes: {} };
  }
  const embed = EMBED.exec(op);
  if (embed !== null) return embedding(embed[2] !== undefined, attributes);
  return undefined;
};

/** Whether the AI SDK itself reported the call as failed (a stream's `error` part): its spans end normally. */
export function aiSdkCallFailed(attributes: ForeignAttributes): boolean {
  return isError(attributes);
}
