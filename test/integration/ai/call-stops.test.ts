/**
 * AI SDK 6 calls that stop before they finish, on a model that behaves like a provider over fetch
 * (mock-models.ts `fetchLikeModel`): a model call that rejects, an abort the provider reports
 * (a rejected request, a failed stream), and a `streamObject` the app stops reading. Every span
 * ends ERROR with the exception as soon as the call stops; the trace exports at once.
 * (Streams that drop mid-way: stream-failures.test.ts.)
 */
import { generateObject, generateText, streamObject, streamText } from "ai";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { configure, type Trace } from "../../../src/index.js";
import { tracedTelemetry } from "../../../src/integrations/ai/index.js";
import { setupTracing, type TestTracing } from "../../support/tracing.js";
import { fetchLikeModel, textChunks } from "./mock-models.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
  // Far beyond the test's length: a trace exported here was ended by its spans, not by the timeout.
  configure({ traceTimeoutMs: 600_000 });
});

const schema = z.object({ city: z.string(), temperature: z.number() });
const objectChunks = textChunks(['{"city":', '"Paris",', ' "temperature":', "21}"]);
const longChunks = textChunks(Array.from({ length: 40 }, (_, i) => `w${i}`));
const down = ["Error", "provider down"];
const aborted = ["AbortError", "This operation was aborted"];

/** Each span: its name, status, exception type and message; all ended. */
function spans(trace: Trace): unknown[] {
  expect(trace.spans.every((span) => span.endTimeNs !== null)).toBe(true);
  return trace.spans.map((span) => {
    const exception = span.events.find((event) => event.name === "exception")?.attributes;
    return [span.name.replace(/_\d+$/, ""), span.status.code, exception?.["exception.type"], exception?.["exception.message"]];
  });
}

const abortAfter = (ms: number) => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
};

function expectNoLifecycleReports(): void {
  expect(tracing.diagnostics.filter((d) => ["span-ended-after-trace", "span-after-trace-end", "trace-timed-out", "ai-sdk-span-failed"].includes(d.code))).toEqual([]);
}

describe("streamObject", () => {
  it("a model call that rejects: the call and its model call end ERROR with the exception", async () => {
    const result = streamObject({ model: fetchLikeModel({ down: new Error("provider down") }), prompt: "Paris weather", schema, maxRetries: 0, onError: () => undefined, experimental_telemetry: tracedTelemetry() });
    await expect(result.object).rejects.toThrow("provider down");
    expect(spans(await tracing.onlyTrace())).toEqual([
      ["ai.streamObject", "ERROR", ...down],
      ["ai.streamObject.doStream", "ERROR", ...down],
    ]);
    expectNoLifecycleReports();
  });

  it("an abort the provider reports as a stream error: both end ERROR with the AbortError", async () => {
    const controller = new AbortController();
    const result = streamObject({ model: fetchLikeModel({ chunks: objectChunks }), prompt: "Paris weather", schema, abortSignal: controller.signal, onError: () => undefined, experimental_telemetry: tracedTelemetry() });
    const read = async () => {
      let parts = 0;
      for await (const _ of result.fullStream) if (++parts === 2) controller.abort();
    };
    await expect(read()).rejects.toThrow("This operation was aborted");
    expect(spans(await tracing.onlyTrace())).toEqual([
      ["ai.streamObject", "ERROR", ...aborted],
      ["ai.streamObject.doStream", "ERROR", ...aborted],
    ]);
    expectNoLifecycleReports();
  });

  it("an app that stops reading: streamObject never stops its model stream itself, so the cancel ends the call too", async () => {
    const result = streamObject({ model: fetchLikeModel({ chunks: objectChunks }), prompt: "Paris weather", schema, onError: () => undefined, experimental_telemetry: tracedTelemetry() });
    for await (const _ of result.partialObjectStream) break;
    // The cancel reaches the model's stream through the AI SDK's stream pipes a few turns later.
    await vi.waitFor(() => expect(tracing.exporter.traces).toHaveLength(1), { timeout: 5_000 });
    const cancelled = ["AbortError", "The model's stream was cancelled before it finished"];
    expect(spans(await tracing.onlyTrace())).toEqual([
      ["ai.streamObject", "ERROR", ...cancelled],
      ["ai.streamObject.doStream", "ERROR", ...cancelled],
    ]);
    expectNoLifecycleReports();
  });
});

describe("streamText, generateObject, generateText", () => {
  it("streamText whose model call rejects, and an abort the provider reports as a stream error", async () => {
    const rejected = streamText({ model: fetchLikeModel({ down: new Error("provider down") }), prompt: "hi", maxRetries: 0, onError: () => undefined, experimental_telemetry: tracedTelemetry() });
    for await (const _ of rejected.fullStream) void _;
    const controller = new AbortController();
    const abortedStream = streamText({ model: fetchLikeModel({ chunks: longChunks }), prompt: "hi", abortSignal: controller.signal, onError: () => undefined, experimental_telemetry: tracedTelemetry() });
    const parts: string[] = [];
    let deltas = 0;
    for await (const part of abortedStream.fullStream) {
      parts.push(part.type);
      if (part.type === "text-delta" && ++deltas === 3) controller.abort();
    }
    expect(parts).toContain("abort");
    const [first, second] = await tracing.traces();
    expect(spans(first!)).toEqual([
      ["ai.streamText", "ERROR", ...down],
      ["ai.streamText.doStream", "ERROR", ...down],
    ]);
    expect(spans(second!)).toEqual([
      ["ai.streamText", "ERROR", ...aborted],
      ["ai.streamText.doStream", "ERROR", ...aborted],
    ]);
    expectNoLifecycleReports();
  });

  it("generateObject that rejects or is aborted, generateText that is aborted: the call and its model call end ERROR", async () => {
    await expect(generateObject({ model: fetchLikeModel({ down: new Error("provider down") }), prompt: "Paris weather", schema, maxRetries: 0, experimental_telemetry: tracedTelemetry() })).rejects.toThrow("provider down");
    await expect(generateObject({ model: fetchLikeModel(), prompt: "Paris weather", schema, maxRetries: 0, abortSignal: abortAfter(10), experimental_telemetry: tracedTelemetry() })).rejects.toThrow("This operation was aborted");
    await expect(generateText({ model: fetchLikeModel(), prompt: "hi", maxRetries: 0, abortSignal: abortAfter(10), experimental_telemetry: tracedTelemetry() })).rejects.toThrow("This operation was aborted");
    expect((await tracing.traces()).map(spans)).toEqual([
      [
        ["ai.generateObject", "ERROR", ...down],
        ["ai.generateObject.doGenerate", "ERROR", ...down],
      ],
      [
        ["ai.generateObject", "ERROR", ...aborted],
        ["ai.generateObject.doGenerate", "ERROR", ...aborted],
      ],
      [
        ["ai.generateText", "ERROR", ...aborted],
        ["ai.generateText.doGenerate", "ERROR", ...aborted],
      ],
    ]);
    expectNoLifecycleReports();
  });
});
