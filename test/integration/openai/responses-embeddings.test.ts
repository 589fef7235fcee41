/** The Responses API (plain, streamed, parse) and embeddings through the real `openai` SDK. */
import { describe, expect, it } from "vitest";
import { SpanType, withSpan } from "../../../src/index.js";
import { tracedOpenAI } from "../../../src/integrations/openai/index.js";
import { embeddings, response, responseStream } from "../../support/llm-replies/openai.js";
import { EMBEDDINGS_PATH, RESPONSES_PATH, useOpenAI } from "../../support/openai-fixture.js";

const openai = useOpenAI();

describe("responses", () => {
  it("create: the Response as outputs, its usage, and flat function tools nested as MLflow reads them", async () => {
    openai.server.reply(RESPONSES_PATH, response({ outputText: "Paris is sunny.", usage: { inputTokens: 20, outputTokens: 6, cachedTokens: 4, reasoningTokens: 1 } }));
    const client = tracedOpenAI(openai.client());
    const tools = [{ type: "function" as const, name: "get_weather", description: "Weather", parameters: { type: "object", properties: {} }, strict: false }, { type: "web_search_preview" as const }];
    const result = await client.responses.create({ model: "gpt-4o-mini", input: "Weather in Paris?", tools });
    expect(result.output_text).toBe("Paris is sunny.");

    const span = (await openai.tracing.onlyTrace()).rootSpan!;
    expect([span.name, span.spanType, span.status.code]).toEqual(["Responses.create", SpanType.CHAT_MODEL, "OK"]);
    expect(span.outputs).toMatchObject({ object: "response", output: [{ type: "message", content: [{ type: "output_text", text: "Paris is sunny." }] }] });
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 20, output_tokens: 6, total_tokens: 26, cache_read_input_tokens: 4, reasoning_tokens: 1 });
    expect(span.getAttribute("mlflow.chat.tools")).toEqual([
      { type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: {} }, strict: false } },
      { type: "function", function: { name: "web_search_preview" } },
    ]);
  });

  it("a streamed call's outputs are the completed response; a function call's arguments are whole", async () => {
    openai.server.reply(RESPONSES_PATH, responseStream({ outputText: ["Hel", "lo"], delayMs: 2 }), responseStream({ functionCalls: [{ callId: "call_9", name: "lookup", arguments: { q: "x" } }] }));
    const client = tracedOpenAI(openai.client());
    await withSpan("streams", async () => {
      let text = "";
      for await (const event of await client.responses.create({ model: "gpt-4o-mini", input: "hi", stream: true })) if (event.type === "response.output_text.delta") text += event.delta;
      expect(text).toBe("Hello");
      const helper = client.responses.stream({ model: "gpt-4o-mini", input: "call it" });
      expect((await helper.finalResponse()).output[0]).toMatchObject({ type: "function_call", name: "lookup" });
    });
    const [plain, helper] = (await openai.tracing.onlyTrace()).spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
    expect(plain!.outputs).toMatchObject({ status: "completed", output: [{ content: [{ text: "Hello" }] }] });
    expect(plain!.getAttribute("mlflow.chat.tokenUsage")).toMatchObject({ input_tokens: 36, output_tokens: 87, total_tokens: 123 });
    expect(plain!.getAttribute("traced.llm.timeToFirstTokenMs")).toBeGreaterThan(0);
    expect(helper!.name).toBe("Responses.stream");
    expect(helper!.outputs).toMatchObject({ output: [{ type: "function_call", call_id: "call_9", arguments: JSON.stringify({ q: "x" }) }] });
  });

  it("parse() is one span", async () => {
    openai.server.reply(RESPONSES_PATH, response({ outputText: JSON.stringify({ answer: 42 }) }));
    const client = tracedOpenAI(openai.client());
    const parsed = await client.responses.parse({ model: "gpt-4o-mini", input: "answer", text: { format: { type: "json_schema", name: "answer", schema: { type: "object", properties: { answer: { type: "number" } } } } } });
    expect(parsed.output_parsed).toEqual({ answer: 42 });
    const trace = await openai.tracing.onlyTrace();
    expect(trace.spans).toHaveLength(1);
    expect(trace.rootSpan!.spanType).toBe(SpanType.CHAT_MODEL);
  });
});

describe("embeddings", () => {
  it("an EMBEDDING span with the decoded vectors and the prompt tokens as input usage", async () => {
    openai.server.reply(EMBEDDINGS_PATH, embeddings({ vectors: [[0.5, -0.25], [1, 2]], usage: { promptTokens: 6 } }));
    const client = tracedOpenAI(openai.client());
    const result = await client.embeddings.create({ model: "text-embedding-3-small", input: ["a", "b"] });
    expect(result.data[1]!.embedding).toEqual([1, 2]);
    const span = (await openai.tracing.onlyTrace()).rootSpan!;
    expect([span.name, span.spanType]).toEqual(["Embeddings.create", SpanType.EMBEDDING]);
    expect(span.outputs).toMatchObject({ data: [{ embedding: [0.5, -0.25] }, { embedding: [1, 2] }] });
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 6, output_tokens: 0, total_tokens: 6 });
    expect(span.getAttribute("mlflow.chat.tools")).toBeUndefined();
  });
});
