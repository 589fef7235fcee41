/**
 * A streamed Responses API call put back together. The final `response.completed` (or
 * `response.incomplete` / `response.failed`) event carries the whole response, which is the
 * output; a stream that ends before it yields the items finished so far, with the text
 * of the item still being written.
 */
import { type LlmResult } from "../llm/llm-call.js";
import { type StreamAssembler } from "../llm/stream-observer.js";
import { openaiUsage } from "../llm/openai-wire-usage.js";

const FINAL_EVENTS = new Set(["response.completed", "response.incomplete", "response.failed"]);

export class ResponseAssembler implements StreamAssembler<unknown> {
  private snapshot: Record<string, unknown> | undefined;
  private final: Record<string, unknown> | undefined;
  private readonly items = new Map<number, unknown>();
  private text = "";

  add(chunk: unknown): void {
    const event = chunk as { type?: string; response?: Record<string, unknown>; output_index?: number; item?: unknown; delta?: unknown };
    if (event.response !== undefined) {
      this.snapshot = event.response;
      if (FINAL_EVENTS.has(event.type ?? "")) this.final = event.response;
    }
    if (event.type === "response.output_text.delta" && typeof event.delta === "string") this.text += event.delta;
    if (event.type === "response.output_item.done" && event.item !== undefined) {
      this.items.set(event.output_index ?? this.items.size, event.item);
      this.text = "";
    }
  }

  result(): LlmResult {
    if (this.final !== undefined) return responseResult(this.final);
    const output: unknown[] = [...this.items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
    if (this.text !== "") output.push({ type: "message", role: "assistant", status: "in_progress", content: [{ type: "output_text", text: this.text }] });
    return { outputs: { ...this.snapshot, output }, model: this.snapshot?.model };
  }
}

export function responseResult(response: unknown): LlmResult {
  const r = response as Record<string, unknown> | null;
  return { outputs: response, usage: openaiUsage(r?.usage), model: r?.model };
}
