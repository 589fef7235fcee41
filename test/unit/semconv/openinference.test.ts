import { describe, expect, it } from "vitest";
import { translateOpenInferenceSpan } from "../../../src/integrations/llm/semconv/openinference.js";
import { loadFixture } from "./load-fixture.js";

const spans = loadFixture("openinference");
const translate = (key: string) => translateOpenInferenceSpan(spans[key]!.name, spans[key]!.attributes);

describe("OpenInference conventions", () => {
  it("reads an LLM call with a tool call: JSON input and output values, tools, model, usage", () => {
    const mapping = translate("chat")!;
    expect(mapping.spanType).toBe("LLM");
    expect(mapping.inputs).toEqual({ messages: [{ role: "user", content: "Weather in Paris?" }] });
    expect(mapping.outputs).toMatchObject({ choices: [{ message: { tool_calls: [{ id: "call_1", function: { name: "get_weather" } }] } }] });
    expect(mapping.attributes).toEqual({
      "mlflow.llm.model": "gpt-4o",
      "mlflow.llm.provider": "openai",
      "mlflow.chat.tools": [{ type: "function", function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object" } } }],
      "mlflow.chat.tokenUsage": { input_tokens: 120, output_tokens: 30, total_tokens: 150, cache_read_input_tokens: 100 },
    });
  });

  it("keeps plain-text values as text", () => {
    const mapping = translate("embeddings")!;
    expect(mapping).toMatchObject({ spanType: "EMBEDDING", inputs: "hello world" });
    expect(mapping.attributes["mlflow.chat.tokenUsage"]).toEqual({ input_tokens: 2, output_tokens: 0, total_tokens: 2 });
  });

  it("reads tools and agents", () => {
    expect(translate("tool")).toMatchObject({ spanType: "TOOL", inputs: { city: "Paris" }, outputs: "18°C" });
    expect(translate("agent")).toMatchObject({ spanType: "AGENT", inputs: "Weather in Paris?", outputs: "18°C in Paris." });
  });

  it("maps unknown kinds to UNKNOWN and ignores spans of other conventions", () => {
    expect(translateOpenInferenceSpan("x", { "openinference.span.kind": "prompt" })!.spanType).toBe("UNKNOWN");
    expect(translateOpenInferenceSpan("x", { "gen_ai.operation.name": "chat" })).toBeUndefined();
  });
});
