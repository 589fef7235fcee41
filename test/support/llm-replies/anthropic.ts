/**
 * Anthropic Messages API replies as api.anthropic.com sends them, for the SDK pointed at the
 * wire server with `new Anthropic({ apiKey: "test", baseURL: server.url })` (the SDK adds
 * /v1 itself: POST /v1/messages). Anthropic has no embeddings endpoint.
 */
import { type SseEvent } from "../llm-wire-server.js";
import { type ErrorReply, fakeId, type JsonReply, splitText, type SseReply } from "./common.js";

const MODEL = "claude-haiku-4-5-20251001";

export interface AnthropicUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheCreationInputTokens?: number;
}

export interface ToolUse {
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export type StopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal";

export interface MessageOptions {
  text?: string;
  toolUses?: ToolUse[];
  /** Extended thinking, placed first as the API does. */
  thinking?: string;
  thinkingSignature?: string;
  usage?: AnthropicUsage;
  /** Default "tool_use" when there are tool uses, else "end_turn". */
  stopReason?: StopReason;
  model?: string;
  id?: string;
}

const requestIdHeaders = () => ({ "request-id": fakeId("req_011C", 20) });
const SIGNATURE = "EqQBCkgIARABGAIiQL5xCbX3lqT6vO2N4Tg1eBSaZ0n6Q7kWmVh4mS3KcC0pQj8";

function usage({ inputTokens = 25, outputTokens = 15, cacheReadInputTokens = 0, cacheCreationInputTokens = 0 }: AnthropicUsage = {}) {
  return {
    input_tokens: inputTokens,
    cache_creation_input_tokens: cacheCreationInputTokens,
    cache_read_input_tokens: cacheReadInputTokens,
    cache_creation: { ephemeral_5m_input_tokens: cacheCreationInputTokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: "standard",
    inference_geo: null,
    speed: null,
  };
}

const toolUseBlock = (use: ToolUse, input: unknown) => ({ type: "tool_use", id: use.id, name: use.name, input, caller: { type: "direct" } });

function messageObject(options: Omit<MessageOptions, "text" | "thinking">, content: object[], done: boolean, id: string) {
  const toolUses = options.toolUses ?? [];
  const all = usage(options.usage);
  return {
    id,
    type: "message",
    role: "assistant",
    model: options.model ?? MODEL,
    content,
    stop_reason: done ? (options.stopReason ?? (toolUses.length > 0 ? "tool_use" : "end_turn")) : null,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    // message_start reports the input side and a first output token; message_delta the totals.
    usage: done ? all : { ...all, output_tokens: 1 },
  };
}

export function message(options: MessageOptions = {}): JsonReply {
  const toolUses = options.toolUses ?? [];
  const text = options.text ?? (toolUses.length > 0 ? undefined : "Hello!");
  const content: object[] = [];
  if (options.thinking !== undefined) {
    content.push({ type: "thinking", thinking: options.thinking, signature: options.thinkingSignature ?? SIGNATURE });
  }
  if (text !== undefined) content.push({ type: "text", text, citations: null });
  for (const use of toolUses) content.push(toolUseBlock(use, use.input));
  return { kind: "json", body: messageObject(options, content, true, options.id ?? fakeId("msg_01", 22)), headers: requestIdHeaders() };
}

export interface MessageStreamOptions extends Omit<MessageOptions, "text" | "thinking"> {
  /** Text deltas, in order. */
  text?: string[];
  /** Thinking deltas, in order (then one signature_delta). */
  thinking?: string[];
  delayMs?: number;
}

/**
 * Named events (`event: <type>`, the SDK skips unnamed ones): message_start, per block
 * content_block_start / content_block_delta… / content_block_stop, a `ping` after the first
 * block starts (as the API sends one), message_delta with stop_reason and usage, message_stop.
 * Tool input arrives as input_json_delta fragments, starting with an empty one.
 */
export function messageStream(options: MessageStreamOptions = {}): SseReply {
  const toolUses = options.toolUses ?? [];
  const text = options.text ?? (toolUses.length > 0 ? undefined : ["Hel", "lo", "!"]);
  const id = options.id ?? fakeId("msg_01", 22);
  const events: SseEvent[] = [];
  const emit = (type: string, fields: object = {}) => events.push({ event: type, data: { type, ...fields } });
  let index = 0;
  const block = (start: object, deltas: object[]) => {
    emit("content_block_start", { index, content_block: start });
    if (index === 0) emit("ping");
    for (const delta of deltas) emit("content_block_delta", { index, delta });
    emit("content_block_stop", { index });
    index += 1;
  };

  emit("message_start", { message: messageObject(options, [], false, id) });
  if (options.thinking) {
    block({ type: "thinking", thinking: "", signature: "" }, [
      ...options.thinking.map((thinking) => ({ type: "thinking_delta", thinking })),
      { type: "signature_delta", signature: options.thinkingSignature ?? SIGNATURE },
    ]);
  }
  if (text) block({ type: "text", text: "", citations: null }, text.map((piece) => ({ type: "text_delta", text: piece })));
  for (const use of toolUses) {
    const fragments = ["", ...splitText(JSON.stringify(use.input))];
    block(toolUseBlock(use, {}), fragments.map((partial_json) => ({ type: "input_json_delta", partial_json })));
  }
  const done = messageObject(options, [], true, id);
  const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens, server_tool_use } = done.usage;
  emit("message_delta", {
    delta: { stop_reason: done.stop_reason, stop_sequence: null, stop_details: null, container: null },
    usage: { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens, server_tool_use },
  });
  emit("message_stop");
  return { kind: "sse", events, delayMs: options.delayMs, headers: requestIdHeaders() };
}

export interface AnthropicErrorOptions {
  retryAfter?: string;
}

/**
 * `{ type: "error", error: { type, message }, request_id }`. Types the API uses:
 * invalid_request_error (400), authentication_error (401), permission_error (403),
 * not_found_error (404), rate_limit_error (429), api_error (500), overloaded_error (529).
 */
export function anthropicError(status: number, type: string, message: string, options: AnthropicErrorOptions = {}): ErrorReply {
  const headers = requestIdHeaders();
  const body = { type: "error", error: { type, message }, request_id: headers["request-id"] };
  return { kind: "error", status, body, retryAfter: options.retryAfter, headers };
}
