/** The real AI SDK (`ai` 6) on its mock models, traced through `tracedTelemetry()`: span types, nesting, inputs/outputs, usage, statuses. */
import { embed, embedMany, generateObject, generateText, stepCountIs, streamObject, streamText, tool } from "ai";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { SpanType, withSpan, type Span, type Trace } from "../../../src/index.js";
import { tracedTelemetry } from "../../../src/integrations/ai/index.js";
import { setupTracing, shape, type TestTracing } from "../../support/tracing.js";
import { embeddingModel, scriptedModel, streamingModel } from "./mock-models.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

const weatherCall = { toolCall: { id: "call-1", name: "weather", input: { city: "Paris" } } };
function weatherTool(inside?: () => void) {
  return tool({
    description: "Weather by city",
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      inside?.();
      return { city, temperature: 21 };
    },
  });
}

/** Export numbers repeated span names (`ai.toolCall_1`, `_2`); tests name spans as the AI SDK did. */
const baseName = (name: string) => name.replace(/_\d+$/, "");

function byName(trace: Trace, name: string): Span[] {
  return trace.spans.filter((span) => baseName(span.name) === name);
}

function tree(trace: Trace): unknown {
  return JSON.parse(JSON.stringify(shape(trace)), (_key, value: unknown) => (typeof value === "string" ? baseName(value) : value));
}

describe("generateText", () => {
  it("a tool loop: the call, a model call, the tool, the second model call, in order and nested", async () => {
    const result = await generateText({
      model: scriptedModel([weatherCall, { text: "Sunny in Paris." }]),
      prompt: "Weather in Paris?",
      tools: { weather: weatherTool(() => withSpan("lookup", () => undefined)) },
      stopWhen: stepCountIs(3),
      experimental_telemetry: tracedTelemetry(),
    });
    expect(result.text).toBe("Sunny in Paris.");

    const trace = await tracing.onlyTrace();
    expect(tree(trace)).toEqual(["ai.generateText", ["ai.generateText.doGenerate", ["ai.toolCall", ["lookup"]], "ai.generateText.doGenerate"]]);
    const root = trace.rootSpan!;
    expect(root.spanType).toBe(SpanType.AGENT);
    expect(root.inputs).toEqual({ prompt: "Weather in Paris?" });
    expect(root.outputs).toBe("Sunny in Paris.");
    expect(root.status.code).toBe("OK");

    const [first, second] = byName(trace, "ai.generateText.doGenerate");
    expect(first!.spanType).toBe(SpanType.CHAT_MODEL);
    expect(first!.inputs).toMatchObject({ messages: [{ role: "user", content: [{ type: "text", text: "Weather in Paris?" }] }], toolChoice: { type: "auto" } });
    expect(first!.outputs).toEqual({ toolCalls: [{ toolCallId: "call-1", toolName: "weather", input: '{"city":"Paris"}' }], finishReason: "tool-calls" });
    expect(first!.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 8, output_tokens: 3, total_tokens: 11 });
    expect(first!.getAttribute("mlflow.chat.tools")).toEqual([{ type: "function", function: { name: "weather", description: "Weather by city", parameters: expect.objectContaining({ type: "object" }) } }]);
    expect(first!.getAttribute("mlflow.llm.model")).toBe("mock-1");
    expect(first!.getAttribute("mlflow.llm.provider")).toBe("mock");
    expect(first!.getAttribute("mlflow.message.format")).toBe("vercel_ai");
    expect(second!.outputs).toEqual({ text: "Sunny in Paris.", finishReason: "stop" });
    expect(second!.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 10, output_tokens: 4, total_tokens: 14, cache_read_input_tokens: 2 });
    expect((second!.inputs as { messages: unknown[] }).messages).toHaveLength(3);

    const toolSpan = byName(trace, "ai.toolCall")[0]!;
    expect(toolSpan.spanType).toBe(SpanType.TOOL);
    expect(toolSpan.parentId).toBe(root.spanId);
    expect(toolSpan.inputs).toEqual({ city: "Paris" });
    expect(toolSpan.outputs).toEqual({ city: "Paris", temperature: 21 });
    expect(byName(trace, "lookup")[0]!.parentId).toBe(toolSpan.spanId);
    expect(JSON.parse(trace.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 18, output_tokens: 7, total_tokens: 25 });
    expect(tracing.diagnostics.filter((d) => d.code.startsWith("ai-sdk") || d.code.startsWith("span-"))).toEqual([]);
  });

  it("nests under withSpan, and a model error closes the call and the model call with ERROR", async () => {
    const failing = scriptedModel([{ text: "unused" }]);
    failing.doGenerate = async () => {
      throw new Error("provider down");
    };
    const outcome = await withSpan("turn", async () => {
      await generateText({ model: scriptedModel([{ text: "Hi." }]), prompt: "hello", experimental_telemetry: tracedTelemetry() });
      return generateText({ model: failing, prompt: "again", maxRetries: 0, experimental_telemetry: tracedTelemetry() }).catch((error: Error) => error.message);
    });
    expect(outcome).toBe("provider down");

    const trace = await tracing.onlyTrace();
    expect(tree(trace)).toEqual(["turn", [["ai.generateText", ["ai.generateText.doGenerate"]], ["ai.generateText", ["ai.generateText.doGenerate"]]]]);
    const [, failed] = byName(trace, "ai.generateText");
    const failedModelCall = trace.children(failed!.spanId)[0]!;
    for (const span of [failed!, failedModelCall]) {
      expect(span.status.code).toBe("ERROR");
      expect(span.events.find((event) => event.name === "exception")?.attributes["exception.message"]).toBe("provider down");
    }
    expect(byName(trace, "ai.generateText")[0]!.status.code).toBe("OK");
  });
});

