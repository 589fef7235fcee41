/** How traced's Agents processor is turned on and off, lives beside traced/openai's autolog, and never breaks a run. */
import { Agent, createCustomSpan, run, setTraceProcessors, tool, withCustomSpan, withTrace } from "@openai/agents";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { disable, enable, SpanStatusCode, SpanType, withSpan } from "../../../src/index.js";
import { autolog, tracedAgentsProcessor } from "../../../src/integrations/openai-agents/index.js";
import { autolog as openaiAutolog } from "../../../src/integrations/openai/index.js";
import { response } from "../../support/llm-replies/openai.js";
import { shape } from "../../support/tracing.js";
import { useAgents } from "./agents-fixture.js";

const agents = useAgents();
const RESPONSES = "/v1/responses";

describe("autolog", () => {
  it("autolog({ disable: true }) stops tracing runs; autolog() twice still records each span once", async () => {
    agents.server.fallback(() => response({ outputText: "ok" }));
    const agent = new Agent({ name: "Echo", model: agents.responsesModel() });
    autolog();
    autolog();
    await run(agent, "one");
    expect((await agents.tracing.onlyTrace()).spans.map((span) => span.name)).toEqual(["Agent workflow", "Run", "Echo", "Turn 1", "Response"]);

    autolog({ disable: true });
    expect((await run(agent, "two")).finalOutput).toBe("ok");
    expect(await agents.tracing.traces()).toEqual([]);
    expect(() => autolog({ disable: "yes" } as never)).toThrow(/"disable" must be a boolean/);
    expect(() => autolog({ other: true } as never)).toThrow(/unknown option "other"/);
  });

  it("tracedAgentsProcessor() works as the SDK's only processor; autolog() registers again after setTraceProcessors dropped it", async () => {
    agents.server.fallback(() => response({ outputText: "ok" }));
    const agent = new Agent({ name: "Echo", model: agents.responsesModel() });
    autolog();
    setTraceProcessors([tracedAgentsProcessor()]);
    try {
      await run(agent, "hi");
    } finally {
      setTraceProcessors([]);
    }
    expect((await agents.tracing.onlyTrace()).rootSpan!.outputs).toBe("ok");
    autolog();
    await run(agent, "again");
    expect((await agents.tracing.onlyTrace()).rootSpan!.inputs).toEqual([{ type: "message", role: "user", content: "again" }]);
  });

  it("with traced disabled the run is untouched and nothing is recorded", async () => {
    agents.server.reply(RESPONSES, response({ outputText: "ok" }));
    autolog();
    disable();
    try {
      expect((await run(new Agent({ name: "Echo", model: agents.responsesModel() }), "hi")).finalOutput).toBe("ok");
    } finally {
      enable();
    }
    expect(await agents.tracing.traces()).toEqual([]);
    agents.server.reply(RESPONSES, response({ outputText: "ok" }));
    await run(new Agent({ name: "Echo", model: agents.responsesModel() }), "hi");
    expect(await agents.tracing.traces()).toHaveLength(1);
  });
});

describe("with traced/openai's autolog on too", () => {
  it("a model call made by the Agents SDK is one CHAT_MODEL span, in the agent's tree; other OpenAI calls are still traced", async () => {
    agents.server.reply(
      RESPONSES,
      response({ functionCalls: [{ callId: "call_1", name: "ask_model", arguments: { question: "2+2" } }] }),
      response({ outputText: "4" }),
      response({ outputText: "The answer is 4." }),
    );
    // A tool that calls the OpenAI SDK itself: that call is the app's, not the Agents SDK's.
    const client = agents.responsesModel();
    const askModel = tool({
      name: "ask_model",
      description: "Asks another model",
      parameters: z.object({ question: z.string() }),
      execute: async ({ question }) => {
        const reply = await (client as unknown as { _client: import("openai").OpenAI })._client.responses.create({ model: "gpt-4o-mini", input: question });
        return reply.output_text;
      },
    });
    autolog();
    openaiAutolog();
    const output = await withSpan("request", async () => (await run(new Agent({ name: "Asker", tools: [askModel], model: agents.responsesModel() }), "What is 2+2?")).finalOutput);
    expect(output).toBe("The answer is 4.");

    const trace = await agents.tracing.onlyTrace();
    const chatModels = trace.spans.filter((span) => span.spanType === SpanType.CHAT_MODEL).map((span) => span.name);
    // Two Agents SDK model calls (its Response spans) and the tool's own call (traced/openai's span).
    expect(chatModels.sort()).toEqual(["Response_1", "Response_2", "Responses.create"]);
    // traced/openai's span opens under the tool's span, active in traced's context while the tool runs.
    expect(shape(trace)).toEqual(["request", [["Agent workflow", [["Run", [["Asker", [["Turn 1", ["Response_1", ["ask_model", ["Responses.create"]]]], ["Turn 2", ["Response_2"]]]]]]]]]]);
  });
});

