/**
 * Spans of other OpenTelemetry GenAI instrumentations reaching traced through
 * `TracedSpanProcessor`, with the real OTel SDK: an instrumentation-like client records
 * `gen_ai.*` spans (an agent run with model calls and a tool execution), and traced stores
 * them as MLflow-typed spans — inside a traced span they join its trace with their OTel
 * parents, outside any they form a trace of their own, exported when its root ends.
 */
import { context, SpanStatusCode as OtelStatus, trace as otelTrace, type Tracer } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { trace, withSpan, type Trace } from "../../src/index.js";
import { disableOpenTelemetryBridge, enableOpenTelemetryBridge, TracedSpanProcessor } from "../../src/otel/index.js";
import { setupTracing, shape, type TestTracing } from "../support/tracing.js";

let tracer: Tracer;
let failingTracer: Tracer;
let otelExporter: InMemorySpanExporter;
let tracing: TestTracing;

beforeAll(() => {
  otelExporter = new InMemorySpanExporter();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const provider = new BasicTracerProvider({ spanProcessors: [new TracedSpanProcessor(), new SimpleSpanProcessor(otelExporter)] });
  otelTrace.setGlobalTracerProvider(provider);
  tracer = otelTrace.getTracer("genai-instrumentation");
  const throwing = new TracedSpanProcessor({
    translate: () => {
      throw new Error("translator bug");
    },
  });
  failingTracer = new BasicTracerProvider({ spanProcessors: [throwing] }).getTracer("failing");
  enableOpenTelemetryBridge();
});
afterAll(() => disableOpenTelemetryBridge());
beforeEach(() => {
  tracing = setupTracing();
  otelExporter.reset();
});

interface ChatReply {
  text?: string;
  toolCall?: { id: string; name: string; arguments: Record<string, unknown> };
  usage: { input: number; output: number; cacheRead?: number };
}

/** What a GenAI instrumentation does around a model call: a `chat` span with the request, the reply and the usage. */
function instrumentedChat(prompt: string, reply: ChatReply): Promise<ChatReply> {
  return tracer.startActiveSpan("chat gpt-4o", async (span) => {
    span.setAttributes({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: prompt }] }]),
      "gen_ai.tool.definitions": JSON.stringify([{ type: "function", name: "get_weather", parameters: { type: "object" } }]),
    });
    await new Promise((resolve) => setImmediate(resolve));
    const part = reply.toolCall ? { type: "tool_call", ...reply.toolCall } : { type: "text", content: reply.text };
    span.setAttributes({
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [part], finish_reason: reply.toolCall ? "tool_call" : "stop" }]),
      "gen_ai.usage.input_tokens": reply.usage.input,
      "gen_ai.usage.output_tokens": reply.usage.output,
      ...(reply.usage.cacheRead === undefined ? {} : { "gen_ai.usage.cache_read.input_tokens": reply.usage.cacheRead }),
    });
    span.end();
    return reply;
  });
}

/** The tool itself is the app's code, traced with traced: it nests under the instrumentation's tool span. */
const getWeather = trace(async function getWeather(city: string) {
  return { city, temperature_c: 18 };
});

function instrumentedTool(call: NonNullable<ChatReply["toolCall"]>): Promise<unknown> {
  return tracer.startActiveSpan(`execute_tool ${call.name}`, async (span) => {
    span.setAttributes({ "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": call.name, "gen_ai.tool.call.arguments": JSON.stringify(call.arguments) });
    const result = await getWeather(String(call.arguments.city));
    span.setAttribute("gen_ai.tool.call.result", JSON.stringify(result));
    span.end();
    return result;
  });
}

/** An agent run: a model call asking for a tool, the tool, and a final model call. */
function instrumentedAgent(question: string): Promise<string> {
  return tracer.startActiveSpan("invoke_agent weather-agent", async (span) => {
    span.setAttributes({ "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "weather-agent", "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: question }] }]) });
    const first = await instrumentedChat(question, { toolCall: { id: "call_1", name: "get_weather", arguments: { city: "Paris" } }, usage: { input: 50, output: 10, cacheRead: 20 } });
    await instrumentedTool(first.toolCall!);
    const final = await instrumentedChat(question, { text: "18°C in Paris.", usage: { input: 70, output: 8 } });
    span.setAttribute("gen_ai.output.messages", JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: final.text }] }]));
    span.end();
    return final.text!;
  });
}

function spansByName(t: Trace, name: string) {
  return t.spans.filter((s) => s.name.replace(/_\d+$/, "") === name);
}

function only(t: Trace, name: string) {
  const found = spansByName(t, name);
  if (found.length !== 1) throw new Error(`expected one span "${name}", got ${found.length}`);
  return found[0]!;
}

