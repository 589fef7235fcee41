/**
 * @openai/agents 0.20 (with openai 7, under Node 22 from test/toolchains): an app folder with
 * the built traced runs agents against the wire server started here (fixtures/agents20-app.mjs):
 * a function tool, the Chat Completions model, a handoff, a tripped input guardrail and a
 * streamed run under a traced span. 0.14.3 (the root's dev dependency) is tested under Node 20
 * by the other files here.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatCompletion, response, responseStream } from "../../support/llm-replies/openai.js";
import { startLlmWireServer, type LlmWireServer } from "../../support/llm-wire-server.js";
import { makeNode22App, runNode22App } from "../../support/node22-app.js";
import { ensureToolchains } from "../../support/toolchains.js";

interface SpanRow {
  name: string;
  parent: string | null;
  type: string;
  status: string;
  inputs?: any;
  outputs?: any;
  usage: Record<string, number> | null;
  model: string | null;
  handoffs: string[] | null;
  exception: string | null;
}
interface TraceRow {
  state: string;
  tokenUsage: Record<string, number> | null;
  spans: SpanRow[];
}

let server: LlmWireServer;
let results: Record<string, any>;
let traces: TraceRow[];
const tree = (trace: TraceRow) => trace.spans.map((span) => `${span.parent ?? "-"} > ${span.name}`);
const only = (trace: TraceRow, name: string) => {
  const spans = trace.spans.filter((span) => span.name === name);
  expect(spans, name).toHaveLength(1);
  return spans[0]!;
};

beforeAll(async () => {
  ensureToolchains();
  server = await startLlmWireServer();
  const RESPONSES = "/v1/responses";
  server.reply(
    RESPONSES,
    // The tool run.
    response({ functionCalls: [{ callId: "call_1", name: "get_weather", arguments: { city: "Paris" } }], usage: { inputTokens: 30, outputTokens: 7 } }),
    response({ outputText: "Sunny in Paris.", usage: { inputTokens: 50, outputTokens: 5 } }),
    // The handoff.
    response({ functionCalls: [{ callId: "call_h", name: "transfer_to_Spanish_agent", arguments: {} }] }),
    response({ outputText: "¡Hola!" }),
    // The streamed run (the tripped guardrail stops its run before any model call).
    responseStream({ outputText: ["Hel", "lo ", "there"], usage: { inputTokens: 12, outputTokens: 3 } }),
  );
  server.reply(
    "/v1/chat/completions",
    chatCompletion({ toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Oslo" } }], usage: { promptTokens: 20, completionTokens: 4 } }),
    chatCompletion({ content: "Sunny in Oslo.", usage: { promptTokens: 40, completionTokens: 6 } }),
  );
  const app = makeNode22App("agents20", { "@openai/agents": "agents20", openai: "openai", zod: "zod" }, join(import.meta.dirname, "fixtures/agents20-app.mjs"));
  results = await runNode22App(app, "agents20-app.mjs", { LLM_URL: `${server.url}/v1`, NODE_ENV: "production" });
  traces = results.traces;
}, 600_000);
afterAll(() => server?.close());

describe("@openai/agents 0.20 under Node 22", () => {
  it("every run returns the SDK's own result and is one trace; nothing reported but unpriced models", () => {
    expect(results).toMatchObject({ tool: "Sunny in Paris.", chat: "Sunny in Oslo.", handoff: "¡Hola!", tripped: true, streamed: "Hello there" });
    expect(traces).toHaveLength(5);
    expect(results.diagnostics.filter((code: string) => !code.startsWith("cost-unknown-model"))).toEqual([]);
  });

  it("a run with a function tool: the agent, two Responses calls with usage, the tool between them; the OpenAI SDK's autolog adds no span", () => {
    const trace = traces[0]!;
    expect(tree(trace)).toEqual(["- > Agent workflow", "Agent workflow > Run", "Run > Weather agent", "Weather agent > Turn 1", "Turn 1 > Response", "Turn 1 > get_weather", "Weather agent > Turn 2", "Turn 2 > Response"]);
    expect(trace.spans[0]).toMatchObject({ type: "CHAIN", status: "OK", outputs: "Sunny in Paris." });
    expect(only(trace, "Weather agent").type).toBe("AGENT");
    const calls = trace.spans.filter((span) => span.name === "Response");
    expect(calls.map((span) => [span.type, span.model, span.usage?.total_tokens])).toEqual([
      ["CHAT_MODEL", "gpt-4o-mini-2024-07-18", 37],
      ["CHAT_MODEL", "gpt-4o-mini-2024-07-18", 55],
    ]);
    expect(calls[0]!.inputs.input).toEqual([{ type: "message", role: "user", content: "Weather in Paris?" }]);
    expect(only(trace, "get_weather")).toMatchObject({ type: "TOOL", inputs: { city: "Paris" }, outputs: "sunny in Paris" });
    expect(trace.tokenUsage).toEqual({ input_tokens: 80, output_tokens: 12, total_tokens: 92 });
  });

  it("the Chat Completions model: Generation spans with the messages, the ChatCompletion and usage", () => {
    const trace = traces[1]!;
    const generations = trace.spans.filter((span) => span.name === "Generation");
    expect(generations.map((span) => [span.type, span.usage?.total_tokens])).toEqual([
      ["CHAT_MODEL", 24],
      ["CHAT_MODEL", 46],
    ]);
    expect(generations[0]!.inputs).toEqual({ model: "gpt-4o-mini", messages: [{ role: "system", content: "Be brief" }, { role: "user", content: "Weather in Oslo?" }] });
    expect(generations[0]!.outputs.choices[0].message.tool_calls[0].function.name).toBe("get_weather");
    expect(only(trace, "get_weather").outputs).toBe("sunny in Oslo");
    expect(trace.spans[0]!.outputs).toBe("Sunny in Oslo.");
  });

  it("a handoff: a CHAIN span from one agent to the other, the second agent's span after it", () => {
    const trace = traces[2]!;
    expect(only(trace, "Triage agent").handoffs).toEqual(["Spanish agent"]);
    expect(only(trace, "Handoff")).toMatchObject({ type: "CHAIN", inputs: { from_agent: "Triage agent" }, outputs: { to_agent: "Spanish agent" } });
    expect(only(trace, "Spanish agent").type).toBe("AGENT");
    expect(trace.spans[0]!.outputs).toBe("¡Hola!");
  });

  it("a tripped input guardrail: a GUARDRAIL span that says so, the agent ERROR with the run's error, the trace ERROR", () => {
    const trace = traces[3]!;
    expect(trace.state).toBe("ERROR");
    expect(only(trace, "no_math")).toMatchObject({ type: "GUARDRAIL", outputs: { triggered: true } });
    const agent = only(trace, "Math-free agent");
    expect(agent.status).toBe("ERROR");
    expect(agent.exception).toContain("InputGuardrailTripwireTriggered");
  });

  it("a streamed run under a traced span: one trace, the Response span holds the completed response", () => {
    const trace = traces[4]!;
    expect(tree(trace)).toEqual(["- > request", "request > Agent workflow", "Agent workflow > Run", "Run > Greeter", "Greeter > Turn 1", "Turn 1 > Response"]);
    const call = only(trace, "Response");
    expect(call.outputs.status).toBe("completed");
    expect(call.usage).toMatchObject({ input_tokens: 12, output_tokens: 3, total_tokens: 15 });
    expect(trace.state).toBe("OK");
  });
});
