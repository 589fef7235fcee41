/** A LangGraph.js StateGraph (model node → ToolNode → model node) through the real @langchain/langgraph, invoked and streamed. */
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { SpanType, trace as traced, withSpan } from "../../../src/index.js";
import { TracedCallbackHandler } from "../../../src/integrations/langchain/index.js";
import { openRuns } from "../../../src/integrations/langchain/open-runs.js";
import { setupTracing, type TestTracing } from "../../support/tracing.js";
import { ScriptedChatModel } from "./scripted-model.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

const fetchForecast = traced((city: string) => `Sunny in ${city}`, { name: "fetchForecast" });
const getWeather = tool(async ({ city }: { city: string }) => fetchForecast(city), { name: "get_weather", description: "Weather by city", schema: z.object({ city: z.string() }) });

function weatherGraph() {
  const model = new ScriptedChatModel([
    new AIMessage({ content: "", tool_calls: [{ id: "call_1", name: "get_weather", args: { city: "Paris" } }] }),
    new AIMessage("It is sunny in Paris."),
  ]).bindTools([getWeather]);
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode("tools", new ToolNode([getWeather]))
    .addEdge(START, "agent")
    .addConditionalEdges("agent", (state) => ((state.messages.at(-1) as AIMessage).tool_calls?.length ? "tools" : END))
    .addEdge("tools", "agent")
    .compile();
}

describe("LangGraph", () => {
  it("the graph and its nodes are AGENT spans; the model calls CHAT_MODEL with usage and tools; the tool call TOOL", async () => {
    const result = await withSpan("request", () => weatherGraph().invoke({ messages: [new HumanMessage("Weather in Paris?")] }, { callbacks: [new TracedCallbackHandler()] }));
    expect(result.messages.at(-1)!.content).toBe("It is sunny in Paris.");
    expect(openRuns.size).toBe(0);

    const trace = await tracing.onlyTrace();
    const graph = trace.spans.find((s) => s.name === "LangGraph")!;
    expect(graph.spanType).toBe(SpanType.AGENT);
    expect(graph.parentId).toBe(trace.rootSpan!.spanId);
    const nodes = trace.children(graph.spanId);
    expect(nodes.map((s) => [s.name, s.spanType])).toEqual([
      ["__start__", SpanType.CHAIN],
      // traced numbers repeated span names in a trace, as MLflow does.
      ["agent_1", SpanType.AGENT],
      ["tools", SpanType.AGENT],
      ["agent_2", SpanType.AGENT],
    ]);

    const chats = trace.spans.filter((s) => s.spanType === SpanType.CHAT_MODEL);
    expect(chats).toHaveLength(2);
    expect(chats.map((s) => trace.spans.find((p) => p.spanId === s.parentId)!.name)).toEqual(["agent_1", "agent_2"]);
    const [first, second] = chats as [(typeof chats)[0], (typeof chats)[0]];
    expect(first.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 10, output_tokens: 3, total_tokens: 13 });
    expect(first.getAttribute("mlflow.llm.model")).toBe("scripted-1");
    expect(first.getAttribute("mlflow.chat.tools")).toEqual([{ type: "function", function: { name: "get_weather", description: "Weather by city" } }]);
    expect(first.outputs).toEqual({
      object: "chat.completion",
      model: "scripted-1",
      choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] }, finish_reason: "tool_calls" }],
    });
    expect(second.inputs).toMatchObject({
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1" }] },
        { role: "tool", content: "Sunny in Paris", tool_call_id: "call_1" },
      ],
    });
    expect(JSON.parse(trace.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 30, output_tokens: 6, total_tokens: 36 });

    const toolSpan = trace.spans.find((s) => s.spanType === SpanType.TOOL)!;
    expect(toolSpan.name).toBe("get_weather");
    expect(toolSpan.inputs).toEqual({ city: "Paris" });
    expect(toolSpan.outputs).toBe("Sunny in Paris");
    expect(trace.spans.find((s) => s.spanId === toolSpan.parentId)!.name).toBe("tools");
    // The traced function the tool calls nests under the tool's span.
    expect(trace.spans.find((s) => s.name === "fetchForecast")!.parentId).toBe(toolSpan.spanId);
    expect(graph.outputs).toMatchObject({ messages: [{ role: "user" }, { role: "assistant" }, { role: "tool" }, { role: "assistant", content: "It is sunny in Paris." }] });
  });

  it("a streamed graph run (graph.stream): the same spans, each ended, the chunks as LangGraph streams them", async () => {
    const stream = await weatherGraph().stream({ messages: [new HumanMessage("Weather in Paris?")] }, { callbacks: [new TracedCallbackHandler()] });
    const updates: string[] = [];
    for await (const chunk of stream) updates.push(...Object.keys(chunk));
    expect(updates).toEqual(["agent", "tools", "agent"]);
    expect(openRuns.size).toBe(0);

    const trace = await tracing.onlyTrace();
    expect(trace.rootSpan!.name).toBe("LangGraph");
    expect(trace.rootSpan!.spanType).toBe(SpanType.AGENT);
    expect(trace.children(trace.rootSpan!.spanId).map((s) => s.name)).toEqual(["__start__", "agent_1", "tools", "agent_2"]);
    expect(trace.spans.filter((s) => s.spanType === SpanType.CHAT_MODEL)).toHaveLength(2);
    expect(trace.spans.find((s) => s.spanType === SpanType.TOOL)!.outputs).toBe("Sunny in Paris");
    expect(trace.spans.every((s) => s.endTimeNs !== null && s.status.code === "OK")).toBe(true);
    expect(JSON.parse(trace.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 30, output_tokens: 6, total_tokens: 36 });
  });
});
