/** Code a tool runs nests under the tool's TOOL span; Response spans name the request's tools. */
import { Agent, run, tool } from "@openai/agents";
import type OpenAI from "openai";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { SpanType, trace, withSpan, type Span, type Trace } from "../../../src/index.js";
import { autolog } from "../../../src/integrations/openai-agents/index.js";
import { autolog as openaiAutolog } from "../../../src/integrations/openai/index.js";
import { response } from "../../support/llm-replies/openai.js";
import type { RecordedRequest } from "../../support/llm-wire-server.js";
import { shape } from "../../support/tracing.js";
import { useAgents } from "./agents-fixture.js";

const agents = useAgents();
const RESPONSES = "/v1/responses";

const lookUpCity = trace(async (city: string) => ({ city, country: city === "Paris" ? "France" : "Norway" }), { name: "look_up_city" });

const getWeather = tool({
  name: "get_weather",
  description: "The weather in a city",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => {
    const place = await lookUpCity(city);
    return withSpan({ name: "format_forecast", spanType: SpanType.PARSER }, async () => `sunny in ${place.city}, ${place.country}`);
  },
});

function only(trace: Trace, name: string): Span {
  const spans = trace.spans.filter((span) => span.name === name);
  expect(spans, name).toHaveLength(1);
  return spans[0]!;
}

const parentName = (trace: Trace, span: Span) => trace.spans.find((candidate) => candidate.spanId === span.parentId)?.name;

/** The real API echoes the request's tools in the Response; the wire server's canned replies do it here. */
function echoingTools(reply: ReturnType<typeof response>, request: RecordedRequest): ReturnType<typeof response> {
  (reply.body as Record<string, unknown>).tools = (request.body as { tools?: unknown }).tools ?? [];
  return reply;
}

beforeEach(() => autolog());

describe("spans opened inside a tool", () => {
  it("a trace()'d function and withSpan called by the tool nest under its TOOL span; after the run, the app's span is active again", async () => {
    agents.server.reply(RESPONSES, response({ functionCalls: [{ callId: "call_1", name: "get_weather", arguments: { city: "Paris" } }] }), response({ outputText: "Sunny in Paris." }));
    const agent = new Agent({ name: "Weather agent", tools: [getWeather], model: agents.responsesModel() });
    await withSpan("request", async () => {
      expect((await run(agent, "Weather in Paris?")).finalOutput).toBe("Sunny in Paris.");
      await withSpan("after the run", async () => "done");
    });

    const recorded = await agents.tracing.onlyTrace();
    expect(shape(recorded)).toEqual([
      "request",
      [["Agent workflow", [["Run", [["Weather agent", [["Turn 1", ["Response_1", ["get_weather", ["look_up_city", "format_forecast"]]]], ["Turn 2", ["Response_2"]]]]]]]], "after the run"],
    ]);
    const toolSpan = only(recorded, "get_weather");
    expect(toolSpan.spanType).toBe(SpanType.TOOL);
    expect(toolSpan.outputs).toBe("sunny in Paris, France");
    expect(only(recorded, "look_up_city").outputs).toEqual({ city: "Paris", country: "France" });
    const format = only(recorded, "format_forecast");
    expect(format.spanType).toBe(SpanType.PARSER);
    expect(format.startTimeNs >= toolSpan.startTimeNs && format.endTimeNs! <= toolSpan.endTimeNs!).toBe(true);
  });

  it("two tool calls run together: each tool's spans nest under its own TOOL span", async () => {
    agents.server.reply(
      RESPONSES,
      response({
        functionCalls: [
          { callId: "call_1", name: "get_weather", arguments: { city: "Paris" } },
          { callId: "call_2", name: "get_weather", arguments: { city: "Oslo" } },
        ],
      }),
      response({ outputText: "Sunny in both." }),
    );
    const agent = new Agent({ name: "Weather agent", tools: [getWeather], model: agents.responsesModel() });
    expect((await run(agent, "Weather in Paris and Oslo?")).finalOutput).toBe("Sunny in both.");

    const recorded = await agents.tracing.onlyTrace();
    // Sibling spans of one name are numbered in order of start.
    const tools = recorded.spans.filter((span) => span.name.startsWith("get_weather"));
    expect(tools).toHaveLength(2);
    for (const toolSpan of tools) {
      const children = recorded.children(toolSpan.spanId);
      expect(children.map((child) => child.name.replace(/_\d$/, ""))).toEqual(["look_up_city", "format_forecast"]);
      const city = (toolSpan.inputs as { city: string }).city;
      expect(children[0]!.outputs).toMatchObject({ city });
    }
  });

  it("an OpenAI call the tool makes, traced by traced/openai, nests under the TOOL span", async () => {
    agents.server.reply(
      RESPONSES,
      response({ functionCalls: [{ callId: "call_1", name: "ask_model", arguments: { question: "2+2" } }] }),
      response({ outputText: "4" }),
      response({ outputText: "The answer is 4." }),
    );
    const model = agents.responsesModel();
    const client = (model as unknown as { _client: OpenAI })._client;
    const askModel = tool({
      name: "ask_model",
      description: "Asks another model",
      parameters: z.object({ question: z.string() }),
      execute: async ({ question }) => (await client.responses.create({ model: "gpt-4o-mini", input: question })).output_text,
    });
    openaiAutolog();
    expect((await run(new Agent({ name: "Asker", tools: [askModel], model }), "What is 2+2?")).finalOutput).toBe("The answer is 4.");

    const recorded = await agents.tracing.onlyTrace();
    const call = only(recorded, "Responses.create");
    expect(call.spanType).toBe(SpanType.CHAT_MODEL);
    expect(parentName(recorded, call)).toBe("ask_model");
    expect(call.outputs).toMatchObject({ output_text: "4" });
  });
});

describe("mlflow.chat.tools", () => {
  it("Response spans hold the request's tools as traced/openai records them", async () => {
    let calls = 0;
    agents.server.fallback((request) =>
      echoingTools(calls++ === 0 ? response({ functionCalls: [{ callId: "call_1", name: "get_weather", arguments: { city: "Oslo" } }] }) : response({ outputText: "Sunny." }), request),
    );
    const agent = new Agent({ name: "Weather agent", tools: [getWeather], model: agents.responsesModel() });
    expect((await run(agent, "Weather in Oslo?")).finalOutput).toBe("Sunny.");

    const recorded = await agents.tracing.onlyTrace();
    for (const name of ["Response_1", "Response_2"]) {
      const tools = JSON.parse(only(recorded, name).attributes["mlflow.chat.tools"]!) as { type: string; function: { name: string; description?: string; parameters?: { properties?: object } } }[];
      expect(tools).toHaveLength(1);
      expect(tools[0]!.type).toBe("function");
      expect(tools[0]!.function.name).toBe("get_weather");
      expect(tools[0]!.function.description).toBe("The weather in a city");
      expect(tools[0]!.function.parameters?.properties).toHaveProperty("city");
    }
  });

  it("a Response without tools has no mlflow.chat.tools", async () => {
    agents.server.fallback((request) => echoingTools(response({ outputText: "Hi." }), request));
    expect((await run(new Agent({ name: "Greeter", model: agents.responsesModel() }), "Hello")).finalOutput).toBe("Hi.");
    expect((await agents.tracing.onlyTrace()).spans.find((span) => span.name === "Response")!.attributes).not.toHaveProperty("mlflow.chat.tools");
  });
});
