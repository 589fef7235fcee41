/** generateContentStream: one span from the call until the app has read the stream, with the response put back together. */
import { describe, expect, it } from "vitest";
import { SpanType } from "../../src/index.js";
import { tracedGemini } from "../../src/integrations/gemini/index.js";
import { generateContentStream } from "../support/llm-replies/gemini.js";
import { MODEL, STREAM_PATH, useGemini } from "../support/gemini-fixture.js";

const gemini = useGemini();
const params = { model: MODEL, contents: "Tell me about Paris" };

async function onlySpan() {
  const trace = await gemini.tracing.onlyTrace();
  const spans = trace.spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

describe("models.generateContentStream", () => {
  it("assembles the chunks: text joined per candidate, thoughts apart, function calls kept, last usage", async () => {
    gemini.server.reply(
      STREAM_PATH,
      generateContentStream(
        { thought: "Thinking about ", responseId: "r-9" },
        { thought: "Paris.", text: "Paris is " },
        { text: "the capital." },
        { functionCalls: [{ name: "get_weather", args: { city: "Paris" } }], usage: { promptTokenCount: 11, candidatesTokenCount: 6, thoughtsTokenCount: 4 } },
      ),
    );
    const ai = tracedGemini(gemini.client());
    const stream = await ai.models.generateContentStream(params);
    let text = "";
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      // The answer's text, without the SDK's `text` getter (it warns on function-call chunks).
      for (const part of chunk.candidates?.[0]?.content?.parts ?? []) if (!part.thought) text += part.text ?? "";
    }
    expect(chunks).toBe(4);
    expect(text).toBe("Paris is the capital.");

    const span = await onlySpan();
    expect(span.name).toBe("Models.generateContentStream");
    expect(span.status.code).toBe("OK");
    expect(span.inputs).toEqual(params);
    expect(span.outputs).toEqual({
      candidates: [
        {
          content: {
            role: "model",
            parts: [{ text: "Thinking about Paris.", thought: true }, { text: "Paris is the capital." }, { functionCall: { name: "get_weather", args: { city: "Paris" } } }],
          },
          finishReason: "STOP",
          index: 0,
        },
      ],
      usageMetadata: expect.objectContaining({ promptTokenCount: 11, candidatesTokenCount: 6, thoughtsTokenCount: 4, totalTokenCount: 21 }),
      modelVersion: MODEL,
      responseId: "r-9",
    });
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 11, output_tokens: 10, total_tokens: 21, reasoning_tokens: 4 });
    expect(span.getAttribute("mlflow.llm.model")).toBe(MODEL);
    expect(typeof span.getAttribute("traced.llm.timeToFirstTokenMs")).toBe("number");
    expect(span.getAttribute("traced.llm.streamStoppedEarly")).toBeUndefined();
    expect(span.events.filter((event) => event.name.startsWith("mlflow.chunk"))).toHaveLength(0);
    expect(gemini.tracing.diagnostics).toEqual([]);
  });

  it("the span stays open until the stream is read to its end", async () => {
    gemini.server.reply(STREAM_PATH, generateContentStream({ text: "a" }, { text: "b" }));
    const ai = tracedGemini(gemini.client());
    const stream = await ai.models.generateContentStream(params);
    await stream.next();
    expect(await gemini.tracing.traces()).toHaveLength(0);
    for await (const _ of stream);
    expect((await onlySpan()).outputs).toMatchObject({ candidates: [{ content: { parts: [{ text: "ab" }] } }] });
  });

  it("the app keeps the SDK's generator and can drive it with .next() and .return()", async () => {
    gemini.server.reply(STREAM_PATH, generateContentStream({ text: "one " }, { text: "two " }, { text: "three" }));
    const ai = tracedGemini(gemini.client());
    const stream = await ai.models.generateContentStream(params);
    expect(stream[Symbol.asyncIterator]()).toBe(stream);
    const first = await stream.next();
    expect(first.done).toBe(false);
    expect(first.value.text).toBe("one ");
    expect(await stream.return(undefined)).toEqual({ done: true, value: undefined });
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    const span = await onlySpan();
    expect(span.status.code).toBe("OK");
    expect(span.getAttribute("traced.llm.streamStoppedEarly")).toBe(true);
    expect(span.outputs).toMatchObject({ candidates: [{ content: { parts: [{ text: "one " }] } }] });
  });

  it("breaking out of for-await early: span OK, partial output, streamStoppedEarly", async () => {
    gemini.server.reply(STREAM_PATH, generateContentStream({ text: "one " }, { text: "two " }, { text: "three" }));
    const ai = tracedGemini(gemini.client());
    let text = "";
    for await (const chunk of await ai.models.generateContentStream(params)) {
      text += chunk.text;
      if (text.includes("two")) break;
    }
    const span = await onlySpan();
    expect(span.status.code).toBe("OK");
    expect(span.getAttribute("traced.llm.streamStoppedEarly")).toBe(true);
    expect(span.outputs).toMatchObject({ candidates: [{ content: { parts: [{ text: "one two " }] } }] });
  });

  it("streamChunkEvents records each chunk as an MLflow chunk event", async () => {
    gemini.server.reply(STREAM_PATH, generateContentStream({ text: "x" }, { text: "y" }));
    const ai = tracedGemini(gemini.client(), { streamChunkEvents: true });
    for await (const _ of await ai.models.generateContentStream(params));
    const events = (await onlySpan()).events.filter((event) => event.name.startsWith("mlflow.chunk.item."));
    expect(events.map((event) => event.name)).toEqual(["mlflow.chunk.item.0", "mlflow.chunk.item.1"]);
    expect(JSON.parse(events[1]!.attributes["mlflow.chunk.value"] as string)).toMatchObject({ candidates: [{ content: { parts: [{ text: "y" }] } }] });
  });

  it("several candidates are assembled apart, each with its own finish reason", async () => {
    const chunk = (candidates: object[], last = false) => ({
      data: { candidates, modelVersion: MODEL, responseId: "r-2", ...(last ? { usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 8, totalTokenCount: 13 } } : {}) },
    });
    const text = (index: number, value: string, finishReason?: string) => ({ content: { role: "model", parts: [{ text: value }] }, index, ...(finishReason ? { finishReason } : {}) });
    gemini.server.reply(STREAM_PATH, { kind: "sse", events: [chunk([text(0, "A1 "), text(1, "B1 ")]), chunk([text(1, "B2", "MAX_TOKENS")]), chunk([text(0, "A2", "STOP")], true)] });
    const ai = tracedGemini(gemini.client());
    for await (const _ of await ai.models.generateContentStream({ ...params, config: { candidateCount: 2 } }));
    expect((await onlySpan()).outputs).toMatchObject({
      candidates: [
        { content: { role: "model", parts: [{ text: "A1 A2" }] }, finishReason: "STOP", index: 0 },
        { content: { role: "model", parts: [{ text: "B1 B2" }] }, finishReason: "MAX_TOKENS", index: 1 },
      ],
      usageMetadata: { totalTokenCount: 13 },
    });
  });

  it("automatic function calling: one span over both requests; the SDK's function-response turn is not output", async () => {
    const weather = {
      tool: async () => ({ functionDeclarations: [{ name: "get_weather", description: "Weather by city" }] }),
      callTool: async (calls: { name?: string }[]) => calls.map((call) => ({ functionResponse: { name: call.name, response: { forecast: "sunny" } } })),
    };
    gemini.server.reply(STREAM_PATH, generateContentStream({ functionCalls: [{ name: "get_weather", args: { city: "Paris" } }] }), generateContentStream({ text: "It is " }, { text: "sunny." }));
    const ai = tracedGemini(gemini.client());
    const roles: unknown[] = [];
    for await (const chunk of await ai.models.generateContentStream({ ...params, config: { tools: [weather] } })) roles.push(chunk.candidates?.[0]?.content?.role);
    expect(roles).toEqual(["model", "user", "model", "model"]);
    expect(gemini.server.requests).toHaveLength(2);
    const span = await onlySpan();
    expect(span.outputs).toMatchObject({
      candidates: [{ content: { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }, { text: "It is sunny." }] }, finishReason: "STOP" }],
    });
    // A CallableTool declares its functions only when the SDK asks; nothing to record up front.
    expect(span.getAttribute("mlflow.chat.tools")).toBeUndefined();
  });
});
