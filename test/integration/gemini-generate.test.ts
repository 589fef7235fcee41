/** generateContent and embedContent through the real `@google/genai` SDK and a local wire server. */
import { type Tool, Type } from "@google/genai";
import { describe, expect, it } from "vitest";
import { disable, enable, SpanType, trace, withSpan } from "../../src/index.js";
import { tracedGemini } from "../../src/integrations/gemini/index.js";
import { geminiUsage } from "../../src/integrations/gemini/usage.js";
import { embedContentResponse, generateContentResponse, vertexPredictEmbeddings } from "../support/llm-replies/gemini.js";
import { EMBED_MODEL, EMBED_PATH, GENERATE_PATH, MODEL, useGemini, VERTEX_EMBED_MODEL, VERTEX_EMBED_PATH, VERTEX_GENERATE_PATH } from "../support/gemini-fixture.js";

const gemini = useGemini();
const tools: Tool[] = [
  {
    functionDeclarations: [
      { name: "get_weather", description: "Weather by city", parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING } } } },
      { name: "get_time", parametersJsonSchema: { type: "object", properties: { zone: { type: "string" } } } },
    ],
  },
  { googleSearch: {} },
];

async function onlySpan(type: string = SpanType.CHAT_MODEL) {
  const trace = await gemini.tracing.onlyTrace();
  const spans = trace.spans.filter((span) => span.spanType === type);
  expect(spans).toHaveLength(1);
  return { trace, span: spans[0]! };
}

describe("models.generateContent", () => {
  it("records the request, the response, usage, tools, model, provider and format", async () => {
    gemini.server.reply(GENERATE_PATH, generateContentResponse({ text: "Sunny.", usage: { promptTokenCount: 30, candidatesTokenCount: 5, cachedContentTokenCount: 12, thoughtsTokenCount: 7 }, responseId: "resp-1" }));
    const ai = tracedGemini(gemini.client());
    const params = { model: MODEL, contents: "What is the weather in Paris?", config: { tools, temperature: 0 } };
    const result = await ai.models.generateContent(params);
    expect(result.text).toBe("Sunny.");

    const { span, trace } = await onlySpan();
    expect(span.name).toBe("Models.generateContent");
    expect(span.status.code).toBe("OK");
    expect(span.inputs).toEqual(params);
    expect(span.outputs).toEqual({
      candidates: [{ content: { parts: [{ text: "Sunny." }], role: "model" }, finishReason: "STOP", index: 0 }],
      usageMetadata: expect.objectContaining({ promptTokenCount: 30, candidatesTokenCount: 5, thoughtsTokenCount: 7, totalTokenCount: 42 }),
      modelVersion: MODEL,
      responseId: "resp-1",
    });
    // Thoughts are output tokens (candidatesTokenCount leaves them out), so input + output = total.
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 30, output_tokens: 12, total_tokens: 42, cache_read_input_tokens: 12, reasoning_tokens: 7 });
    expect(span.getAttribute("mlflow.chat.tools")).toEqual([
      { type: "function", function: { name: "get_weather", description: "Weather by city", parameters: tools[0]!.functionDeclarations![0]!.parameters } },
      { type: "function", function: { name: "get_time", parameters: tools[0]!.functionDeclarations![1]!.parametersJsonSchema } },
      { type: "function", function: { name: "googleSearch" } },
    ]);
    expect(span.getAttribute("mlflow.message.format")).toBe("gemini");
    expect(span.getAttribute("mlflow.llm.provider")).toBe("gemini");
    expect(span.getAttribute("mlflow.llm.model")).toBe(MODEL);
    expect(JSON.parse(trace.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 30, output_tokens: 12, total_tokens: 42 });
    // The SDK's own request went out unchanged.
    expect(gemini.server.requests).toHaveLength(1);
    expect(gemini.server.requests[0]!.headers["x-goog-api-key"]).toBe("test-key");
  });

  it("keeps function calls in the outputs; a chat session's turn is one span", async () => {
    gemini.server.reply(GENERATE_PATH, generateContentResponse({ functionCalls: [{ name: "get_weather", args: { city: "Paris" } }] }), generateContentResponse({ text: "Noted." }));
    const ai = tracedGemini(gemini.client());
    const result = await ai.models.generateContent({ model: MODEL, contents: "Weather?", config: { tools } });
    expect(result.functionCalls).toEqual([{ name: "get_weather", args: { city: "Paris" } }]);
    const chat = ai.chats.create({ model: MODEL });
    expect((await chat.sendMessage({ message: "Thanks" })).text).toBe("Noted.");

    const spans = (await gemini.tracing.traces()).map((t) => t.rootSpan!);
    expect(spans.map((span) => span.name)).toEqual(["Models.generateContent", "Models.generateContent"]);
    expect(spans[0]!.outputs).toMatchObject({ candidates: [{ content: { parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }] } }] });
    expect(spans[1]!.inputs).toMatchObject({ model: MODEL, contents: [{ role: "user", parts: [{ text: "Thanks" }] }] });
  });

  it("nests under withSpan and under a traced function", async () => {
    gemini.server.reply(GENERATE_PATH, generateContentResponse({ usage: { promptTokenCount: 10, candidatesTokenCount: 2 } }), generateContentResponse({ usage: { promptTokenCount: 7, candidatesTokenCount: 3 } }));
    const ai = tracedGemini(gemini.client());
    const ask = trace(async (question: string) => (await ai.models.generateContent({ model: MODEL, contents: question })).text, { name: "ask", spanType: SpanType.AGENT });
    await withSpan("turn", async () => {
      await ask("one");
      await ai.models.generateContent({ model: MODEL, contents: "two" });
    });
    const t = await gemini.tracing.onlyTrace();
    const byName = new Map(t.spans.map((span) => [span.name, span]));
    const llmSpans = t.spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
    expect(llmSpans.map((span) => span.parentId).sort()).toEqual([byName.get("ask")!.spanId, byName.get("turn")!.spanId].sort());
    expect(JSON.parse(t.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 17, output_tokens: 5, total_tokens: 22 });
  });

  it("options: captureInputs false, captureOutputs as a function, spanName and spanType", async () => {
    gemini.server.reply(GENERATE_PATH, generateContentResponse({ text: "Hi there" }));
    const ai = tracedGemini(gemini.client(), {
      captureInputs: false,
      captureOutputs: (response) => (response as { candidates: { content: { parts: { text: string }[] } }[] }).candidates[0]!.content.parts[0]!.text,
      spanName: (method) => `gemini:${method.method}`,
      spanType: SpanType.LLM,
    });
    await ai.models.generateContent({ model: MODEL, contents: "secret" });
    const { span } = await onlySpan(SpanType.LLM);
    expect(span.name).toBe("gemini:models.generateContent");
    expect(span.inputs).toBeUndefined();
    expect(span.outputs).toBe("Hi there");
  });

  it("global disable(): calls go through untraced; enable() traces again", async () => {
    gemini.server.reply(GENERATE_PATH, generateContentResponse({ text: "one" }), generateContentResponse({ text: "two" }));
    const ai = tracedGemini(gemini.client());
    disable();
    try {
      expect((await ai.models.generateContent({ model: MODEL, contents: "a" })).text).toBe("one");
      expect(await gemini.tracing.traces()).toHaveLength(0);
    } finally {
      enable();
    }
    await ai.models.generateContent({ model: MODEL, contents: "b" });
    expect((await onlySpan()).span.inputs).toMatchObject({ contents: "b" });
  });

  it("rejects what is not a GoogleGenAI client, and bad options, where they are passed", () => {
    expect(() => tracedGemini({} as object)).toThrow(/expected a GoogleGenAI client/);
    expect(() => tracedGemini({ models: {} })).toThrow(/has none of models.generateContent/);
    expect(() => tracedGemini(gemini.client(), { spanName: 3 } as never)).toThrow(/"spanName" must be/);
  });
});

