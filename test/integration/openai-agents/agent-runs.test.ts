/** Agent runs through the real Agents SDK and an OpenAI client on the wire server, traced by autolog(). */
import { Agent, InputGuardrailTripwireTriggered, run, tool } from "@openai/agents";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { SpanStatusCode, SpanType, withSpan, type Span, type Trace } from "../../../src/index.js";
import { autolog } from "../../../src/integrations/openai-agents/index.js";
import { chatCompletion, response, responseStream } from "../../support/llm-replies/openai.js";
import { shape } from "../../support/tracing.js";
import { useAgents } from "./agents-fixture.js";

const agents = useAgents();
const RESPONSES = "/v1/responses";

const getWeather = tool({
  name: "get_weather",
  description: "The weather in a city",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => `sunny in ${city}`,
});

function only(trace: Trace, name: string): Span {
  const spans = trace.spans.filter((span) => span.name === name);
  expect(spans, name).toHaveLength(1);
  return spans[0]!;
}

const parentName = (trace: Trace, span: Span) => trace.spans.find((candidate) => candidate.spanId === span.parentId)?.name;

beforeEach(() => autolog());

describe("a run with a function tool", () => {
  it("is one trace: the agent, two Responses calls with usage, and the tool call between them", async () => {
    agents.server.reply(
      RESPONSES,
      response({ functionCalls: [{ callId: "call_1", name: "get_weather", arguments: { city: "Paris" } }], usage: { inputTokens: 30, outputTokens: 7 } }),
      response({ outputText: "Sunny in Paris.", usage: { inputTokens: 50, outputTokens: 5 } }),
    );
    const agent = new Agent({ name: "Weather agent", instructions: "Be brief", tools: [getWeather], model: agents.responsesModel() });
    const result = await run(agent, "Weather in Paris?");
    expect(result.finalOutput).toBe("Sunny in Paris.");

    const trace = await agents.tracing.onlyTrace();
    expect(shape(trace)).toEqual(["Agent workflow", [["Run", [["Weather agent", [["Turn 1", ["Response_1", "get_weather"]], ["Turn 2", ["Response_2"]]]]]]]]);
    const root = trace.rootSpan!;
    expect(root.spanType).toBe(SpanType.CHAIN);
    expect(root.inputs).toEqual([{ type: "message", role: "user", content: "Weather in Paris?" }]);
    expect(root.outputs).toBe("Sunny in Paris.");
    expect(trace.info.metadata["mlflow.trace.tokenUsage"]).toBe(JSON.stringify({ input_tokens: 80, output_tokens: 12, total_tokens: 92 }));

    const agentSpan = only(trace, "Weather agent");
    expect(agentSpan.spanType).toBe(SpanType.AGENT);
    expect(agentSpan.attributes["openai_agents.tools"]).toBe(JSON.stringify(["get_weather"]));
    expect(agentSpan.attributes["openai_agents.handoffs"]).toBe("[]");

    const [first, second] = [only(trace, "Response_1"), only(trace, "Response_2")];
    for (const span of [first, second]) {
      expect(span.spanType).toBe(SpanType.CHAT_MODEL);
      expect(span.attributes["mlflow.llm.model"]).toBe(JSON.stringify("gpt-4o-mini-2024-07-18"));
      expect(span.attributes["mlflow.message.format"]).toBe('"openai"');
      expect(span.attributes["mlflow.llm.provider"]).toBe('"openai"');
    }
    expect(JSON.parse(first.attributes["mlflow.chat.tokenUsage"]!)).toEqual({ input_tokens: 30, output_tokens: 7, total_tokens: 37, cache_read_input_tokens: 0, reasoning_tokens: 0 });
    expect((first.inputs as { input: unknown }).input).toEqual([{ type: "message", role: "user", content: "Weather in Paris?" }]);
    const firstOutput = first.outputs as { id: string; output: { type: string; name?: string }[] };
    expect(firstOutput.output.map((item) => [item.type, item.name])).toEqual([["function_call", "get_weather"]]);
    expect(first.attributes["openai_agents.response_id"]).toBe(JSON.stringify(firstOutput.id));
    // The second call sends the tool's result back.
    const secondInput = (second.inputs as { input: { type: string; output?: unknown }[] }).input;
    expect(secondInput.map((item) => item.type)).toEqual(["message", "function_call", "function_call_result"]);

    const toolSpan = only(trace, "get_weather");
    expect(toolSpan.spanType).toBe(SpanType.TOOL);
    expect(toolSpan.inputs).toEqual({ city: "Paris" });
    expect(toolSpan.outputs).toBe("sunny in Paris");
    expect(parentName(trace, toolSpan)).toBe("Turn 1");
    expect(toolSpan.startTimeNs >= first.endTimeNs!).toBe(true);
  });

  it("with the Chat Completions model: Generation spans hold the messages, the ChatCompletion and its usage", async () => {
    agents.server.reply(
      "/v1/chat/completions",
      chatCompletion({ toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Oslo" } }], usage: { promptTokens: 20, completionTokens: 4 } }),
      chatCompletion({ content: "Sunny in Oslo.", usage: { promptTokens: 40, completionTokens: 6 } }),
    );
    const agent = new Agent({ name: "Weather agent", instructions: "Be brief", tools: [getWeather], model: agents.chatModel() });
    expect((await run(agent, "Weather in Oslo?")).finalOutput).toBe("Sunny in Oslo.");

    const trace = await agents.tracing.onlyTrace();
    const generations = trace.spans.filter((span) => span.name.startsWith("Generation"));
    expect(generations.map((span) => span.spanType)).toEqual([SpanType.CHAT_MODEL, SpanType.CHAT_MODEL]);
    const [first, second] = generations as [Span, Span];
    expect(first.inputs).toEqual({ model: "gpt-4o-mini", messages: [{ role: "system", content: "Be brief" }, { role: "user", content: "Weather in Oslo?" }] });
    expect((first.outputs as { choices: { message: { tool_calls: { function: { name: string } }[] } }[] }).choices[0]!.message.tool_calls[0]!.function.name).toBe("get_weather");
    expect(JSON.parse(first.attributes["mlflow.chat.tokenUsage"]!)).toMatchObject({ input_tokens: 20, output_tokens: 4, total_tokens: 24 });
    expect(JSON.parse(second.attributes["mlflow.chat.tokenUsage"]!)).toMatchObject({ input_tokens: 40, output_tokens: 6, total_tokens: 46 });
    expect(second.attributes["mlflow.llm.model"]).toBe(JSON.stringify("gpt-4o-mini-2024-07-18"));
    expect(trace.rootSpan!.outputs).toBe("Sunny in Oslo.");
    expect(only(trace, "get_weather").outputs).toBe("sunny in Oslo");
  });
});

describe("streaming", () => {
  it("a streamed run is traced once the stream is read: the Response span holds the completed response", async () => {
    agents.server.reply(RESPONSES, responseStream({ outputText: ["Hel", "lo ", "there"], usage: { inputTokens: 12, outputTokens: 3 } }));
    const agent = new Agent({ name: "Greeter", model: agents.responsesModel() });
    const result = await run(agent, "Say hello", { stream: true });
    let text = "";
    for await (const event of result.toTextStream()) text += event;
    await result.completed;
    expect(text).toBe("Hello there");

    const trace = await agents.tracing.onlyTrace();
    expect(shape(trace)).toEqual(["Agent workflow", [["Run", [["Greeter", [["Turn 1", ["Response"]]]]]]]]);
    const responseSpan = only(trace, "Response");
    expect((responseSpan.outputs as { status: string }).status).toBe("completed");
    expect(JSON.parse(responseSpan.attributes["mlflow.chat.tokenUsage"]!)).toMatchObject({ input_tokens: 12, output_tokens: 3, total_tokens: 15 });
    expect(trace.rootSpan!.outputs).toBe("Hello there");
    expect(trace.info.state).toBe("OK");
  });
});

describe("handoffs and guardrails", () => {
  it("a handoff is a span from one agent to the other, and the second agent's span follows", async () => {
    agents.server.reply(
      RESPONSES,
      response({ functionCalls: [{ callId: "call_h", name: "transfer_to_Spanish_agent", arguments: {} }] }),
      response({ outputText: "¡Hola!" }),
    );
    const spanish = new Agent({ name: "Spanish agent", instructions: "Answer in Spanish", model: agents.responsesModel() });
    const triage = new Agent({ name: "Triage agent", handoffs: [spanish], model: agents.responsesModel() });
    expect((await run(triage, "Hola")).finalOutput).toBe("¡Hola!");

    const trace = await agents.tracing.onlyTrace();
    const triageSpan = only(trace, "Triage agent");
    expect(triageSpan.attributes["openai_agents.handoffs"]).toBe(JSON.stringify(["Spanish agent"]));
    const handoff = only(trace, "Handoff");
    expect(handoff.spanType).toBe(SpanType.CHAIN);
    expect(handoff.inputs).toEqual({ from_agent: "Triage agent" });
    expect(handoff.outputs).toEqual({ to_agent: "Spanish agent" });
    expect(handoff.attributes["openai_agents.to_agent"]).toBe('"Spanish agent"');
    const spanishSpan = only(trace, "Spanish agent");
    expect(spanishSpan.spanType).toBe(SpanType.AGENT);
    expect(spanishSpan.startTimeNs >= handoff.startTimeNs).toBe(true);
    expect(trace.rootSpan!.outputs).toBe("¡Hola!");
  });

  it("an input guardrail is a GUARDRAIL span; a tripped one says so and the run's error passes through", async () => {
    agents.server.fallback(() => response({ outputText: "2" }));
    const agent = new Agent({
      name: "Math-free agent",
      model: agents.responsesModel(),
      inputGuardrails: [{ name: "no_math", execute: async ({ input }) => ({ tripwireTriggered: JSON.stringify(input).includes("+"), outputInfo: { checked: true } }) }],
    });
    await expect(run(agent, "1 + 1?")).rejects.toBeInstanceOf(InputGuardrailTripwireTriggered);
    expect((await run(agent, "Hello")).finalOutput).toBe("2");

    const traces = await agents.tracing.traces();
    expect(traces).toHaveLength(2);
    // The SDK never ends a failed run's trace: the processor closes it when the run's span ends, as failed.
    const tripped = traces.find((trace) => trace.info.state === "ERROR")!;
    const passed = traces.find((trace) => trace !== tripped)!;
    const trippedSpan = only(tripped, "no_math");
    expect(trippedSpan.spanType).toBe(SpanType.GUARDRAIL);
    expect(trippedSpan.outputs).toEqual({ triggered: true });
    expect(trippedSpan.attributes["openai_agents.guardrail.triggered"]).toBe("true");
    // The SDK marks the guarded agent's span as failed with the run's error, not the guardrail's.
    const agentSpan = only(tripped, "Math-free agent");
    expect(agentSpan.status.code).toBe(SpanStatusCode.ERROR);
    expect(String(agentSpan.events.find((event) => event.name === "exception")!.attributes["exception.message"])).toContain("InputGuardrailTripwireTriggered");
    expect(only(passed, "no_math").outputs).toEqual({ triggered: false });
    expect(only(passed, "Math-free agent").status.code).toBe(SpanStatusCode.OK);
  });
});

describe("failures", () => {
  it("a tool that throws is an ERROR TOOL span with an exception event; the run goes on as the SDK decides", async () => {
    agents.server.reply(RESPONSES, response({ functionCalls: [{ callId: "call_1", name: "lookup", arguments: { id: 7 } }] }), response({ outputText: "The lookup failed." }));
    const lookup = tool({
      name: "lookup",
      description: "Looks a record up",
      parameters: z.object({ id: z.number() }),
      execute: async () => {
        throw new Error("database is down");
      },
    });
    const agent = new Agent({ name: "Clerk", tools: [lookup], model: agents.responsesModel() });
    expect((await run(agent, "Find record 7")).finalOutput).toBe("The lookup failed.");

    const trace = await agents.tracing.onlyTrace();
    const toolSpan = only(trace, "lookup");
    expect(toolSpan.spanType).toBe(SpanType.TOOL);
    expect(toolSpan.inputs).toEqual({ id: 7 });
    expect(toolSpan.status.code).toBe(SpanStatusCode.ERROR);
    const exception = toolSpan.events.find((event) => event.name === "exception")!;
    expect(String(exception.attributes["exception.message"])).toContain("database is down");
    expect(trace.rootSpan!.status.code).toBe(SpanStatusCode.OK);
  });
});

describe("nesting", () => {
  it("a run inside withSpan nests under that span: one trace", async () => {
    agents.server.reply(RESPONSES, response({ outputText: "Done." }));
    const agent = new Agent({ name: "Worker", model: agents.responsesModel() });
    const output = await withSpan({ name: "handle request", spanType: SpanType.CHAIN }, async () => (await run(agent, "Work")).finalOutput);
    expect(output).toBe("Done.");

    const trace = await agents.tracing.onlyTrace();
    expect(shape(trace)).toEqual(["handle request", [["Agent workflow", [["Run", [["Worker", [["Turn 1", ["Response"]]]]]]]]]]);
    expect(trace.rootSpan!.outputs).toBe("Done.");
  });
});
