/** Tracing never breaks an AI SDK call: a translator that throws is reported once, and the call returns its own result. */
import { generateText } from "ai";
import { beforeEach, expect, it, vi } from "vitest";
import { tracedTelemetry } from "../../../src/integrations/ai/index.js";
import { setupTracing, type TestTracing } from "../../support/tracing.js";
import { scriptedModel } from "./mock-models.js";

vi.mock("../../../src/integrations/llm/semconv/ai-sdk.js", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  translateAiSdkSpan: () => {
    throw new Error("translator bug");
  },
}));

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

it("a throwing translator: the call's result is unchanged, the spans still end, reported once", async () => {
  for (const question of ["one", "two"]) {
    const result = await generateText({ model: scriptedModel([{ text: `Answer to ${question}.` }]), prompt: question, experimental_telemetry: tracedTelemetry() });
    expect(result.text).toBe(`Answer to ${question}.`);
  }
  const traces = await tracing.traces();
  expect(traces).toHaveLength(2);
  for (const trace of traces) {
    expect(trace.spans.map((span) => [span.name.replace(/_\d+$/, ""), span.spanType, span.endTimeNs !== null])).toEqual([
      ["ai.generateText", "UNKNOWN", true],
      ["ai.generateText.doGenerate", "UNKNOWN", true],
    ]);
  }
  const reports = tracing.diagnostics.filter((d) => d.code === "ai-sdk-translate-failed");
  expect(reports).toHaveLength(1);
  expect(String((reports[0]!.error as Error).message)).toBe("translator bug");
});
