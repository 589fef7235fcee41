/**
 * AI SDK 7 (Node 22, from test/toolchains) through its telemetry integration interface: an app
 * folder with the built traced and `ai` 7 runs the real AI SDK on its mock models
 * (fixtures/ai7-app.mjs) and prints its traces. The spans are AI SDK 6's: the call, a CHAT_MODEL
 * span per model call, a TOOL span per tool execution, EMBEDDING spans; failures and aborts end
 * every span ERROR with the exception, and each trace exports when its call ends (the fixture's
 * open-trace timeout is ten minutes).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeNode22App, runNode22App } from "../../support/node22-app.js";
import { ensureToolchains } from "../../support/toolchains.js";

interface SpanRow {
  name: string;
  parent: string | null;
  type: string;
  status: string;
  ended: boolean;
  inputs?: any;
  outputs?: any;
  attributes: Record<string, any>;
  exception: { type: string; message: string } | null;
}
interface TraceRow {
  state: string;
  tokenUsage: Record<string, number> | null;
  spans: SpanRow[];
}

let results: Record<string, any>;
let traces: TraceRow[];
const tree = (trace: TraceRow) => trace.spans.map((span) => `${span.parent ?? "-"} > ${span.name}`);
const named = (trace: TraceRow, name: string) => trace.spans.filter((span) => span.name === name);

beforeAll(async () => {
  ensureToolchains();
  const app = makeNode22App("ai7", { ai: "ai7", zod: "zod" }, join(import.meta.dirname, "fixtures/ai7-app.mjs"));
  results = await runNode22App(app, "ai7-app.mjs");
  traces = results.traces;
}, 600_000);

describe("AI SDK 7 under Node 22", () => {
  it("runs every scenario with the AI SDK's own results, one trace each, nothing reported but unpriced mock models", () => {
    expect(results).toMatchObject({
      generateText: "Sunny in Paris.",
      streamText: "Sunny in Paris.",
      streamFails: "threw Error: socket hang up",
      abort: true,
      errorPart: ["overloaded"],
      providerDown: "threw Error: provider down",
      toolFails: "No weather.",
      generateObject: { city: "Paris", temperature: 21 },
      streamObject: { city: "Paris", temperature: 21 },
      embeddings: [[5, 0.5], [[1, 0.5], [2, 0.5]]],
      embedFails: "threw Error: embedding down",
    });
    expect(traces).toHaveLength(11);
    expect(traces.every((trace) => trace.spans.every((span) => span.ended))).toBe(true);
    expect(results.diagnostics.filter((code: string) => !code.startsWith("cost-unknown-model"))).toEqual([]);
  });

  it("generateText with a tool: an AGENT call, a CHAT_MODEL span per model call, the TOOL between; spans opened in the tool and the provider call nest there", () => {
    const trace = traces[0]!;
    expect(tree(trace)).toEqual([
      "- > ai.generateText",
      "ai.generateText > ai.generateText.doGenerate",
      "ai.generateText.doGenerate > provider request",
      "ai.generateText > ai.toolCall",
      "ai.toolCall > lookup",
      "ai.generateText > ai.generateText.doGenerate",
      "ai.generateText.doGenerate > provider request",
    ]);
    const [root, first, , toolSpan, , second] = trace.spans as [SpanRow, SpanRow, SpanRow, SpanRow, SpanRow, SpanRow];
    expect(root).toMatchObject({ type: "AGENT", status: "OK", inputs: { messages: [{ role: "user", content: "Weather in Paris?" }] }, outputs: "Sunny in Paris." });
    expect(first.type).toBe("CHAT_MODEL");
    expect(first.inputs).toMatchObject({ messages: [{ role: "user", content: "Weather in Paris?" }], toolChoice: { type: "auto" }, tools: [{ type: "function", name: "weather" }] });
    expect(first.outputs).toEqual({ toolCalls: [{ toolCallId: "call-1", toolName: "weather", input: { city: "Paris" } }], finishReason: "tool-calls" });
    expect(first.attributes).toMatchObject({
      "mlflow.chat.tokenUsage": { input_tokens: 8, output_tokens: 3, total_tokens: 11 },
      "mlflow.llm.model": "mock-1",
      "mlflow.llm.provider": "mock",
      "mlflow.message.format": "vercel_ai",
      "mlflow.chat.tools": [{ type: "function", function: { name: "weather", description: "Weather by city", parameters: expect.objectContaining({ type: "object" }) } }],
    });
    expect(toolSpan).toMatchObject({ type: "TOOL", inputs: { city: "Paris" }, outputs: { city: "Paris", temperature: 21 } });
    expect(second.outputs).toEqual({ text: "Sunny in Paris.", finishReason: "stop" });
    expect(second.inputs.messages).toHaveLength(3);
    expect(trace.tokenUsage).toEqual({ input_tokens: 18, output_tokens: 7, total_tokens: 25 });
  });

  it("streamText, a streamed tool loop: the same shape, every span OK", () => {
    const trace = traces[1]!;
    expect(tree(trace)).toEqual(["- > ai.streamText", "ai.streamText > ai.streamText.doStream", "ai.streamText > ai.toolCall", "ai.streamText > ai.streamText.doStream"]);
    expect(trace.spans.map((span) => [span.type, span.status])).toEqual([
      ["AGENT", "OK"],
      ["CHAT_MODEL", "OK"],
      ["TOOL", "OK"],
      ["CHAT_MODEL", "OK"],
    ]);
    expect(trace.spans[0]!.outputs).toBe("Sunny in Paris.");
    expect(trace.spans[3]!.outputs).toEqual({ text: "Sunny in Paris.", finishReason: "stop" });
    expect(trace.tokenUsage).toEqual({ input_tokens: 18, output_tokens: 7, total_tokens: 25 });
  });

  it("a provider stream that fails in the second step: that model call and the call end ERROR with the exception, the first step stays OK", () => {
    const trace = traces[2]!;
    expect(trace.state).toBe("ERROR");
    expect(trace.spans.map((span) => [span.name, span.status, span.exception])).toEqual([
      ["ai.streamText", "ERROR", { type: "Error", message: "socket hang up" }],
      ["ai.streamText.doStream", "OK", null],
      ["ai.toolCall", "OK", null],
      ["ai.streamText.doStream", "ERROR", { type: "Error", message: "socket hang up" }],
    ]);
  });

  it("an abort in the second step: the unfinished model call and the call end ERROR with an AbortError", () => {
    const trace = traces[3]!;
    expect(trace.spans.map((span) => [span.name, span.status, span.exception?.type ?? null])).toEqual([
      ["ai.streamText", "ERROR", "AbortError"],
      ["ai.streamText.doStream", "OK", null],
      ["ai.toolCall", "OK", null],
      ["ai.streamText.doStream", "ERROR", "AbortError"],
    ]);
  });

  it("a stream's error part: the model call (with what it streamed) and the call are ERROR", () => {
    const trace = traces[4]!;
    expect(trace.spans.map((span) => [span.name, span.status])).toEqual([
      ["ai.streamText", "ERROR"],
      ["ai.streamText.doStream", "ERROR"],
    ]);
    expect(trace.spans[1]!.outputs).toEqual({ text: "Hel", finishReason: "error" });
  });

  it("a model call that throws: the model call and the call end ERROR with the exception", () => {
    expect(traces[5]!.spans.map((span) => [span.name, span.type, span.status, span.exception])).toEqual([
      ["ai.generateText", "AGENT", "ERROR", { type: "Error", message: "provider down" }],
      ["ai.generateText.doGenerate", "CHAT_MODEL", "ERROR", { type: "Error", message: "provider down" }],
    ]);
  });

  it("a tool that throws: its TOOL span is ERROR with the exception, the call goes on and ends OK", () => {
    const trace = traces[6]!;
    expect(trace.spans.map((span) => [span.name, span.status, span.exception?.message ?? null])).toEqual([
      ["ai.generateText", "OK", null],
      ["ai.generateText.doGenerate", "OK", null],
      ["ai.toolCall", "ERROR", "weather service down"],
      ["ai.generateText.doGenerate", "OK", null],
    ]);
  });

  it("generateObject and streamObject: a CHAIN with the object over a CHAT_MODEL call with usage", () => {
    for (const [trace, name, model] of [
      [traces[7]!, "ai.generateObject", "ai.generateObject.doGenerate"],
      [traces[8]!, "ai.streamObject", "ai.streamObject.doStream"],
    ] as const) {
      expect(tree(trace)).toEqual([`- > ${name}`, `${name} > ${model}`]);
      expect(trace.spans[0]).toMatchObject({ type: "CHAIN", status: "OK", outputs: { city: "Paris", temperature: 21 } });
      expect(trace.spans[0]!.inputs).toEqual({ prompt: expect.stringContaining("Paris weather") });
      expect(trace.spans[1]).toMatchObject({ type: "CHAT_MODEL", status: "OK", attributes: { "mlflow.chat.tokenUsage": { input_tokens: 10, output_tokens: 4, total_tokens: 14 } } });
      expect(JSON.parse(trace.spans[1]!.outputs.text)).toEqual({ city: "Paris", temperature: 21 });
    }
  });

  it("embed and embedMany with the integration registered once: EMBEDDING spans under the active span, usage on the model calls only", () => {
    const trace = traces[9]!;
    expect(tree(trace)).toEqual(["- > index", "index > ai.embed", "ai.embed > ai.embed.doEmbed", "index > ai.embedMany", "ai.embedMany > ai.embedMany.doEmbed", "ai.embedMany > ai.embedMany.doEmbed"]);
    const [, single, singleCall, many] = trace.spans as [SpanRow, SpanRow, SpanRow, SpanRow];
    expect(single).toMatchObject({ type: "EMBEDDING", inputs: "Paris", outputs: [5, 0.5] });
    expect(single.attributes["mlflow.chat.tokenUsage"]).toBeUndefined();
    expect(singleCall.attributes).toMatchObject({ "mlflow.chat.tokenUsage": { input_tokens: 3, output_tokens: 0, total_tokens: 3 }, "mlflow.llm.model": "embed-1" });
    expect(many).toMatchObject({ inputs: ["a", "bb"], outputs: [[1, 0.5], [2, 0.5]] });
    expect(trace.tokenUsage).toEqual({ input_tokens: 9, output_tokens: 0, total_tokens: 9 });
    expect(traces[10]!.spans.map((span) => [span.name, span.status, span.exception?.message ?? null])).toEqual([
      ["ai.embed", "ERROR", "embedding down"],
      ["ai.embed.doEmbed", "ERROR", "embedding down"],
    ]);
  });
});