describe("streamText", () => {
  it("a streamed tool loop: every span ends with the stream, nested as it ran", async () => {
    const result = streamText({
      model: scriptedModel([weatherCall, { text: "Sunny in Paris." }]),
      prompt: "Weather in Paris?",
      tools: { weather: weatherTool() },
      stopWhen: stepCountIs(3),
      experimental_telemetry: tracedTelemetry(),
    });
    let streamed = "";
    for await (const delta of result.textStream) streamed += delta;
    expect(streamed).toBe("Sunny in Paris.");

    const trace = await tracing.onlyTrace();
    const root = trace.rootSpan!;
    expect(root.name).toBe("ai.streamText");
    expect(root.spanType).toBe(SpanType.AGENT);
    expect(root.outputs).toBe("Sunny in Paris.");
    const modelCalls = byName(trace, "ai.streamText.doStream");
    expect(modelCalls.map((span) => span.spanType)).toEqual([SpanType.CHAT_MODEL, SpanType.CHAT_MODEL]);
    expect(modelCalls.map((span) => span.parentId)).toEqual([root.spanId, root.spanId]);
    expect(modelCalls[0]!.outputs).toMatchObject({ toolCalls: [{ toolName: "weather" }], finishReason: "tool-calls" });
    expect(modelCalls[1]!.outputs).toMatchObject({ text: "Sunny in Paris.", finishReason: "stop" });
    expect(modelCalls[1]!.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 10, output_tokens: 4, total_tokens: 14, cache_read_input_tokens: 2 });
    const toolSpan = byName(trace, "ai.toolCall")[0]!;
    expect(toolSpan.outputs).toEqual({ city: "Paris", temperature: 21 });
    expect(toolSpan.startTimeNs).toBeGreaterThanOrEqual(modelCalls[0]!.startTimeNs);
    expect(toolSpan.startTimeNs).toBeLessThanOrEqual(modelCalls[1]!.startTimeNs);
    expect(trace.spans.every((span) => span.endTimeNs !== null && span.status.code === "OK")).toBe(true);
  });

  it("an abort mid-stream closes the call and its model call with ERROR", async () => {
    const controller = new AbortController();
    const chunks = [{ type: "stream-start", warnings: [] }, { type: "text-start", id: "t" }, ...Array.from({ length: 50 }, (_, i) => ({ type: "text-delta", id: "t", delta: `w${i} ` }))];
    const result = streamText({ model: streamingModel(chunks, 2), prompt: "long story", abortSignal: controller.signal, experimental_telemetry: tracedTelemetry() });
    let deltas = 0;
    for await (const part of result.fullStream) {
      if (part.type === "text-delta" && ++deltas === 3) controller.abort();
    }
    const trace = await tracing.onlyTrace();
    expect(tree(trace)).toEqual(["ai.streamText", ["ai.streamText.doStream"]]);
    for (const span of trace.spans) {
      expect(span.endTimeNs).not.toBeNull();
      expect(span.status.code).toBe("ERROR");
    }
    expect(trace.info.state).toBe("ERROR");
  });

  it("a provider error mid-stream marks the call and the model call ERROR", async () => {
    const chunks = [{ type: "stream-start", warnings: [] }, { type: "text-start", id: "t" }, { type: "text-delta", id: "t", delta: "Hel" }, { type: "error", error: new Error("overloaded") }];
    const errors: unknown[] = [];
    const result = streamText({ model: streamingModel(chunks, 1), prompt: "hi", onError: ({ error }) => void errors.push(error), experimental_telemetry: tracedTelemetry() });
    for await (const _ of result.fullStream) void _;
    expect(errors).toHaveLength(1);
    const trace = await tracing.onlyTrace();
    expect(tree(trace)).toEqual(["ai.streamText", ["ai.streamText.doStream"]]);
    expect(trace.spans.map((span) => [span.status.code, span.endTimeNs !== null])).toEqual([
      ["ERROR", true],
      ["ERROR", true],
    ]);
  });
});

