import { describe, expect, it } from "vitest";
import { translateForeignSpan } from "../../../src/integrations/llm/semconv/foreign-span.js";
import { loadFixture } from "./load-fixture.js";

describe("translateForeignSpan", () => {
  it("reads OpenInference and OpenLLMetry spans by their own convention although they carry gen_ai keys", () => {
    const openInference = { ...loadFixture("openinference").chat!.attributes, "gen_ai.operation.name": "chat" };
    expect(translateForeignSpan("ChatCompletion", openInference)!.spanType).toBe("LLM");
    const openLlmetry = loadFixture("openllmetry").chat!;
    expect(translateForeignSpan(openLlmetry.name, openLlmetry.attributes)!.inputs).toEqual([{ role: "user", content: "Weather in Paris?" }]);
  });

  it("reads AI SDK spans through the AI SDK's translator, not as bare gen_ai spans", () => {
    const mapping = translateForeignSpan("ai.generateText.doGenerate", {
      "ai.operationId": "ai.generateText.doGenerate",
      "ai.model.provider": "openai.chat",
      "ai.model.id": "gpt-4o",
      "ai.response.text": "Hi",
      "gen_ai.system": "openai.chat",
      "gen_ai.usage.input_tokens": 3,
      "gen_ai.usage.output_tokens": 1,
    })!;
    expect(mapping.spanType).toBe("CHAT_MODEL");
    expect(mapping.attributes["mlflow.message.format"]).toBe("vercel_ai");
  });

  it("falls back to the GenAI conventions, and to nothing for other spans", () => {
    const chat = loadFixture("gen-ai").chat!;
    expect(translateForeignSpan(chat.name, chat.attributes)!.spanType).toBe("CHAT_MODEL");
    expect(translateForeignSpan("GET /users", { "http.request.method": "GET" })).toBeUndefined();
  });
});
