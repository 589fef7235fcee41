/**
 * AI SDK 7's telemetry events (its `Telemetry` integration interface) in MLflow's terms, with
 * the same reading as AI SDK 6's `ai.*` spans (../llm/semconv/ai-sdk.ts): the call's prompt in
 * and final text / object / embedding out; each model call's messages and tools in, text, tool
 * calls and finish reason out (MLflow's `vercel_ai` message format), with its token usage.
 * The events are read structurally: only the fields used here, and nothing is assumed present.
 */
import { SpanAttributeKey } from "../../model/keys.js";
import { SpanType, type SpanTypeName } from "../../model/span-type.js";
import { chatTools, functionTool } from "../llm/chat-tools.js";
import { tokenUsage } from "../llm/token-usage.js";
import { AI_SDK_MESSAGE_FORMAT } from "../llm/semconv/ai-sdk.js";

/** The fields of any AI SDK 7 event that traced reads. */
export interface AiSdkEvent {
  readonly callId?: unknown;
  readonly operationId?: unknown;
  readonly provider?: unknown;
  readonly modelId?: unknown;
  readonly [field: string]: unknown;
}

const CALL_TYPES: Record<string, SpanTypeName> = {
  "ai.generateText": SpanType.AGENT,
  "ai.streamText": SpanType.AGENT,
  "ai.generateObject": SpanType.CHAIN,
  "ai.streamObject": SpanType.CHAIN,
  "ai.embed": SpanType.EMBEDDING,
  "ai.embedMany": SpanType.EMBEDDING,
  "ai.rerank": SpanType.RERANKER,
};

export function callSpanType(operationId: string): SpanTypeName {
  return CALL_TYPES[operationId] ?? SpanType.UNKNOWN;
}

/** A model call's span name, as AI SDK 6 named it: `ai.streamText.doStream`, `ai.generateObject.doGenerate`. */
export function modelCallName(operationId: string): string {
  return `${operationId}.${operationId.startsWith("ai.stream") ? "doStream" : "doGenerate"}`;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** An object without the keys whose value is undefined (MLflow's UI shows them otherwise). */
function defined(entries: Record<string, unknown>): Record<string, unknown> | undefined {
  const kept = Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  return Object.keys(kept).length === 0 ? undefined : kept;
}

/** The model and provider ("openai.chat" → "openai"), as every AI SDK span records them. */
export function modelAttributes(event: AiSdkEvent, responseModel?: unknown): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const model = text(responseModel) ?? text(event.modelId);
  const provider = text(event.provider)?.split(".")[0];
  if (model !== undefined) result[SpanAttributeKey.LLM_MODEL] = model;
  if (provider !== undefined) result[SpanAttributeKey.LLM_PROVIDER] = provider;
  return result;
}

/** The call's inputs: its system text or instructions, prompt and messages as the app gave them. */
export function callInputs(event: AiSdkEvent): unknown {
  if (event.value !== undefined) return event.value;
  return defined({ system: event.system ?? event.instructions, prompt: event.prompt, messages: event.messages });
}

/** The call's outputs: the final text, the object, or the embedding(s). */
export function callOutputs(event: AiSdkEvent): unknown {
  if (event.embedding !== undefined) return event.embedding;
  if (event.object !== undefined) return event.object;
  return event.text;
}

/** The instructions as the system message they are sent as, ahead of the messages. */
function withInstructions(instructions: unknown, messages: unknown): unknown {
  if (instructions === undefined) return messages;
  const list = Array.isArray(messages) ? messages : [];
  const system = typeof instructions === "string" ? [{ role: "system", content: instructions }] : Array.isArray(instructions) ? instructions : [instructions];
  return [...system, ...list];
}

export interface ModelCallStart {
  inputs: unknown;
  attributes: Record<string, unknown>;
}

/** A model call's request: `onLanguageModelCallStart` (messages, tools) or `onObjectStepStart` (prompt messages). */
export function modelCallStart(event: AiSdkEvent, toolChoice: unknown): ModelCallStart {
  const attributes: Record<string, unknown> = { ...modelAttributes(event), [SpanAttributeKey.MESSAGE_FORMAT]: AI_SDK_MESSAGE_FORMAT };
  const tools = chatTools(event.tools, (tool) => functionTool(tool.name, tool.description, tool.inputSchema ?? tool.parameters));
  if (tools !== undefined) attributes[SpanAttributeKey.CHAT_TOOLS] = tools;
  const messages = event.messages !== undefined ? withInstructions(event.instructions, event.messages) : event.promptMessages;
  return { inputs: defined({ messages, tools: event.tools, toolChoice }), attributes };
}

function usageOf(usage: unknown): ReturnType<typeof tokenUsage> {
  if (typeof usage !== "object" || usage === null) return undefined;
  const counts = usage as Record<string, unknown>;
  const input = (counts.inputTokenDetails ?? {}) as Record<string, unknown>;
  const output = (counts.outputTokenDetails ?? {}) as Record<string, unknown>;
  return tokenUsage({
    input: counts.inputTokens,
    output: counts.outputTokens,
    total: counts.totalTokens,
    cacheRead: input.cacheReadTokens,
    cacheCreation: input.cacheWriteTokens,
    reasoning: output.reasoningTokens,
  });
}

export interface ModelCallEnd {
  outputs: unknown;
  attributes: Record<string, unknown>;
  /** The model reported an error as its finish reason (a stream's `error` part). */
  failed: boolean;
}

function contentParts(content: unknown): Record<string, unknown>[] {
  return Array.isArray(content) ? content.filter((part): part is Record<string, unknown> => typeof part === "object" && part !== null) : [];
}

/**
 * A model call's response: `onLanguageModelCallEnd` / `onStepEnd` (content parts) or
 * `onObjectStepEnd` (the object's text).
 */
export function modelCallEnd(event: AiSdkEvent): ModelCallEnd {
  const parts = contentParts(event.content);
  const texts = parts.filter((part) => part.type === "text" && typeof part.text === "string").map((part) => part.text as string);
  const toolCalls = parts.filter((part) => part.type === "tool-call").map((part) => ({ toolCallId: part.toolCallId, toolName: part.toolName, input: part.input }));
  const response = (event.response ?? {}) as Record<string, unknown>;
  const attributes = modelAttributes(event, response.modelId);
  const usage = usageOf(event.usage);
  if (usage !== undefined) attributes[SpanAttributeKey.CHAT_TOKEN_USAGE] = usage;
  return {
    outputs: defined({
      text: texts.length > 0 ? texts.join("") : text(event.objectText),
      toolCalls: toolCalls.length > 0 ? toolCalls : undefined,
      finishReason: event.finishReason,
    }),
    attributes,
    failed: event.finishReason === "error",
  };
}

/** An embedding model call's usage (input tokens only). */
export function embeddingUsage(event: AiSdkEvent): Record<string, unknown> {
  const usage = tokenUsage({ input: (event.usage as { tokens?: unknown } | undefined)?.tokens, output: 0 });
  return usage === undefined ? {} : { [SpanAttributeKey.CHAT_TOKEN_USAGE]: usage };
}
