/** A real BaseChatModel that answers with the given messages in turn (LangChain's fakes repeat their first), reporting usage. */
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { type ChatResult } from "@langchain/core/outputs";
import { type StructuredToolInterface } from "@langchain/core/tools";

export class ScriptedChatModel extends BaseChatModel {
  private index = 0;
  boundTools: StructuredToolInterface[] = [];

  constructor(private readonly replies: AIMessage[]) {
    super({});
  }

  _llmType(): string {
    return "scripted";
  }

  override bindTools(tools: StructuredToolInterface[]) {
    const next = new ScriptedChatModel(this.replies);
    next.index = this.index;
    return next.withConfig({ tools: tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description } })) } as never);
  }

  async _generate(_messages: BaseMessage[]): Promise<ChatResult> {
    const reply = this.replies[this.index++ % this.replies.length]!;
    const message = new AIMessage({ content: reply.content, tool_calls: reply.tool_calls ?? [], usage_metadata: { input_tokens: 10 * this.index, output_tokens: 3, total_tokens: 10 * this.index + 3 }, response_metadata: { model_name: "scripted-1" } });
    return { generations: [{ text: typeof reply.content === "string" ? reply.content : "", message }] };
  }
}
