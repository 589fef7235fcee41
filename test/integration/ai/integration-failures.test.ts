/**
 * traced's AI SDK 7 integration never breaks a call: an event it cannot read is reported once
 * and the AI SDK goes on; `executeTool` / `executeLanguageModelCall` return what the AI SDK's
 * function returns (or throws) whether or not traced follows the call. AI SDK 6's own events
 * (no `callId`) are ignored. Its model middleware returns the model's result (or error) as it is.
 * (AI SDK 7 itself needs Node 22: ai-sdk-7.test.ts, ai-sdk-7-failures.test.ts.)
 */
import { beforeEach, expect, it } from "vitest";
import { tracedIntegration, tracedMiddleware } from "../../../src/integrations/ai/index.js";
import { setupTracing, type TestTracing } from "../../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

it("an event that throws when read is reported once; the next calls are traced as usual", async () => {
  const integration = tracedIntegration();
  const unreadable = { callId: "c-1" };
  Object.defineProperty(unreadable, "operationId", {
    get() {
      throw new Error("odd event");
    },
  });
  expect(() => integration.onStart(unreadable)).not.toThrow();
  expect(() => integration.onStart(unreadable)).not.toThrow();
  integration.onStart({ callId: "c-2", operationId: "ai.embed", provider: "mock.embedding", modelId: "embed-1", value: "Paris" });
  integration.onEnd({ callId: "c-2", operationId: "ai.embed", embedding: [1, 2] });
  const traces = await tracing.traces();
  expect(traces.map((trace) => [trace.rootSpan!.name, trace.rootSpan!.spanType, trace.rootSpan!.outputs])).toEqual([["ai.embed", "EMBEDDING", [1, 2]]]);
  const reports = tracing.diagnostics.filter((d) => d.code === "ai-sdk-event-failed");
  expect(reports).toHaveLength(1);
  expect((reports[0]!.error as Error).message).toBe("odd event");
});

it("executeTool and executeLanguageModelCall pass the AI SDK's result and error through, followed or not", async () => {
  const integration = tracedIntegration();
  await expect(integration.executeTool({ callId: "unknown", toolCallId: "t", execute: async () => "tool result" })).resolves.toBe("tool result");
  await expect(integration.executeLanguageModelCall({ callId: "unknown", execute: () => Promise.reject(new Error("provider down")) })).rejects.toThrow("provider down");
  expect(await tracing.traces()).toEqual([]);
});

it("AI SDK 6's onStart and onStepStart events (no callId) record nothing", async () => {
  const integration = tracedIntegration();
  integration.onStart({ model: { provider: "mock", modelId: "m" }, prompt: "hi" });
  integration.onStepStart({ stepNumber: 0 });
  expect(await tracing.traces()).toEqual([]);
  expect(tracing.diagnostics).toEqual([]);
});

it("tracedMiddleware hands back the model's own result and error; a request it cannot read is reported once", async () => {
  const middleware = tracedMiddleware();
  const result = { stream: new ReadableStream(), response: { id: "r-1" } };
  await expect(middleware.wrapStream({ doStream: async () => result, params: { prompt: [] }, model: {} })).resolves.toBe(result);
  await expect(middleware.wrapStream({ doStream: () => Promise.reject(new Error("provider down")), params: {}, model: {} })).rejects.toThrow("provider down");
  // A streamObject call waiting for its stream makes the middleware read the request.
  const integration = tracedIntegration();
  integration.onStart({ callId: "c-1", operationId: "ai.streamObject", provider: "mock.chat", modelId: "m", prompt: "hi" });
  integration.onObjectStepStart({ callId: "c-1", provider: "mock.chat", modelId: "m", promptMessages: [] });
  const unreadable = {};
  Object.defineProperty(unreadable, "prompt", {
    get() {
      throw new Error("odd request");
    },
  });
  for (let i = 0; i < 2; i++) await expect(middleware.wrapStream({ doStream: async () => result, params: unreadable, model: {} })).resolves.toBe(result);
  const reports = tracing.diagnostics.filter((d) => d.code === "ai-sdk-event-failed");
  expect(reports).toHaveLength(1);
  expect((reports[0]!.error as Error).message).toBe("odd request");
  integration.onEnd({ callId: "c-1", object: { ok: true } });
  expect((await tracing.traces()).map((trace) => trace.spans.map((span) => span.name))).toEqual([["ai.streamObject", "ai.streamObject.doStream"]]);
});
