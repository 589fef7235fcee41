/**
 * AI SDK 6 streams that do not finish: a provider stream that fails mid-way (a dropped
 * connection, not an `error` part) and an abort. The AI SDK's own
 * spans stay open in these cases; traced's all end ERROR with the exception, as soon as the
 * call is over (the trace exports at once, not at the open-trace timeout).
 */
import { stepCountIs, streamObject, streamText, tool } from "ai";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { configure, type Span, type Trace } from "../../../src/index.js";
import { tracedTelemetry } from "../../../src/integrations/ai/index.js";
import { setupTracing, shape, type TestTracing } from "../../support/tracing.js";
import { scriptedStreamModel, textChunks, toolCallChunks } from "./mock-models.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
  // Far beyond the test's length: a trace exported here was ended by its spans, not by the timeout.
  configure({ traceTimeoutMs: 600_000 });
});

const baseName = (name: string) => name.replace(/_\d+$/, "");
const tree = (trace: Trace): unknown => JSON.parse(JSON.stringify(shape(trace)), (_key, value: unknown) => (typeof value === "string" ? baseName(value) : value));
const exceptionOf = (span: Span) => span.events.find((event) => event.name === "exception")?.attributes;
const byName = (trace: Trace, name: string) => trace.spans.filter((span) => baseName(span.name) === name);

function weatherTool() {
  return tool({ description: "Weather by city", inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, temperature: 21 }) });
}

function expectNoLifecycleReports(): void {
  expect(tracing.diagnostics.filter((d) => ["span-ended-after-trace", "span-after-trace-end", "trace-timed-out", "ai-sdk-span-failed"].includes(d.code))).toEqual([]);
}

describe("a streamed multi-step tool loop", () => {
  it("the provider's stream fails in the second step: that model call and the call end ERROR with the exception; the first step stays OK", async () => {
    const dropped = new Error("socket hang up");
    const model = scriptedStreamModel([{ chunks: toolCallChunks("call-1", "weather", { city: "Paris" }) }, { failAfter: 2, error: dropped }]);
    const result = streamText({ model, prompt: "Weather in Paris?", tools: { weather: weatherTool() }, stopWhen: stepCountIs(3), experimental_telemetry: tracedTelemetry() });
    const read = async () => {
      for await (const _ of result.textStream) void _;
    };
    await expect(read()).rejects.toThrow("socket hang up");

    const trace = await tracing.onlyTrace();
    expect(tree(trace)).toEqual(["ai.streamText", ["ai.streamText.doStream", "ai.toolCall", "ai.streamText.doStream"]]);
    const [firstCall, failedCall] = byName(trace, "ai.streamText.doStream");
    const root = trace.rootSpan!;
    expect(firstCall!.status.code).toBe("OK");
    expect(byName(trace, "ai.toolCall")[0]!.status.code).toBe("OK");
    for (const span of [failedCall!, root]) {
      expect(span.endTimeNs).not.toBeNull();
      expect(span.status.code).toBe("ERROR");
      expect(exceptionOf(span)).toMatchObject({ "exception.type": "Error", "exception.message": "socket hang up" });
    }
    expect(failedCall!.spanType).toBe("CHAT_MODEL");
    expect(root.spanType).toBe("AGENT");
    expect(firstCall!.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 8, output_tokens: 3, total_tokens: 11 });
    expect(trace.info.state).toBe("ERROR");
    expectNoLifecycleReports();
  });

  it("an abort in the second step's stream: every unfinished span ends ERROR with an AbortError exception", async () => {
    const controller = new AbortController();
    const story = Array.from({ length: 40 }, (_, i) => `word${i}`);
    const model = scriptedStreamModel([{ chunks: toolCallChunks("call-1", "weather", { city: "Paris" }) }, { chunks: textChunks(story) }]);
    const result = streamText({ model, prompt: "Weather in Paris?", tools: { weather: weatherTool() }, stopWhen: stepCountIs(3), abortSignal: controller.signal, experimental_telemetry: tracedTelemetry() });
    let deltas = 0;
    const parts: string[] = [];
    for await (const part of result.fullStream) {
      parts.push(part.type);
      if (part.type === "text-delta" && ++deltas === 3) controller.abort();
    }
    expect(parts).toContain("abort");

    const trace = await tracing.onlyTrace();
    expect(tree(trace)).toEqual(["ai.streamText", ["ai.streamText.doStream", "ai.toolCall", "ai.streamText.doStream"]]);
    const [firstCall, abortedCall] = byName(trace, "ai.streamText.doStream");
    expect(firstCall!.status.code).toBe("OK");
    for (const span of [abortedCall!, trace.rootSpan!]) {
      expect(span.endTimeNs).not.toBeNull();
      expect(span.status.code).toBe("ERROR");
      expect(exceptionOf(span)?.["exception.type"]).toBe("AbortError");
    }
    expectNoLifecycleReports();
  });
});

describe("one streamed model call", () => {
  it("the provider's stream fails: read through the text promise, the model call and the call end ERROR with it", async () => {
    const result = streamText({ model: scriptedStreamModel([{ failAfter: 3, error: new TypeError("terminated") }]), prompt: "hi", experimental_telemetry: tracedTelemetry() });
    await expect(result.text).rejects.toThrow("terminated");
    const trace = await tracing.onlyTrace();
    expect(trace.spans.map((span) => [baseName(span.name), span.status.code, exceptionOf(span)?.["exception.type"], exceptionOf(span)?.["exception.message"]])).toEqual([
      ["ai.streamText", "ERROR", "TypeError", "terminated"],
      ["ai.streamText.doStream", "ERROR", "TypeError", "terminated"],
    ]);
    expectNoLifecycleReports();
  });

  it("streamObject whose stream fails: the CHAIN call and its model call end ERROR", async () => {
    const result = streamObject({ model: scriptedStreamModel([{ failAfter: 1, error: new Error("reset by peer") }]), prompt: "Paris weather", schema: z.object({ city: z.string() }), onError: () => undefined, experimental_telemetry: tracedTelemetry() });
    const read = async () => {
      for await (const _ of result.fullStream) void _;
      await result.object;
    };
    await expect(read()).rejects.toThrow();
    const trace = await tracing.onlyTrace();
    expect(tree(trace)).toEqual(["ai.streamObject", ["ai.streamObject.doStream"]]);
    for (const span of trace.spans) {
      expect(span.status.code).toBe("ERROR");
      expect(exceptionOf(span)?.["exception.message"]).toBe("reset by peer");
    }
    expectNoLifecycleReports();
  });

  it("a stream that completes is unchanged: every chunk arrives, every span OK", async () => {
    const result = streamText({ model: scriptedStreamModel([{ chunks: textChunks(["Sunny", "in", "Paris."]) }]), prompt: "weather", experimental_telemetry: tracedTelemetry() });
    let text = "";
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe("Sunny in Paris.");
    const trace = await tracing.onlyTrace();
    expect(trace.spans.map((span) => [baseName(span.name), span.status.code, span.events.some((event) => event.name === "exception")])).toEqual([
      ["ai.streamText", "OK", false],
      ["ai.streamText.doStream", "OK", false],
    ]);
    expect(trace.rootSpan!.outputs).toBe("Sunny in Paris.");
  });
});
