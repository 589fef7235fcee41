/**
 * The Vercel AI SDK, traced by `traced/ai`: a weather agent (`generateText` with a tool, two
 * steps) and a streamed answer, on the AI SDK's mock model so it runs offline. Prints each
 * trace tree as it finishes.
 */
import { generateText, stepCountIs, streamText, tool } from "ai";
import { MockLanguageModelV3, simulateReadableStream } from "ai/test";
import { ConsoleExporter, SpanType, configure, flushTraces, withSpan } from "traced";
import { tracedTelemetry } from "traced/ai";
import { z } from "zod";

const usage = { inputTokens: { total: 20, noCache: 20, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 6, text: 6, reasoning: undefined } };
const stop = { unified: "stop" as const, raw: undefined };

/** Asks for the weather tool first, then answers with what it returned. */
const model = new MockLanguageModelV3({
  provider: "mock.chat",
  modelId: "mock-weather-1",
  doGenerate: async ({ prompt }) =>
    prompt.some((message) => message.role === "tool")
      ? { content: [{ type: "text", text: "It is 21°C and sunny in Paris." }], finishReason: stop, usage, warnings: [] }
      : { content: [{ type: "tool-call", toolCallId: "call-1", toolName: "weather", input: '{"city":"Paris"}' }], finishReason: { unified: "tool-calls", raw: undefined }, usage, warnings: [] },
  doStream: async () => ({
    stream: simulateReadableStream({
      chunks: [
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "t" },
        ...["Spans ", "nest ", "as ", "they ", "ran."].map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
        { type: "text-end", id: "t" },
        { type: "finish", finishReason: stop, usage },
      ],
    }),
  }),
});

const weather = tool({
  description: "Current weather for a city",
  inputSchema: z.object({ city: z.string() }),
  // A traced span opened inside a tool nests under the tool's span.
  execute: async ({ city }) => withSpan({ name: "weather_api", spanType: SpanType.RETRIEVER, inputs: { city } }, () => ({ city, celsius: 21, sky: "sunny" })),
});

configure({ destination: new ConsoleExporter({ previewChars: 70 }) });

const answer = await withSpan({ name: "weather_agent", spanType: SpanType.AGENT }, async () => {
  const result = await generateText({ model, prompt: "What is the weather in Paris?", tools: { weather }, stopWhen: stepCountIs(3), experimental_telemetry: tracedTelemetry() });
  return result.text;
});
console.log(`answer: ${answer}`);

const stream = streamText({ model, prompt: "How do spans nest?", experimental_telemetry: tracedTelemetry({ functionId: "explain" }) });
let streamed = "";
for await (const delta of stream.textStream) streamed += delta;
console.log(`streamed: ${streamed}`);
await flushTraces();