describe("objects and embeddings", () => {
  const schema = z.object({ city: z.string(), temperature: z.number() });

  it("generateObject: a CHAIN with the object as output over a CHAT_MODEL call", async () => {
    const result = await generateObject({ model: scriptedModel([{ text: '{"city":"Paris","temperature":21}' }]), prompt: "Paris weather as JSON", schema, experimental_telemetry: tracedTelemetry() });
    expect(result.object).toEqual({ city: "Paris", temperature: 21 });
    const trace = await tracing.onlyTrace();
    expect(tree(trace)).toEqual(["ai.generateObject", ["ai.generateObject.doGenerate"]]);
    expect(trace.rootSpan!.spanType).toBe(SpanType.CHAIN);
    expect(trace.rootSpan!.inputs).toEqual({ prompt: "Paris weather as JSON" });
    expect(trace.rootSpan!.outputs).toEqual({ city: "Paris", temperature: 21 });
    const modelCall = trace.children(trace.rootSpan!.spanId)[0]!;
    expect(modelCall.spanType).toBe(SpanType.CHAT_MODEL);
    expect(modelCall.getAttribute("mlflow.chat.tokenUsage")).toMatchObject({ input_tokens: 10, output_tokens: 4, total_tokens: 14 });
  });

  it("streamObject: the object once the stream is done", async () => {
    const result = streamObject({ model: scriptedModel([{ text: '{"city":"Paris","temperature":21}' }]), prompt: "Paris weather", schema, experimental_telemetry: tracedTelemetry() });
    for await (const _ of result.partialObjectStream) void _;
    expect(await result.object).toEqual({ city: "Paris", temperature: 21 });
    const trace = await tracing.onlyTrace();
    expect(tree(trace)).toEqual(["ai.streamObject", ["ai.streamObject.doStream"]]);
    expect(trace.rootSpan!.spanType).toBe(SpanType.CHAIN);
    expect(trace.rootSpan!.outputs).toEqual({ city: "Paris", temperature: 21 });
    expect(trace.children(trace.rootSpan!.spanId)[0]!.spanType).toBe(SpanType.CHAT_MODEL);
  });

  it("embed and embedMany: EMBEDDING spans, usage on the model call only", async () => {
    await withSpan("index", async () => {
      await embed({ model: embeddingModel(), value: "Paris", experimental_telemetry: tracedTelemetry() });
      await embedMany({ model: embeddingModel(), values: ["a", "bb"], experimental_telemetry: tracedTelemetry() });
    });
    const trace = await tracing.onlyTrace();
    expect(tree(trace)).toEqual(["index", [["ai.embed", ["ai.embed.doEmbed"]], ["ai.embedMany", ["ai.embedMany.doEmbed", "ai.embedMany.doEmbed"]]]]);
    const [single] = byName(trace, "ai.embed");
    const [many] = byName(trace, "ai.embedMany");
    expect(single!.spanType).toBe(SpanType.EMBEDDING);
    expect(single!.inputs).toBe("Paris");
    expect(single!.outputs).toEqual([5, 0.5]);
    expect(many!.inputs).toEqual(["a", "bb"]);
    expect(many!.outputs).toEqual([
      [1, 0.5],
      [2, 0.5],
    ]);
    expect(single!.getAttribute("mlflow.chat.tokenUsage")).toBeUndefined();
    // The mock model embeds one value per call, so embedMany makes two model calls.
    expect(byName(trace, "ai.embedMany.doEmbed").map((span) => span.getAttribute("mlflow.chat.tokenUsage"))).toEqual([
      { input_tokens: 3, output_tokens: 0, total_tokens: 3 },
      { input_tokens: 3, output_tokens: 0, total_tokens: 3 },
    ]);
    expect(byName(trace, "ai.embed.doEmbed")[0]!.getAttribute("mlflow.llm.model")).toBe("embed-1");
  });
});

