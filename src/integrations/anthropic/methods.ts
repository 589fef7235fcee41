/**
 * The Anthropic SDK methods traced, and how each maps onto an LLM call. `create` is the one
 * place every Messages request goes through: `messages.stream()` and `parse()`, and the
 * beta tool runner, all call it, so each is exactly one span. The stream helper marks its
 * request with a header, so its span is named `Messages.stream` after what the app called.
 */
import { SpanType } from "../../model/span-type.js";
import { type LlmRequest } from "../llm/llm-call.js";
import { type MethodAdapter } from "../llm/traced-method.js";
import { observeApiPromise, type BodyHandlers } from "../stainless/api-promise.js";
import { type ClientMethod } from "../stainless/client-methods.js";
import { helperMethod } from "../stainless/helper-method.js";
import { watchRequestAttempts } from "../stainless/request-attempts.js";
import { MessageAssembler } from "./message-assembler.js";
import { anthropicTools } from "./tools.js";
import { anthropicUsage } from "./usage.js";

const messageHandlers: BodyHandlers = {
  response: (data) => {
    const message = data as { usage?: unknown; model?: unknown } | null;
    return { outputs: data, usage: anthropicUsage(message?.usage), model: message?.model };
  },
  stream: () => new MessageAssembler(),
};

function messagesAdapter(path: string): MethodAdapter {
  return {
    describe(args): LlmRequest | undefined {
      const params = args[0];
      if (typeof params !== "object" || params === null) return undefined;
      const p = params as Record<string, unknown>;
      const name = helperMethod(args[1]) === "stream" ? "stream" : "create";
      return {
        method: `${path}.${name}`,
        defaultName: `Messages.${name}`,
        defaultSpanType: SpanType.CHAT_MODEL,
        inputs: params,
        provider: "anthropic",
        messageFormat: "anthropic",
        model: p.model,
        tools: anthropicTools(p.tools),
      };
    },
    observe(result, call, target) {
      watchRequestAttempts((target as { _client?: unknown })._client);
      return observeApiPromise(result, call, messageHandlers);
    },
  };
}

export const ANTHROPIC_METHODS: readonly ClientMethod[] = [
  { resource: ["messages"], key: "create", adapter: messagesAdapter("messages") },
  { resource: ["beta", "messages"], key: "create", adapter: messagesAdapter("beta.messages") },
];
