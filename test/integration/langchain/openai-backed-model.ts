/**
 * A LangChain chat model that wraps the real `openai` SDK as @langchain/openai's ChatOpenAI
 * does (that package is not installed here): each generation is one
 * `chat.completions.create` call, its answer an AIMessage with LangChain's usage metadata, and
 * `ls_provider` "openai"; a failed request is retried by LangChain's own caller.
 */
import { type BaseChatModelParams, BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { type ChatResult } from "@langchain/core/outputs";
import type OpenAI from "openai";

export class OpenAIBackedChatModel extends BaseChatModel {
  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    params: BaseChatModelParams = {},
  ) {
    super(params);
  }

  _llmType(): string {
    return "openai";
  }

  override getLsParams(options: this["ParsedCallOptions"]) {
    return { ...super.getLsParams(options), ls_provider: "openai", ls_model_name: this.model };
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const completion = await this.caller.call(() =>
      this.client.chat.completions.create({
        model: this.model,
        messages: messages.map((message) => ({ role: message.getType() === "human" ? "user" : message.getType() === "ai" ? "assistant" : "system", content: String(message.content) }) as never),
      }),
    );
    const text = completion.choices[0]?.message.content ?? "";
    const usage = completion.usage;
    const message = new AIMessage({
      content: text,
      usage_metadata: usage === undefined ? undefined : { input_tokens: usage.prompt_tokens, output_tokens: usage.completion_tokens, total_tokens: usage.total_tokens },
      response_metadata: { model_name: completion.model },
    });
    return { generations: [{ text, message }] };
  }
}
