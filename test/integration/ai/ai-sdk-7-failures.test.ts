/**
 * AI SDK 7 calls that do not finish (Node 22, `ai` 7 from test/toolchains; fixtures/ai7-failures-app.mjs):
 * a provider stream that drops, a model call that rejects, an abort the provider reports as
 * a stream error, and an app that stops reading. Every span ends ERROR with the exception as
 * the call stops. The deprecated `streamObject` tells no integration when its model's stream
 * fails or is cancelled: traced learns it through `tracedMiddleware()` on the model.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeNode22App, runNode22App } from "../../support/node22-app.js";
import { ensureToolchains } from "../../support/toolchains.js";

interface SpanRow {
  name: string;
  parent: string | null;
  status: string;
  ended: boolean;
  exception: { type: string; message: string } | null;
  outputs?: unknown;
}

let results: Record<string, any>;
let traces: Record<string, { state: string; spans: SpanRow[] }>;
/** The AI SDK's spans of a scenario's trace (under the scenario's own span): name, status, exception. */
const calls = (scenario: string) => traces[scenario]!.spans.slice(1).map((span) => [span.name, span.status, span.exception]);
const dropped = { type: "Error", message: "reset by peer" };
const down = { type: "Error", message: "provider down" };
const aborted = { type: "AbortError", message: "This operation was aborted" };

beforeAll(async () => {
  ensureToolchains();
  const app = makeNode22App("ai7-failures", { ai: "ai7", zod: "zod" }, join(import.meta.dirname, "fixtures/ai7-failures-app.mjs"));
  results = await runNode22App(app, "ai7-failures-app.mjs");
  traces = results.traces;
}, 600_000);

describe("AI SDK 7 calls that do not finish", () => {
  it("each call returns or throws the AI SDK's own outcome; nothing is reported but unpriced mock models", () => {
    expect(results).toMatchObject({
      "streamObject stream drops": "threw Error: reset by peer",
      "streamObject doStream rejects": "threw Error: provider down",
      "streamObject abort": "threw AbortError: This operation was aborted",
      "streamObject app stops reading": "stopped",
      "streamObject side by side": ["rejected", { city: "Paris", temperature: 21 }],
      "streamObject without recorded inputs": "threw Error: reset by peer",
      "streamObject completes through the middleware": { city: "Paris", temperature: 21 },
      "streamObject untraced through the middleware": "threw Error: reset by peer",
      "streamText doStream rejects": true,
      "streamText abort the provider reports": true,
      "streamText through the middleware": "Sunny in Paris.",
      "generateObject rejects": "threw Error: provider down",
      "generateObject abort": "threw AbortError: This operation was aborted",
      "generateText abort": "threw AbortError: This operation was aborted",
    });
    expect(results.diagnostics.filter((code: string) => !code.startsWith("cost-unknown-model"))).toEqual([]);
  });

  it("streamObject through tracedMiddleware: a dropped stream, a rejected model call and an abort end the model call and the call ERROR with the exception", () => {
    expect(calls("streamObject stream drops")).toEqual([
      ["ai.streamObject", "ERROR", dropped],
      ["ai.streamObject.doStream", "ERROR", dropped],
    ]);
    expect(calls("streamObject doStream rejects")).toEqual([
      ["ai.streamObject", "ERROR", down],
      ["ai.streamObject.doStream", "ERROR", down],
    ]);
    expect(calls("streamObject abort")).toEqual([
      ["ai.streamObject", "ERROR", aborted],
      ["ai.streamObject.doStream", "ERROR", aborted],
    ]);
    for (const scenario of ["streamObject stream drops", "streamObject doStream rejects", "streamObject abort"]) {
      expect(traces[scenario]!.spans.every((span) => span.ended)).toBe(true);
      expect(traces[scenario]!.state).toBe("ERROR");
    }
  });

  it("streamObject whose reader stops part-way: its spans end ERROR with an AbortError, the app's own span stays OK", () => {
    const cancelled = { type: "AbortError", message: "The model's stream was cancelled before it finished" };
    expect(traces["streamObject app stops reading"]!.spans.map((span) => [span.name, span.status, span.exception, span.ended])).toEqual([
      ["streamObject app stops reading", "OK", null, true],
      ["ai.streamObject", "ERROR", cancelled, true],
      ["ai.streamObject.doStream", "ERROR", cancelled, true],
    ]);
  });

  it("two streamObject calls on one model under one span: the failing stream ends only its own call", () => {
    const spans = traces["streamObject side by side"]!.spans;
    expect(spans.map((span) => [span.name, span.parent, span.status, span.exception])).toEqual([
      ["streamObject side by side", null, "OK", null],
      ["ai.streamObject", "streamObject side by side", "ERROR", dropped],
      ["ai.streamObject", "streamObject side by side", "OK", null],
      ["ai.streamObject.doStream", "ai.streamObject", "ERROR", dropped],
      ["ai.streamObject.doStream", "ai.streamObject", "OK", null],
    ]);
    expect(spans[2]!.outputs).toEqual({ city: "Paris", temperature: 21 });
  });

  it("with recordInputs: false (no prompt to match) the one streamObject call waiting under the span is found", () => {
    expect(calls("streamObject without recorded inputs")).toEqual([
      ["ai.streamObject", "ERROR", dropped],
      ["ai.streamObject.doStream", "ERROR", dropped],
    ]);
  });

  it("the middleware passes every other stream through: a completed streamObject, an untraced one and streamText end as without it", () => {
    expect(calls("streamObject completes through the middleware")).toEqual([
      ["ai.streamObject", "OK", null],
      ["ai.streamObject.doStream", "OK", null],
    ]);
    expect(traces["streamObject completes through the middleware"]!.spans[1]!.outputs).toEqual({ city: "Paris", temperature: 21 });
    expect(calls("streamObject untraced through the middleware")).toEqual([]);
    expect(calls("streamText through the middleware")).toEqual([
      ["ai.streamText", "OK", null],
      ["ai.streamText.doStream", "OK", null],
    ]);
  });

  it("without the middleware AI SDK 7 reports no failure of a streamObject stream: its spans are still open when the app flushes", () => {
    expect(traces["streamObject stream drops without the middleware"]!.spans.map((span) => [span.name, span.ended])).toEqual([
      ["streamObject stream drops without the middleware", true],
      ["ai.streamObject", false],
      ["ai.streamObject.doStream", false],
    ]);
  });

  it("streamText, generateObject and generateText need no middleware: a rejected model call and an abort end every span ERROR", () => {
    expect(calls("streamText doStream rejects")).toEqual([
      ["ai.streamText", "ERROR", down],
      ["ai.streamText.doStream", "ERROR", down],
    ]);
    expect(calls("streamText abort the provider reports")).toEqual([
      ["ai.streamText", "ERROR", aborted],
      ["ai.streamText.doStream", "ERROR", aborted],
    ]);
    expect(calls("generateObject rejects")).toEqual([
      ["ai.generateObject", "ERROR", down],
      ["ai.generateObject.doGenerate", "ERROR", down],
    ]);
    expect(calls("generateObject abort")).toEqual([
      ["ai.generateObject", "ERROR", aborted],
      ["ai.generateObject.doGenerate", "ERROR", aborted],
    ]);
    expect(calls("generateText abort")).toEqual([
      ["ai.generateText", "ERROR", aborted],
      ["ai.generateText.doGenerate", "ERROR", aborted],
    ]);
  });
});
