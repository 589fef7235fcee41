/**
 * A streamed Anthropic message put back together from its events, as the SDK's
 * `finalMessage()` gives it: `message_start` carries the message without content, each
 * content block is opened, filled by deltas and closed, and `message_delta` carries the stop
 * reason and the final usage. Works for `messages` and `beta.messages` alike.
 */
import { type LlmResult } from "../llm/llm-call.js";
import { type StreamAssembler } from "../llm/stream-observer.js";
import { anthropicUsage } from "./usage.js";

type Fields = Record<string, unknown>;

interface StreamEvent {
  type?: string;
  index?: number;
  message?: Fields;
  content_block?: Fields;
  delta?: Fields;
  usage?: Fields;
}

/** message_delta fields the SDK always takes (null clears them); others only when present. */
const ALWAYS_SET = new Set(["stop_reason", "stop_sequence", "stop_details"]);
const EVENT_ENVELOPE = new Set(["type", "delta", "usage"]);

function isSet(value: unknown): boolean {
  return value !== null && value !== undefined;
}

export class MessageAssembler implements StreamAssembler<unknown> {
  private message: Fields | undefined;
  private usage: Fields = {};
  private readonly blocks: Fields[] = [];
  /** Tool input arrives as pieces of JSON text, parsed once the whole is there. */
  private readonly toolJson = new Map<number, string>();

  add(chunk: unknown): void {
    const event = chunk as StreamEvent;
    switch (event.type) {
      case "message_start":
        this.message = { ...event.message };
        this.usage = { ...(event.message?.usage as Fields | undefined) };
        for (const block of (event.message?.content as Fields[] | undefined) ?? []) this.blocks.push({ ...block });
        return;
      case "content_block_start": {
        const block = { ...event.content_block };
        this.blocks[event.index ?? this.blocks.length] = block;
        // A fallback block names the model that actually answered.
        const to = block.to as Fields | undefined;
        if (block.type === "fallback" && this.message !== undefined && typeof to?.model === "string") this.message.model = to.model;
        return;
      }
      case "content_block_delta":
        this.addDelta(event.index ?? this.blocks.length - 1, event.delta ?? {});
        return;
      case "message_delta":
        this.addMessageDelta(event);
        return;
    }
  }

  private addDelta(index: number, delta: Fields): void {
    const block = this.blocks[index];
    if (block === undefined) return;
    switch (delta.type) {
      case "text_delta":
        block.text = String(block.text ?? "") + String(delta.text ?? "");
        return;
      case "citations_delta":
        block.citations = [...((block.citations as unknown[] | null | undefined) ?? []), delta.citation];
        return;
      case "input_json_delta":
        this.toolJson.set(index, (this.toolJson.get(index) ?? "") + String(delta.partial_json ?? ""));
        return;
      case "thinking_delta":
        block.thinking = String(block.thinking ?? "") + String(delta.thinking ?? "");
        return;
      case "signature_delta":
        // The API sends the whole signature in one delta; the SDK keeps the last one.
        block.signature = delta.signature;
        return;
      case "compaction_delta":
        // Carries the block's final content, not a piece of it.
        block.content = delta.content;
        if ("encrypted_content" in delta) block.encrypted_content = delta.encrypted_content;
        return;
    }
  }

  private addMessageDelta(event: StreamEvent): void {
    if (this.message === undefined) return;
    for (const [key, value] of Object.entries(event.delta ?? {})) if (ALWAYS_SET.has(key) || isSet(value)) this.message[key] = value;
    for (const [key, value] of Object.entries(event)) if (!EVENT_ENVELOPE.has(key) && isSet(value)) this.message[key] = value;
    // Counts here are whole-message totals, not increments; output tokens always come.
    for (const [key, value] of Object.entries(event.usage ?? {})) if (key === "output_tokens" || isSet(value)) this.usage[key] = value;
  }

  private block(block: Fields, index: number): Fields {
    const json = this.toolJson.get(index);
    // No JSON at all (or only empty pieces): the input the block started with, `{}`.
    if (json === undefined || json === "") return block;
    let input: unknown = json;
    try {
      input = JSON.parse(json);
    } catch {
      // Cut off mid-way (a stream stopped early) or malformed: the text as it came.
    }
    return { ...block, input };
  }

  result(): LlmResult {
    if (this.message === undefined) return { outputs: undefined };
    const content = this.blocks.flatMap((block, index) => (block === undefined ? [] : [this.block(block, index)]));
    const outputs = { ...this.message, content, usage: this.usage };
    return { outputs, usage: anthropicUsage(this.usage), model: this.message.model };
  }
}
