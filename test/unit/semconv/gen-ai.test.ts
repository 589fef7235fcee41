import { describe, expect, it } from "vitest";
import { translateGenAiSpan } from "../../../src/integrations/llm/semconv/gen-ai.js";
import { loadFixture } from "./load-fixture.js";

const spans = loadFixture("gen-ai");
const translate = (key: string) => {
  const span = spans[key]!;
  return translateGenAiSpan(span.name, span.attributes, span.events);
};

describe("OTel GenAI conventions", () => {
  it("reads a chat call with a tool call: messages, tools, model, provider and usage with cache reads", () => {
    const mapping = translate("chat")!;
    expect(mapping.spanType).toBe("CHAT_MODEL");
    expect(mapping.inputs).toEqual([{ role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] }]);
    expect(mapping.outputs).toEqual([
      { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }], finish_reason: "tool_call" },
    ]);
    expect(mapping.attributes).toEqual({
      "mlflow.llm.model": "gpt-4o-2024-08-06",
      "mlflow.llm.provider": "openai",
      "mlflow.chat.tools": [{ type: "function", function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
      "mlflow.chat.tokenUsage": { input_tokens: 120, output_tokens: 30, total_tokens: 150, cache_read_input_tokens: 100 },
    });
  });

  it("reads embeddings with input tokens only", () => {
    const mapping = translate("embeddings")!;
    expect(mapping.spanType).toBe("EMBEDDING");
    expect(mapping.attributes["mlflow.chat.tokenUsage"]).toEqual({ input_tokens: 8, output_tokens: 0, total_tokens: 8 });
    expect(mapping.attributes["mlflow.llm.model"]).toBe("text-embedding-3-small");
  });

  it("reads a tool execution's arguments and result", () => {
    const mapping = translate("tool")!;
    expect(mapping).toMatchObject({ spanType: "TOOL", inputs: { city: "Paris" }, outputs: { temperature_c: 18 } });
    expect(mapping.attributes["mlflow.chat.tokenUsage"]).toBeUndefined();
  });

  it("reads an agent invocation", () => {
    const mapping = translate("agent")!;
    expect(mapping.spanType).toBe("AGENT");
    expect(mapping.outputs).toEqual([{ role: "assistant", parts: [{ type: "text", content: "18°C in Paris." }], finish_reason: "stop" }]);
  });

  it("reads content from the older prompt and completion events, and gen_ai.system as provider", () => {
    const mapping = translate("legacyEvents")!;
    expect(mapping).toMatchObject({ spanType: "CHAT_MODEL", inputs: [{ role: "user", content: "Hi" }], outputs: [{ role: "assistant", content: "Hello!" }] });
    expect(mapping.attributes["mlflow.llm.provider"]).toBe("openai");
  });

  it("reads per-message events and choice events", () => {
    const mapping = translateGenAiSpan("chat m", { "gen_ai.operation.name": "chat" }, [
      { name: "gen_ai.system.message", attributes: { content: "Be brief." } },
      { name: "gen_ai.user.message", attributes: { content: "Hi" } },
      { name: "gen_ai.choice", attributes: { index: 0, finish_reason: "stop", message: JSON.stringify({ role: "assistant", content: "Hello" }) } },
    ])!;
    expect(mapping.inputs).toEqual([{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }]);
    expect(mapping.outputs).toEqual([{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Hello" } }]);
  });

  it("maps every operation to MLflow's span type", () => {
    const types = ["chat", "text_completion", "embeddings", "execute_tool", "invoke_agent", "create_agent"].map((op) => translateGenAiSpan(op, { "gen_ai.operation.name": op })!.spanType);
    expect(types).toEqual(["CHAT_MODEL", "LLM", "EMBEDDING", "TOOL", "AGENT", "AGENT"]);
  });

  it("leaves spans without gen_ai attributes alone, and ignores odd values", () => {
    expect(translateGenAiSpan("GET /", { "http.method": "GET" })).toBeUndefined();
    const odd = translateGenAiSpan("chat", { "gen_ai.operation.name": "chat", "gen_ai.usage.input_tokens": "many", "gen_ai.input.messages": "not json" })!;
    expect(odd.inputs).toBe("not json");
    expect(odd.attributes["mlflow.chat.tokenUsage"]).toBeUndefined();
  });
});