describe("models.embedContent", () => {
  it("an EMBEDDING span with the request and the vectors; the Gemini API reports no usage", async () => {
    gemini.server.reply(EMBED_PATH, embedContentResponse({ vectors: [[0.1, 0.2], [0.3, 0.4]] }));
    const ai = tracedGemini(gemini.client());
    const params = { model: EMBED_MODEL, contents: ["one", "two"], config: { outputDimensionality: 2 } };
    const result = await ai.models.embedContent(params);
    expect(result.embeddings).toHaveLength(2);
    const { span } = await onlySpan(SpanType.EMBEDDING);
    expect(span.name).toBe("Models.embedContent");
    expect(span.status.code).toBe("OK");
    expect(span.inputs).toEqual(params);
    expect(span.outputs).toEqual({ embeddings: [{ values: [0.1, 0.2] }, { values: [0.3, 0.4] }] });
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toBeUndefined();
    expect(span.getAttribute("mlflow.llm.model")).toBe(EMBED_MODEL);
  });
});

describe("Vertex AI clients", () => {
  it("are provider vertex_ai (LiteLLM's name, which MLflow's price lookup uses)", async () => {
    gemini.server.reply(VERTEX_GENERATE_PATH, generateContentResponse({ text: "From Vertex." }));
    const ai = tracedGemini(gemini.vertexClient());
    expect((await ai.models.generateContent({ model: MODEL, contents: "hi" })).text).toBe("From Vertex.");
    const { span } = await onlySpan();
    expect(span.getAttribute("mlflow.llm.provider")).toBe("vertex_ai");
    expect(span.getAttribute("mlflow.message.format")).toBe("gemini");
  });

  it("embedContent: usage from each embedding's token count", async () => {
    gemini.server.reply(VERTEX_EMBED_PATH, vertexPredictEmbeddings({ vectors: [[0.5], [0.25]], tokenCounts: [3, 4] }));
    const ai = tracedGemini(gemini.vertexClient());
    const result = await ai.models.embedContent({ model: VERTEX_EMBED_MODEL, contents: ["one", "two"] });
    expect(result.embeddings?.map((embedding) => embedding.statistics?.tokenCount)).toEqual([3, 4]);
    const { span } = await onlySpan(SpanType.EMBEDDING);
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 7, output_tokens: 0, total_tokens: 7 });
    expect(span.getAttribute("mlflow.llm.provider")).toBe("vertex_ai");
  });
});

describe("usageMetadata → mlflow.chat.tokenUsage", () => {
  it("counts thoughts as output and tool-use prompts as input, so input + output = total", () => {
    expect(geminiUsage({ promptTokenCount: 100, toolUsePromptTokenCount: 40, candidatesTokenCount: 20, thoughtsTokenCount: 15, totalTokenCount: 175, cachedContentTokenCount: 60 })).toEqual({
      input_tokens: 140,
      output_tokens: 35,
      total_tokens: 175,
      cache_read_input_tokens: 60,
      reasoning_tokens: 15,
    });
    // A response cut before any candidate token (e.g. a blocked prompt) still has its prompt counted.
    expect(geminiUsage({ promptTokenCount: 9, totalTokenCount: 9 })).toEqual({ input_tokens: 9, output_tokens: 0, total_tokens: 9 });
    expect(geminiUsage({})).toBeUndefined();
    expect(geminiUsage(undefined)).toBeUndefined();
  });
});
