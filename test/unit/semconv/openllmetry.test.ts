import { describe, expect, it } from "vitest";
import { translateOpenLlmetrySpan } from "../../../src/integrations/llm/semconv/openllmetry.js";
import { loadFixture } from "./load-fixture.js";

const spans = loadFixture("openllmetry");
const translate = (key: string) => translateOpenLlmetrySpan(spans[key]!.name, spans[key]!.attributes);

describe("OpenLLMetry conventions", () => {
  it("reads a chat call from flattened prompt and completion messages, with tool calls, functions and usage", () => {
    const mapping = translate("chat")!;
    expect(mapping.spanType).toBe("CHAT_MODEL");
    expect(mapping.inputs).toEqual([{ role: "user", content: "Weather in Paris?" }]);
    expect(mapping.outputs).toEqual([
      { role: "assistant", finish_reason: "tool_calls", tool_calls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }] },
    ]);
    expect(mapping.attributes).toEqual({
      "mlflow.llm.model": "gpt-4o-2024-08-06",
      "mlflow.llm.provider": "openai",
      "mlflow.chat.tools": [{ type: "function", function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object" } } }],
      "mlflow.chat.tokenUsage": { input_tokens: 120, output_tokens: 30, total_tokens: 150, cache_read_input_tokens: 100 },
    });
  });

  it("reads embeddings", () => {
    const mapping = translate("embeddings")!;
    expect(mapping).toMatchObject({ spanType: "EMBEDDING", inputs: [{ content: "hello world" }] });
    expect(mapping.attributes["mlflow.chat.tokenUsage"]).toEqual({ input_tokens: 2, output_tokens: 0, total_tokens: 2 });
  });

  it("reads decorated tools and agents from their entity input and output", () => {
    expect(translate("tool")).toMatchObject({ spanType: "TOOL", inputs: { args: [], kwargs: { city: "Paris" } }, outputs: { temperature_c: 18 } });
    expect(translate("agent")).toMatchObject({ spanType: "AGENT", inputs: { args: ["Weather in Paris?"] }, outputs: "18°C in Paris." });
  });

  it("maps workflows and tasks, and ignores bare GenAI spans", () => {
    expect(translateOpenLlmetrySpan("w", { "traceloop.span.kind": "workflow" })!.spanType).toBe("WORKFLOW");
    expect(translateOpenLlmetrySpan("t", { "traceloop.span.kind": "task" })!.spanType).toBe("TASK");
    expect(translateOpenLlmetrySpan("chat", { "gen_ai.operation.name": "chat", "gen_ai.prompt": "[]" })).toBeUndefined();
  });
});
