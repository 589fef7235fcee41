/**
 * OpenAI replies as api.openai.com sends them, for the SDK pointed at the wire server with
 * `new OpenAI({ apiKey: "test", baseURL: server.url + "/v1" })`. The SDK calls
 * POST /v1/chat/completions, /v1/responses and /v1/embeddings.
 */
import { type SseEvent } from "../llm-wire-server.js";
import { asJson, type ErrorReply, fakeId, hexId, type JsonReply, splitText, type SseReply, unixSeconds } from "./common.js";

/** The dated snapshot the API names in replies, even when asked for "gpt-4o-mini". */
const MODEL = "gpt-4o-mini-2024-07-18";

export interface OpenAIUsage {
  promptTokens?: number;
  completionTokens?: number;
  cachedTokens?: number;
  reasoningTokens?: number;
}

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text (an object is stringified). */
  arguments: string | object;
}

const requestIdHeaders = () => ({ "x-request-id": hexId("req_", 32), "openai-processing-ms": "42" });

// ---- Chat Completions -------------------------------------------------------------------

function chatUsage({ promptTokens = 19, completionTokens = 10, cachedTokens = 0, reasoningTokens = 0 }: OpenAIUsage = {}) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export interface ChatCompletionOptions {
  content?: string | null;
  toolCalls?: ToolCall[];
  /** Default "tool_calls" when there are tool calls, else "stop". */
  finishReason?: "stop" | "length" | "tool_calls" | "content_filter";
  usage?: OpenAIUsage;
  model?: string;
  id?: string;
}

export function chatCompletion(options: ChatCompletionOptions = {}): JsonReply {
  const toolCalls = options.toolCalls ?? [];
  const message: Record<string, unknown> = {
    role: "assistant",
    content: options.content ?? (toolCalls.length > 0 ? null : "Hello!"),
    refusal: null,
    annotations: [],
  };
  if (toolCalls.length > 0) {
    message.tool_calls = toolCalls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: asJson(call.arguments) },
    }));
  }
  const body = {
    id: options.id ?? fakeId("chatcmpl-", 29),
    object: "chat.completion",
    created: unixSeconds(),
    model: options.model ?? MODEL,
    choices: [
      { index: 0, message, logprobs: null, finish_reason: options.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop") },
    ],
    usage: chatUsage(options.usage),
    service_tier: "default",
    system_fingerprint: "fp_560af6e559",
  };
  return { kind: "json", body, headers: requestIdHeaders() };
}

export interface ChatCompletionStreamOptions extends Omit<ChatCompletionOptions, "content"> {
  /** The content deltas, in order. */
  content?: string[];
  /** Add the final chunk with empty `choices` and the usage, as `stream_options.include_usage` asks. */
  includeUsage?: boolean;
  delayMs?: number;
}

/** `data:` lines only (no `event:`), one chunk per delta, ending with `data: [DONE]`. */
export function chatCompletionStream(options: ChatCompletionStreamOptions = {}): SseReply {
  const toolCalls = options.toolCalls ?? [];
  const pieces = options.content ?? (toolCalls.length > 0 ? [] : ["Hel", "lo", "!"]);
  const base = {
    id: options.id ?? fakeId("chatcmpl-", 29),
    object: "chat.completion.chunk",
    created: unixSeconds(),
    model: options.model ?? MODEL,
    service_tier: "default",
    system_fingerprint: "fp_560af6e559",
  };
  // With include_usage, every chunk carries `usage: null` until the last one.
  const chunk = (delta: object, finishReason: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(options.includeUsage ? { usage: null } : {}),
  });
  const chunks: object[] = [chunk({ role: "assistant", content: pieces.length > 0 ? "" : null, refusal: null })];
  for (const piece of pieces) chunks.push(chunk({ content: piece }));
  toolCalls.forEach((call, index) => {
    // The first delta of a call names it; its arguments follow in several fragments.
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] }));
    for (const fragment of splitText(asJson(call.arguments))) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
    }
  });
  chunks.push(chunk({}, options.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop")));
  if (options.includeUsage) chunks.push({ ...base, choices: [], usage: chatUsage(options.usage) });
  const events: SseEvent[] = [...chunks.map((data) => ({ data })), { data: "[DONE]" }];
  return { kind: "sse", events, delayMs: options.delayMs, headers: requestIdHeaders() };
}

// ---- Responses API ----------------------------------------------------------------------

export interface ResponsesUsage {
  inputTokens?: number;
  outputTokens?: number;
  cachedTokens?: number;
  reasoningTokens?: number;
}

export interface FunctionCall {
  /** The `call_id` the tool result refers to. */
  callId: string;
  name: string;
  arguments: string | object;
}

export interface ResponseOptions {
  outputText?: string;
  functionCalls?: FunctionCall[];
  usage?: ResponsesUsage;
  model?: string;
  id?: string;
}

function responsesUsage({ inputTokens = 36, outputTokens = 87, cachedTokens = 0, reasoningTokens = 0 }: ResponsesUsage = {}) {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: cachedTokens, cache_write_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  };
}