describe("robustness", () => {
  it("an SDK span never ended is closed with its trace; custom spans are CHAIN spans with their data", async () => {
    autolog();
    await withTrace("my workflow", async () => {
      await withCustomSpan(async () => "done", { data: { name: "prepare", data: { step: 1 } } });
      createCustomSpan({ data: { name: "forgotten", data: {} } }).start();
    });
    const trace = await agents.tracing.onlyTrace();
    expect(shape(trace)).toEqual(["my workflow", ["prepare", "forgotten"]]);
    const prepare = trace.spans.find((span) => span.name === "prepare")!;
    expect(prepare.spanType).toBe(SpanType.CHAIN);
    expect(prepare.inputs).toEqual({ step: 1 });
    const forgotten = trace.spans.find((span) => span.name === "forgotten")!;
    expect(forgotten.endTimeNs).not.toBeNull();
    expect(trace.info.state).toBe("OK");
  });

  it("a failed run's trace is closed as failed; if the app's withTrace goes on, the rest is a trace of its own", async () => {
    agents.server.fallback(() => response({ outputText: "ok" }));
    autolog();
    const guarded = new Agent({
      name: "Guarded",
      model: agents.responsesModel(),
      inputGuardrails: [{ name: "always", execute: async () => ({ tripwireTriggered: true, outputInfo: {} }) }],
    });
    const open = new Agent({ name: "Open", model: agents.responsesModel() });
    const output = await withTrace("two tries", async () => {
      await run(guarded, "first").catch(() => undefined);
      return (await run(open, "second")).finalOutput;
    });
    expect(output).toBe("ok");

    const traces = await agents.tracing.traces();
    expect(traces.map((trace) => [trace.rootSpan!.name, trace.info.state])).toEqual([
      ["two tries", "ERROR"],
      ["two tries", "OK"],
    ]);
    expect(traces[0]!.spans.some((span) => span.name === "Guarded")).toBe(true);
    expect(traces[1]!.spans.some((span) => span.name === "Open")).toBe(true);
    expect(traces[1]!.rootSpan!.outputs).toBe("ok");
  });

  it("a processor method that fails resolves, reports once, and the run goes on", async () => {
    const processor = tracedAgentsProcessor();
    const hostile = {
      traceId: "trace_x",
      get spanData(): never {
        throw new Error("hostile span");
      },
    };
    await processor.onTraceStart({ traceId: "trace_x", name: "x", groupId: null } as never);
    await expect(processor.onSpanStart(hostile as never)).resolves.toBeUndefined();
    await expect(processor.onSpanStart(hostile as never)).resolves.toBeUndefined();
    await processor.onTraceEnd({ traceId: "trace_x" } as never);
    expect(agents.tracing.diagnostics.filter((d) => d.code === "openai-agents-onSpanStart-failed")).toHaveLength(1);
    expect((await agents.tracing.onlyTrace()).rootSpan!.status.code).toBe(SpanStatusCode.OK);

    agents.server.reply(RESPONSES, response({ outputText: "still fine" }));
    autolog();
    expect((await run(new Agent({ name: "Echo", model: agents.responsesModel() }), "hi")).finalOutput).toBe("still fine");
  });
});