describe("OpenTelemetry GenAI spans in traced", () => {
  it("join the traced trace they run in, typed, with inputs, outputs, usage and their OTel parents", async () => {
    const handle = trace(async function handle(question: string) {
      return instrumentedAgent(question);
    });
    expect(await handle("Weather in Paris?")).toBe("18°C in Paris.");

    const t = await tracing.onlyTrace();
    const root = t.rootSpan!;
    expect(root.name).toBe("handle");
    const agent = only(t, "invoke_agent weather-agent");
    const chats = t.spans.filter((s) => s.spanType === "CHAT_MODEL");
    const tool = only(t, "execute_tool get_weather");
    const inner = only(t, "getWeather");

    expect(agent.parentId).toBe(root.spanId);
    expect(agent.spanType).toBe("AGENT");
    expect(agent.inputs).toEqual([{ role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] }]);
    expect(chats.map((chat) => chat.parentId)).toEqual([agent.spanId, agent.spanId]);
    expect(chats.map((chat) => chat.getAttribute("mlflow.chat.tokenUsage"))).toEqual([
      { input_tokens: 50, output_tokens: 10, total_tokens: 60, cache_read_input_tokens: 20 },
      { input_tokens: 70, output_tokens: 8, total_tokens: 78 },
    ]);
    expect(chats[0]!.getAttribute("mlflow.llm.model")).toBe("gpt-4o-2024-08-06");
    expect(chats[0]!.getAttribute("mlflow.llm.provider")).toBe("openai");
    expect(chats[0]!.outputs).toEqual([{ role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }], finish_reason: "tool_call" }]);
    // The original OTel attributes stay, as MLflow keeps them.
    expect(chats[0]!.getAttribute("gen_ai.operation.name")).toBe("chat");
    expect(tool).toMatchObject({ spanType: "TOOL", parentId: agent.spanId, inputs: { city: "Paris" }, outputs: { city: "Paris", temperature_c: 18 } });
    expect(inner.parentId).toBe(tool.spanId);
    expect(JSON.parse(t.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 120, output_tokens: 18, total_tokens: 138 });

    // The ids and times are OTel's own.
    const otelAgent = otelExporter.getFinishedSpans().find((s) => s.name === "invoke_agent weather-agent")!;
    expect(agent.spanId).toBe(otelAgent.spanContext().spanId);
    expect(t.info.traceId).toBe(`tr-${otelAgent.spanContext().traceId}`);
    expect(agent.startTimeNs / 1000n).toBe((BigInt(otelAgent.startTime[0]) * 1_000_000_000n + BigInt(otelAgent.startTime[1])) / 1000n);
    expect(agent.endTimeNs! >= agent.startTimeNs).toBe(true);
    expect(tracing.diagnostics).toEqual([]);
  });

  it("outside any traced span form a trace of their own, exported when its root span ends", async () => {
    expect(await instrumentedAgent("Weather in Paris?")).toBe("18°C in Paris.");
    const otelRoot = otelExporter.getFinishedSpans().find((s) => s.name === "invoke_agent weather-agent")!;
    const otelTool = otelExporter.getFinishedSpans().find((s) => s.name === "execute_tool get_weather")!;
    const traces = await tracing.traces();
    // The traced tool function ran under an OTel span of a trace traced was not recording: like a
    // remote parent, it continues that trace as a part of its own (same trace id, OTel parent).
    const [toolPart, t] = traces as [Trace, Trace];
    expect(toolPart.rootSpan).toMatchObject({ name: "getWeather", parentId: otelTool.spanContext().spanId });
    expect(toolPart.info.traceId).toBe(t.info.traceId);
    expect(shape(t)).toEqual(["invoke_agent weather-agent", ["chat gpt-4o_1", "execute_tool get_weather", "chat gpt-4o_2"]]);
    expect(t.info.traceId).toBe(`tr-${otelRoot.spanContext().traceId}`);
    expect(t.rootSpan).toMatchObject({ spanType: "AGENT", parentId: null, spanId: otelRoot.spanContext().spanId });
    expect(only(t, "execute_tool get_weather").parentId).toBe(otelRoot.spanContext().spanId);
    expect(t.info.state).toBe("OK");
    expect(t.info.tags["mlflow.traceName"]).toBe("invoke_agent weather-agent");
    expect(JSON.parse(t.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 120, output_tokens: 18, total_tokens: 138 });
  });

  it("keeps other spans as UNKNOWN with their attributes, and failures as errors with their events", async () => {
    await withSpan("request", async () => {
      await tracer.startActiveSpan("GET /weather", async (span) => {
        span.setAttributes({ "http.request.method": "GET", "http.response.status_code": 503 });
        span.recordException(new Error("upstream down"));
        span.setStatus({ code: OtelStatus.ERROR, message: "upstream down" });
        span.end();
      });
    });
    const t = await tracing.onlyTrace();
    const http = only(t, "GET /weather");
    expect(http.spanType).toBe("UNKNOWN");
    expect(http.getAttribute("http.response.status_code")).toBe(503);
    expect(http.status).toEqual({ code: "ERROR", message: "upstream down" });
    expect(http.events.map((event) => [event.name, event.attributes["exception.message"]])).toEqual([["exception", "upstream down"]]);
  });

  it("reports a throwing translator once and keeps the spans untranslated; the app's calls are unaffected", async () => {
    const run = () =>
      failingTracer.startActiveSpan("chat gpt-4o", (span) => {
        span.setAttributes({ "gen_ai.operation.name": "chat", "gen_ai.usage.input_tokens": 5, "gen_ai.usage.output_tokens": 1 });
        span.end();
        return "reply";
      });
    expect(run()).toBe("reply");
    expect(run()).toBe("reply");
    const traces = await tracing.traces();
    expect(traces).toHaveLength(2);
    expect(traces.map((t) => t.rootSpan!.spanType)).toEqual(["UNKNOWN", "UNKNOWN"]);
    expect(traces[0]!.rootSpan!.getAttribute("mlflow.chat.tokenUsage")).toBeUndefined();
    expect(traces[0]!.rootSpan!.getAttribute("gen_ai.operation.name")).toBe("chat");
    expect(tracing.diagnostics.filter((d) => d.code === "otel-translate-failed")).toHaveLength(1);
  });
});