const messageItem = (id: string, text: string, status: string) => ({
  id,
  type: "message",
  status,
  role: "assistant",
  content: status === "in_progress" ? [] : [outputText(text)],
});
const outputText = (text: string) => ({ type: "output_text", annotations: [], logprobs: [], text });
const functionCallItem = (id: string, call: FunctionCall, status: string) => ({
  id,
  type: "function_call",
  status,
  arguments: status === "in_progress" ? "" : asJson(call.arguments),
  call_id: call.callId,
  name: call.name,
});

interface Planned {
  text?: string;
  call?: FunctionCall;
  itemId: string;
}

function plan(options: ResponseOptions): Planned[] {
  const calls = options.functionCalls ?? [];
  const text = options.outputText ?? (calls.length > 0 ? undefined : "Hello!");
  const items: Planned[] = text === undefined ? [] : [{ text, itemId: hexId("msg_", 50) }];
  for (const call of calls) items.push({ call, itemId: hexId("fc_", 50) });
  return items;
}

/** The Response object; `output_text` is not on the wire (the SDK derives it). */
function responseObject(options: ResponseOptions, id: string, createdAt: number, items: Planned[], done: boolean) {
  const status = done ? "completed" : "in_progress";
  return {
    id,
    object: "response",
    created_at: createdAt,
    status,
    background: false,
    completed_at: done ? createdAt + 1 : null,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    max_tool_calls: null,
    model: options.model ?? MODEL,
    output: done
      ? items.map((item) => (item.call ? functionCallItem(item.itemId, item.call, status) : messageItem(item.itemId, item.text!, status)))
      : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    prompt_cache_key: null,
    reasoning: { effort: null, summary: null },
    safety_identifier: null,
    service_tier: "default",
    store: true,
    temperature: 1.0,
    text: { format: { type: "text" }, verbosity: "medium" },
    tool_choice: "auto",
    tools: [],
    top_logprobs: 0,
    top_p: 1.0,
    truncation: "disabled",
    usage: done ? responsesUsage(options.usage) : null,
    user: null,
    metadata: {},
  };
}

export function response(options: ResponseOptions = {}): JsonReply {
  const body = responseObject(options, options.id ?? hexId("resp_", 50), unixSeconds(), plan(options), true);
  return { kind: "json", body, headers: requestIdHeaders() };
}

export interface ResponseStreamOptions extends Omit<ResponseOptions, "outputText"> {
  /** The text deltas, in order. */
  outputText?: string[];
  delayMs?: number;
}

/**
 * Typed events, `event: <type>` plus `data` with a growing `sequence_number`, in the order the
 * API sends them: created, in_progress, per output item (added, content part, deltas, done),
 * then completed with the whole response. The SDK's ResponseStream needs `content_part.added`
 * before text deltas (it appends deltas to that part).
 */
