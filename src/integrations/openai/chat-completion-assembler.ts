/**
 * A streamed Chat Completion put back together: the text and refusal of each choice
 * joined, each tool call's JSON arguments joined from their deltas (matched by index),
 * the finish reason, and the usage of the final chunk (sent only with
 * `stream_options.include_usage`). The result has the shape of a non-streamed response.
 */
import { type LlmResult } from "../llm/llm-call.js";
import { type StreamAssembler } from "../llm/stream-observer.js";
import { openaiUsage } from "../llm/openai-wire-usage.js";
import { type TokenUsage } from "../llm/token-usage.js";

interface ToolCallParts {
  id?: string;
  type: string;
  function: { name: string; arguments: string };
}

interface ChoiceParts {
  index: number;
  role: string;
  content: string | null;
  refusal: string | null;
  toolCalls: Map<number, ToolCallParts>;
  finishReason: string | null;
}

type Delta = { role?: string; content?: string | null; refusal?: string | null; tool_calls?: { index?: number; id?: string; type?: string; function?: { name?: string; arguments?: string } }[] };

const HEADER_KEYS = ["id", "created", "model", "system_fingerprint", "service_tier"] as const;

type Chunk = { choices?: { index?: number; delta?: Delta; finish_reason?: string | null }[]; usage?: unknown } & Record<string, unknown>;

export class ChatCompletionAssembler implements StreamAssembler<unknown> {
  /** By choice index (dense: OpenAI numbers choices from 0). */
  private readonly choices: ChoiceParts[] = [];
  /** Every chunk repeats the response's id, model and so on: the first one's are copied. */
  private header: Record<string, unknown> | undefined;
  /** The usage, read when it arrived (the app may change the chunk once it has it): as counted, and as JSON text for the outputs. */
  private usage: TokenUsage | undefined;
  private usageJson: string | undefined;

  // Once per chunk, so kept to a few property reads: most chunks carry one text delta.
  add(chunk: unknown): void {
    const c = chunk as Chunk;
    if (this.header === undefined) this.header = headerOf(c);
    if (c.usage != null) {
      this.usage = openaiUsage(c.usage);
      this.usageJson = JSON.stringify(c.usage);
    }
    const choices = c.choices;
    if (choices === undefined) return;
    // A usage-only final chunk has no choices.
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i]!;
      const parts = this.choices[choice.index ?? 0] ?? this.choice(choice.index ?? 0);
      const delta = choice.delta;
      if (delta !== undefined && delta !== null) {
        if (typeof delta.content === "string") parts.content = parts.content === null ? delta.content : parts.content + delta.content;
        if (delta.role) parts.role = delta.role;
        if (typeof delta.refusal === "string") parts.refusal = (parts.refusal ?? "") + delta.refusal;
        if (delta.tool_calls !== undefined && delta.tool_calls !== null) for (const call of delta.tool_calls) this.addToolCall(parts, call);
      }
      if (choice.finish_reason) parts.finishReason = choice.finish_reason;
    }
  }

  private choice(index: number): ChoiceParts {
    const parts: ChoiceParts = { index, role: "assistant", content: null, refusal: null, toolCalls: new Map(), finishReason: null };
    this.choices[index] = parts;
    return parts;
  }

  private addToolCall(parts: ChoiceParts, delta: NonNullable<Delta["tool_calls"]>[number]): void {
    const index = delta.index ?? parts.toolCalls.size;
    let call = parts.toolCalls.get(index);
    if (call === undefined) {
      call = { type: delta.type ?? "function", function: { name: "", arguments: "" } };
      parts.toolCalls.set(index, call);
    }
    if (delta.id) call.id = delta.id;
    if (delta.function?.name) call.function.name += delta.function.name;
    if (delta.function?.arguments) call.function.arguments += delta.function.arguments;
  }

  /** What the span needs when the stream ends; the outputs themselves are built when they are recorded. */
  result(): LlmResult {
    return { outputs: undefined, lateOutputs: () => this.outputs(), usage: this.usage, model: this.header?.model };
  }

  /** The response as the non-streamed call would have returned it. */
  private outputs(): Record<string, unknown> {
    const choices: Record<string, unknown>[] = [];
    for (const parts of this.choices) {
      // Sparse when a choice index was skipped.
      if (parts === undefined) continue;
      const message: Record<string, unknown> = { role: parts.role, content: parts.content };
      if (parts.refusal !== null) message.refusal = parts.refusal;
      if (parts.toolCalls.size !== 0) message.tool_calls = [...parts.toolCalls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
      choices.push({ index: parts.index, message, finish_reason: parts.finishReason });
    }
    const outputs: Record<string, unknown> = { ...this.header, object: "chat.completion", choices };
    if (this.usageJson !== undefined) outputs.usage = JSON.parse(this.usageJson);
    return outputs;
  }
}

function headerOf(chunk: Chunk): Record<string, unknown> {
  const header: Record<string, unknown> = {};
  for (const key of HEADER_KEYS) if (chunk[key] != null) header[key] = chunk[key];
  return header;
}
