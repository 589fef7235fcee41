/**
 * AI SDK 7 (Node 22), traced by `traced/ai` as a telemetry integration registered once for every
 * call: a weather agent (`generateText` with a tool, two steps), a streamed answer, and a
 * `streamObject` whose provider connection drops mid-way (its model wrapped with
 * `tracedMiddleware()`, so traced sees the failure). Runs offline on the AI SDK's mock model and
 * prints each trace tree as it finishes. It needs `ai` 7, so it is not in samples/tsconfig.json
 * (whose `ai` is 6): test/integration/ai/sample-7.test.ts typechecks it against `ai` 7 and runs
 * it under Node 22, which strips its types.
 */
import { generateText, registerTelemetry, stepCountIs, streamObject, streamText, tool, wrapLanguageModel } from "ai";
import { MockLanguageModelV4, simulateReadableStream } from "ai/test";
import { ConsoleExporter, SpanType, configure, flushTraces, withSpan } from "traced";
import { tracedIntegration, tracedMiddleware } from "traced/ai";
import { z } from "zod";

const usage = { inputTokens: { total: 20, noCache: 20, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 6, text: 6, reasoning: undefined } };
const stop = { unified: "stop" as const, raw: undefined };
const text = (deltas: string[]) => [
  { type: "text-start" as const, id: "t" },
  ...deltas.map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
  { type: "text-end" as const, id: "t" },
  { type: "finish" as const, finishReason: stop, usage },
];

/** Asks for the weather tool first, then answers with what it returned; streams a short answer. */
const model = new MockLanguageModelV4({
  provider: "mock.chat",
  modelId: "mock-weather-1",
  doGenerate: async ({ prompt }) =>
    prompt.some((message) => message.role === "tool")
      ? { content: [{ type: "text", text: "It is 21°C and sunny in Paris." }], finishReason: stop, usage, warnings: [] }
      : { content: [{ type: "tool-call", toolCallId: "call-1", toolName: "weather", input: '{"city":"Paris"}' }], finishReason: { unified: "tool-calls", raw: undefined }, usage, warnings: [] },
  doStream: async () => ({ stream: simulateReadableStream({ chunks: [{ type: "stream-start" as const, warnings: [] }, ...text(["Spans ", "nest ", "as ", "they ", "ran."])] }) }),
});

/** A provider whose connection drops after a few chunks of a JSON answer. */
const flaky = new MockLanguageModelV4({
  provider: "mock.chat",
  modelId: "mock-flaky-1",
  doStream: async () => ({
    stream: new ReadableStream({
      start(controller) {
        for (const chunk of [{ type: "stream-start" as const, warnings: [] }, ...text(['{"city":', '"Par']).slice(0, 3)]) controller.enqueue(chunk);
        controller.error(new Error("connection reset by peer"));
      },
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
globalThis.AI_SDK_LOG_WARNINGS = false;
// Every AI SDK call from here on is traced (beside any other integration registered).
registerTelemetry(tracedIntegration());

const answer = await withSpan({ name: "weather_agent", spanType: SpanType.AGENT }, async () => {
  const result = await generateText({ model, prompt: "What is the weather in Paris?", tools: { weather }, stopWhen: stepCountIs(3) });
  return result.text;
});
console.log(`answer: ${answer}`);

const stream = streamText({ model, prompt: "How do spans nest?" });
let streamed = "";
for await (const delta of stream.textStream) streamed += delta;
console.log(`streamed: ${streamed}`);

// The deprecated streamObject tells no integration that its stream failed: the middleware does.
const report = streamObject({
  model: wrapLanguageModel({ model: flaky, middleware: tracedMiddleware() }),
  prompt: "Paris weather as JSON",
  schema: z.object({ city: z.string(), celsius: z.number() }),
  onError: () => undefined,
});
let outcome: string;
try {
  for await (const partial of report.partialObjectStream) void partial;
  outcome = JSON.stringify(await report.object);
} catch (error) {
  outcome = `failed (${(error as Error).message})`;
}
console.log(`object: ${outcome}`);
await flushTraces();
