/** A deterministic stand-in for an LLM client: no network, answers from the prompt. */
import { SpanType, setSpanAttribute, trace } from "traced";

export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FakeLLM {
  constructor(readonly model = "fake-gpt-mini") {}

  @trace({ spanType: SpanType.CHAT_MODEL, attributes: { provider: "fake" } })
  async chat(messages: ChatMessage[], { temperature = 0.2 } = {}): Promise<ChatMessage> {
    await pause(12);
    const question = messages.at(-1)?.content ?? "";
    const context = messages.find((m) => m.role === "system")?.content ?? "";
    const answer = `Based on ${context.split("\n").length} notes: ${question.replace(/\?$/, "")} is about tracing.`;
    setSpanAttribute("mlflow.chat.tokenUsage", { input_tokens: 42, output_tokens: answer.split(" ").length, total_tokens: 42 + answer.split(" ").length });
    setSpanAttribute("temperature", temperature);
    return { role: "assistant", content: answer };
  }

  /** Streams the answer token by token; the span's output is the joined text. */
  @trace({ spanType: SpanType.LLM, outputReducer: (chunks: unknown[]) => (chunks as string[]).join("") })
  async *stream(prompt: string): AsyncGenerator<string> {
    for (const word of `Streaming reply to: ${prompt}`.split(" ")) {
      await pause(2);
      yield word + " ";
    }
  }
}
