/** Chat Completions through the real `openai` SDK and a local wire server: one CHAT_MODEL span per call, streams assembled. */
import { describe, expect, it } from "vitest";
import { addSpanProcessor, SpanType, trace, withSpan } from "../../../src/index.js";
import { tracedOpenAI } from "../../../src/integrations/openai/index.js";
import { chatCompletion, chatCompletionStream } from "../../support/llm-replies/openai.js";
import { CHAT_PATH, useOpenAI } from "../../support/openai-fixture.js";

const openai = useOpenAI();
const messages = [{ role: "user" as const, content: "What is the weather in Paris?" }];
const tools = [{ type: "function" as const, function: { name: "get_weather", description: "Weather by city", parameters: { type: "object", properties: { city: { type: "string" } } } } }];

async function onlyLlmSpan() {
  const trace = await openai.tracing.onlyTrace();
  const spans = trace.spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
  expect(spans).toHaveLength(1);
  return { trace, span: spans[0]! };
}

describe("chat.completions.create", () => {
  it("records the request, the response, usage, tools, model and provider", async () => {
    openai.server.reply(CHAT_PATH, chatCompletion({ content: "Sunny.", usage: { promptTokens: 30, completionTokens: 5, cachedTokens: 12, reasoningTokens: 2 } }));
    const client = tracedOpenAI(openai.client());
    const result = await client.chat.completions.create({ model: "gpt-4o-mini", messages, tools, temperature: 0 });
    expect(result.choices[0]!.message.content).toBe("Sunny.");

    const { span, trace } = await onlyLlmSpan();
    expect(span.name).toBe("Completions.create");
    expect(span.status.code).toBe("OK");
    expect(span.inputs).toEqual({ model: "gpt-4o-mini", messages, tools, temperature: 0 });
    expect(span.outputs).toMatchObject({ object: "chat.completion", choices: [{ message: { role: "assistant", content: "Sunny." }, finish_reason: "stop" }] });
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 30, output_tokens: 5, total_tokens: 35, cache_read_input_tokens: 12, reasoning_tokens: 2 });
    expect(span.getAttribute("mlflow.chat.tools")).toEqual(tools);
    expect(span.getAttribute("mlflow.message.format")).toBe("openai");
    expect(span.getAttribute("mlflow.llm.provider")).toBe("openai");
    expect(span.getAttribute("mlflow.llm.model")).toBe("gpt-4o-mini-2024-07-18");
    expect(JSON.parse(trace.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 30, output_tokens: 5, total_tokens: 35 });
  });

  it("nests under withSpan and under a traced function, and sums the trace's usage over both calls", async () => {
    openai.server.reply(CHAT_PATH, chatCompletion({ usage: { promptTokens: 10, completionTokens: 2 } }), chatCompletion({ usage: { promptTokens: 7, completionTokens: 3 } }));
    const client = tracedOpenAI(openai.client());
    const ask = trace(async (question: string) => (await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: question }] })).choices[0]!.message.content, { name: "ask", spanType: SpanType.AGENT });
    await withSpan("turn", async () => {
      await ask("one");
      await client.chat.completions.create({ model: "gpt-4o-mini", messages });
    });
    const trace1 = await openai.tracing.onlyTrace();
    const byName = new Map(trace1.spans.map((span) => [span.name, span]));
    const root = byName.get("turn")!;
    const askSpan = byName.get("ask")!;
    const llmSpans = trace1.spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
    expect(llmSpans.map((span) => span.parentId).sort()).toEqual([askSpan.spanId, root.spanId].sort());
    expect(askSpan.parentId).toBe(root.spanId);
    expect(JSON.parse(trace1.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 17, output_tokens: 5, total_tokens: 22 });
  });

  it("a stream with include_usage: the span lasts until the last chunk and holds the assembled completion", async () => {
    openai.server.reply(CHAT_PATH, chatCompletionStream({ content: ["It is ", "sunny ", "today."], includeUsage: true, usage: { promptTokens: 9, completionTokens: 4 }, delayMs: 5 }));
    const client = tracedOpenAI(openai.client());
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } });
    const seen: string[] = [];
    for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? "");
    expect(seen.join("")).toBe("It is sunny today.");

    const { span } = await onlyLlmSpan();
    expect(span.outputs).toMatchObject({ object: "chat.completion", model: "gpt-4o-mini-2024-07-18", choices: [{ index: 0, message: { role: "assistant", content: "It is sunny today." }, finish_reason: "stop" }] });
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toMatchObject({ input_tokens: 9, output_tokens: 4, total_tokens: 13 });
    expect(span.getAttribute("traced.llm.timeToFirstTokenMs")).toBeGreaterThan(0);
    expect(span.events.filter((event) => event.name.startsWith("mlflow.chunk.item."))).toHaveLength(0);
    // The span ended after the stream was read, not when create() resolved.
    expect(Number(span.endTimeNs! - span.startTimeNs) / 1e6).toBeGreaterThanOrEqual(15);
  });

  it("a stream without include_usage has no usage, and tool call arguments are joined from their deltas", async () => {
    const args = { city: "Paris", unit: "celsius" };
    openai.server.reply(CHAT_PATH, chatCompletionStream({ toolCalls: [{ id: "call_1", name: "get_weather", arguments: args }, { id: "call_2", name: "get_time", arguments: { tz: "CET" } }] }));
    const client = tracedOpenAI(openai.client());
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, tools, stream: true });
    for await (const _ of stream);

    const { span } = await onlyLlmSpan();
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toBeUndefined();
    expect(span.outputs).toMatchObject({
      choices: [
        {
          message: {
            tool_calls: [
              { id: "call_1", type: "function", function: { name: "get_weather", arguments: JSON.stringify(args) } },
              { id: "call_2", type: "function", function: { name: "get_time", arguments: JSON.stringify({ tz: "CET" }) } },
            ],
          },
          finish_reason: "tool_calls",
        },
      ],
    });
  });

  it("a stream's recorded completion is what arrived: chunks the app changes afterwards, a parent ending right after, and processors see it", async () => {
    openai.server.reply(CHAT_PATH, chatCompletionStream({ content: ["Rain ", "later."], includeUsage: true, usage: { promptTokens: 6, completionTokens: 2 } }));
    const client = tracedOpenAI(openai.client());
    const seenByProcessor: unknown[] = [];
    const removeProcessor = addSpanProcessor({ onEnd: (span) => span.spanType === SpanType.CHAT_MODEL && seenByProcessor.push(span.outputs) });
    try {
      await withSpan("turn", async () => {
        const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } });
        for await (const chunk of stream) {
          // The app rewrites every chunk once it has read it (the SDK's objects are the app's now).
          const delta = chunk.choices[0]?.delta as { content?: string | null; role?: string } | undefined;
          if (delta !== undefined) Object.assign(delta, { content: "changed", role: "tool" });
          Object.assign(chunk, { id: "changed", model: "changed" });
          if (chunk.usage) Object.assign(chunk.usage, { prompt_tokens: 0, total_tokens: 0 });
        }
        // The parent ends at once after the stream: the trace is still whole.
      });
    } finally {
      removeProcessor();
    }
    const expected = { id: expect.stringMatching(/^chatcmpl-/), object: "chat.completion", model: "gpt-4o-mini-2024-07-18", choices: [{ index: 0, message: { role: "assistant", content: "Rain later." }, finish_reason: "stop" }], usage: { prompt_tokens: 6, completion_tokens: 2, total_tokens: 8 } };
    const { span, trace } = await onlyLlmSpan();
    expect(trace.spans.map((s) => s.name).sort()).toEqual(["Completions.create", "turn"]);
    expect(span.parentId).toBe(trace.spans.find((s) => s.name === "turn")!.spanId);
    expect(span.outputs).toMatchObject(expected);
    expect(seenByProcessor).toEqual([span.outputs]);
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toMatchObject({ input_tokens: 6, output_tokens: 2, total_tokens: 8 });
    expect(openai.tracing.diagnostics).toEqual([]);
  });

  it("breaking out early ends the span once, OK, with what was read", async () => {
    openai.server.reply(CHAT_PATH, chatCompletionStream({ content: ["a", "b", "c", "d"], delayMs: 2 }));
    const client = tracedOpenAI(openai.client());
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    let read = "";
    for await (const chunk of stream) {
      read += chunk.choices[0]?.delta.content ?? "";
      if (read === "ab") break;
    }
    const { span } = await onlyLlmSpan();
    expect(span.status.code).toBe("OK");
    expect(span.getAttribute("traced.llm.streamStoppedEarly")).toBe(true);
    expect(span.outputs).toMatchObject({ choices: [{ message: { content: "ab" } }] });
  });

  it("tee() and toReadableStream() read through the same span", async () => {
    openai.server.reply(CHAT_PATH, chatCompletionStream({ content: ["x", "y"] }), chatCompletionStream({ content: ["p", "q"] }));
    const client = tracedOpenAI(openai.client());
    await withSpan("both", async () => {
      const [left, right] = (await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true })).tee();
      const texts = await Promise.all(
        [left, right].map(async (branch) => {
          let text = "";
          for await (const chunk of branch) text += chunk.choices[0]?.delta.content ?? "";
          return text;
        }),
      );
      expect(texts).toEqual(["xy", "xy"]);
      const readable = (await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true })).toReadableStream();
      const reader = readable.getReader();
      let lines = "";
      for (let r = await reader.read(); !r.done; r = await reader.read()) lines += new TextDecoder().decode(r.value);
      expect(lines.split("\n").filter(Boolean).length).toBeGreaterThan(2);
    });
    const spans = (await openai.tracing.onlyTrace()).spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
    expect(spans.map((span) => (span.outputs as { choices: { message: { content: string } }[] }).choices[0]!.message.content)).toEqual(["xy", "pq"]);
    expect(spans.every((span) => span.status.code === "OK")).toBe(true);
  });

  it("parse() and the stream() helper are one span each, named after the helper", async () => {
    const answer = { city: "Paris", temperature: 21 };
    openai.server.reply(CHAT_PATH, chatCompletion({ content: JSON.stringify(answer) }), chatCompletionStream({ content: ["Hel", "lo"] }));
    const client = tracedOpenAI(openai.client());
    await withSpan("helpers", async () => {
      const parsed = await client.chat.completions.parse({ model: "gpt-4o-mini", messages, response_format: { type: "json_schema", json_schema: { name: "weather", schema: { type: "object", properties: { city: { type: "string" }, temperature: { type: "number" } } } } } });
      expect(parsed.choices[0]!.message.parsed).toEqual(answer);
      const runner = client.chat.completions.stream({ model: "gpt-4o-mini", messages });
      expect((await runner.finalChatCompletion()).choices[0]!.message.content).toBe("Hello");
    });
    const spans = (await openai.tracing.onlyTrace()).spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
    expect(spans.map((span) => span.name)).toEqual(["Completions.parse", "Completions.stream"]);
    expect(spans[1]!.outputs).toMatchObject({ choices: [{ message: { content: "Hello" } }] });
  });

  it("runTools(): each model call of the tool loop is a span, with the tool the app traced between them", async () => {
    openai.server.reply(CHAT_PATH, chatCompletion({ toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris" } }] }), chatCompletion({ content: "Sunny in Paris." }));
    const client = tracedOpenAI(openai.client());
    const getWeather = trace(({ city }: { city: string }) => `sunny in ${city}`, { name: "get_weather", spanType: SpanType.TOOL });
    const content = await withSpan("loop", () =>
      client.chat.completions
        .runTools({
          model: "gpt-4o-mini",
          messages,
          tools: [{ type: "function", function: { name: "get_weather", description: "Weather by city", function: getWeather, parse: JSON.parse, parameters: { type: "object", properties: { city: { type: "string" } } } } }],
        })
        .finalContent(),
    );
    expect(content).toBe("Sunny in Paris.");
    const trace1 = await openai.tracing.onlyTrace();
    expect(trace1.spans.map((span) => [span.name, span.spanType])).toEqual([
      ["loop", "UNKNOWN"],
      ["Completions.runTools_1", SpanType.CHAT_MODEL],
      ["get_weather", SpanType.TOOL],
      ["Completions.runTools_2", SpanType.CHAT_MODEL],
    ]);
  });

  it("withResponse() and asResponse() work as without tracing; a raw response ends the span unread", async () => {
    openai.server.reply(CHAT_PATH, chatCompletion({ content: "one" }), chatCompletion({ content: "two" }));
    const client = tracedOpenAI(openai.client());
    await withSpan("raw", async () => {
      const { data, response } = await client.chat.completions.create({ model: "gpt-4o-mini", messages }).withResponse();
      expect([data.choices[0]!.message.content, response.status]).toEqual(["one", 200]);
      const raw = await client.chat.completions.create({ model: "gpt-4o-mini", messages }).asResponse();
      expect(((await raw.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe("two");
    });
    const [withResponse, asResponse] = (await openai.tracing.onlyTrace()).spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
    expect(withResponse!.outputs).toMatchObject({ choices: [{ message: { content: "one" } }] });
    expect(asResponse!.outputs).toBeUndefined();
    expect(asResponse!.getAttribute("traced.llm.rawResponse")).toBe(true);
    expect(asResponse!.getAttribute("http.response.status_code")).toBe(200);
  });
});
