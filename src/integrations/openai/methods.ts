/**
 * The OpenAI SDK methods traced, and how each maps onto an LLM call. `create` is the one
 * place every request goes through: `chat.completions.parse()`, `.stream()` and
 * `.runTools()`, `responses.parse()` and `.stream()` all call it, so each is one span,
 * named after the helper the app called (the SDK marks helpers' requests with a header).
 */
import { SpanType } from "../../model/span-type.js";
import { type LlmRequest } from "../llm/llm-call.js";
import { type MethodAdapter } from "../llm/traced-method.js";
import { observeApiPromise, type BodyHandlers } from "../stainless/api-promise.js";
import { type ClientMethod } from "../stainless/client-methods.js";
import { helperMethod } from "../stainless/helper-method.js";
import { watchRequestAttempts } from "../stainless/request-attempts.js";
import { ChatCompletionAssembler } from "./chat-completion-assembler.js";
import { ResponseAssembler, responseResult } from "./response-assembler.js";
import { openaiTools } from "../llm/openai-wire-tools.js";
import { openaiUsage } from "../llm/openai-wire-usage.js";


function adapterFor(method: string, resourceName: string, spanType: string, handlers: BodyHandlers, tools: boolean): MethodAdapter {
  // The names of a plain `create` call (no helper), made once.
  const createMethod = `${method}.create`;
  const createName = `${resourceName}.create`;
  return {
    describe(args): LlmRequest | undefined {
      const params = args[0];
      if (typeof params !== "object" || params === null) return undefined;
      const p = params as Record<string, unknown>;
      // `chat.completions.parse` names itself; the stream helpers send just "stream".
      const helper = args[1] === undefined ? undefined : helperMethod(args[1]);
      const helperName = helper === undefined ? "create" : (helper.split(".").pop() ?? "create");
      return {
        method: helper === undefined ? createMethod : helper.includes(".") ? helper : `${method}.${helperName}`,
        defaultName: helper === undefined ? createName : `${resourceName}.${helperName}`,
        defaultSpanType: spanType,
        inputs: params,
        provider: "openai",
        messageFormat: "openai",
        model: p.model,
        tools: tools ? openaiTools(p.tools) : undefined,
      };
    },
    observe(result, call, target) {
      watchRequestAttempts((target as { _client?: unknown })._client);
      return observeApiPromise(result, call, handlers);
    },
  };
}

const chatHandlers: BodyHandlers = {
  response: (data) => ({ outputs: data, usage: openaiUsage((data as { usage?: unknown } | null)?.usage), model: (data as { model?: unknown } | null)?.model }),
  stream: () => new ChatCompletionAssembler(),
};

const responsesHandlers: BodyHandlers = {
  response: responseResult,
  stream: () => new ResponseAssembler(),
};

const embeddingHandlers: BodyHandlers = {
  response: chatHandlers.response,
  stream: () => {
    throw new Error("embeddings are not streamed");
  },
};

export const OPENAI_METHODS: readonly ClientMethod[] = [
  { resource: ["chat", "completions"], key: "create", adapter: adapterFor("chat.completions", "Completions", SpanType.CHAT_MODEL, chatHandlers, true) },
  { resource: ["responses"], key: "create", adapter: adapterFor("responses", "Responses", SpanType.CHAT_MODEL, responsesHandlers, true) },
  { resource: ["embeddings"], key: "create", adapter: adapterFor("embeddings", "Embeddings", SpanType.EMBEDDING, embeddingHandlers, false) },
];