export function responseStream(options: ResponseStreamOptions = {}): SseReply {
  const pieces = options.outputText?.length ? options.outputText : undefined;
  const whole: ResponseOptions = { ...options, outputText: pieces?.join("") };
  const items = plan(whole);
  const id = options.id ?? hexId("resp_", 50);
  const createdAt = unixSeconds();
  const events: SseEvent[] = [];
  const emit = (type: string, fields: object) => events.push({ event: type, data: { type, sequence_number: events.length, ...fields } });

  emit("response.created", { response: responseObject(whole, id, createdAt, items, false) });
  emit("response.in_progress", { response: responseObject(whole, id, createdAt, items, false) });
  items.forEach(({ text, call, itemId }, output_index) => {
    const at = { item_id: itemId, output_index };
    if (call) {
      emit("response.output_item.added", { output_index, item: functionCallItem(itemId, call, "in_progress") });
      const args = asJson(call.arguments);
      for (const delta of splitText(args)) emit("response.function_call_arguments.delta", { ...at, delta });
      emit("response.function_call_arguments.done", { ...at, name: call.name, arguments: args });
      emit("response.output_item.done", { output_index, item: functionCallItem(itemId, call, "completed") });
      return;
    }
    emit("response.output_item.added", { output_index, item: messageItem(itemId, "", "in_progress") });
    emit("response.content_part.added", { ...at, content_index: 0, part: outputText("") });
    for (const delta of pieces ?? splitText(text!)) emit("response.output_text.delta", { ...at, content_index: 0, delta, logprobs: [] });
    emit("response.output_text.done", { ...at, content_index: 0, text, logprobs: [] });
    emit("response.content_part.done", { ...at, content_index: 0, part: outputText(text!) });
    emit("response.output_item.done", { output_index, item: messageItem(itemId, text!, "completed") });
  });
  emit("response.completed", { response: responseObject(whole, id, createdAt, items, true) });
  return { kind: "sse", events, delayMs: options.delayMs, headers: requestIdHeaders() };
}

// ---- Embeddings and errors --------------------------------------------------------------

export interface EmbeddingsOptions {
  vectors: number[][];
  usage?: { promptTokens?: number };
  model?: string;
  /**
   * The SDK asks for "base64" unless the caller chose a format, and decodes little-endian
   * float32 (so use values float32 holds exactly); pass the request's `encoding_format`.
   */
  encodingFormat?: "float" | "base64";
}

export function embeddings({ vectors, usage, model, encodingFormat = "base64" }: EmbeddingsOptions): JsonReply {
  const promptTokens = usage?.promptTokens ?? 8;
  const encode = (vector: number[]) =>
    encodingFormat === "float" ? vector : Buffer.from(new Float32Array(vector).buffer).toString("base64");
  const body = {
    object: "list",
    data: vectors.map((vector, index) => ({ object: "embedding", index, embedding: encode(vector) })),
    model: model ?? "text-embedding-3-small",
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
  return { kind: "json", body, headers: requestIdHeaders() };
}

const ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
  400: { type: "invalid_request_error", code: null },
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  403: { type: "invalid_request_error", code: "unsupported_country_region_territory" },
  404: { type: "invalid_request_error", code: "model_not_found" },
  429: { type: "requests", code: "rate_limit_exceeded" },
};

export interface OpenAIErrorOptions {
  type?: string;
  code?: string | null;
  param?: string | null;
  retryAfter?: string;
}

/** `{ error: { message, type, param, code } }` with the type and code OpenAI uses for the status. */
export function openaiError(status: number, message: string, options: OpenAIErrorOptions = {}): ErrorReply {
  const defaults = ERROR_TYPES[status] ?? { type: "server_error", code: null };
  const error = {
    message,
    type: options.type ?? defaults.type,
    param: options.param ?? null,
    code: options.code === undefined ? defaults.code : options.code,
  };
  return { kind: "error", status, body: { error }, retryAfter: options.retryAfter, headers: requestIdHeaders() };
}
