/** The pure `ai.*` translator on its own: what the OpenTelemetry bridge also relies on. */
import { describe, expect, it } from "vitest";
import { translateAiSdkSpan } from "../../../src/integrations/llm/semconv/ai-sdk.js";

describe("translateAiSdkSpan", () => {
  it("reads the operation from ai.operationId (span names can carry a function id) and maps older usage keys", () => {
    const mapping = translateAiSdkSpan("ai.streamText.doStream my-fn", {
      "ai.operationId": "ai.streamText.doStream",
      "ai.model.provider": "openai.responses",
      "ai.model.id": "gpt-4o-mini",
      "ai.usage.promptTokens": 12,
      "ai.usage.completionTokens": 3,
      "ai.response.text": "Hi",
    });
    expect(mapping).toEqual({
      spanType: "CHAT_MODEL",
      outputs: { text: "Hi" },
      attributes: {
        "mlflow.llm.model": "gpt-4o-mini",
        "mlflow.llm.provider": "openai",
        "mlflow.message.format": "vercel_ai",
        "mlflow.chat.tokenUsage": { input_tokens: 12, output_tokens: 3, total_tokens: 15 },
      },
    });
  });

  it("leaves other conventions alone and survives odd values", () => {
    expect(translateAiSdkSpan("chat gpt-4o", { "gen_ai.operation.name": "chat" })).toBeUndefined();
    expect(translateAiSdkSpan("ai.unknownThing", {})).toBeUndefined();
    const odd = translateAiSdkSpan("ai.generateText.doGenerate", { "ai.prompt.messages": "not json {", "ai.prompt.tools": ["{bad", "null", '{"name":""}'], "ai.usage.inputTokens": -1 });
    expect(odd).toEqual({ spanType: "CHAT_MODEL", inputs: { messages: "not json {", tools: ["{bad", null, { name: "" }] }, outputs: undefined, attributes: { "mlflow.message.format": "vercel_ai" } });
    expect(translateAiSdkSpan("ai.toolCall", { "ai.toolCall.args": "{\"a\":1}", "ai.toolCall.result": "plain text" })).toEqual({ spanType: "TOOL", inputs: { a: 1 }, outputs: "plain text", attributes: {} });
  });
});
