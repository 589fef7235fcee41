/**
 * LangChain.js and LangGraph.js traced by `traced/langchain`, offline: a prompt → chat model →
 * parser chain on LangChain's fake chat model, and a LangGraph agent whose scripted model asks
 * for a tool, then answers. `autolog()` traces every run; the trace trees print as they finish.
 */
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { type ChatResult } from "@langchain/core/outputs";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { RunnableSequence } from "@langchain/core/runnables";
import { tool } from "@langchain/core/tools";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { ConsoleExporter, SpanType, configure, flushTraces, trace, withSpan } from "traced";
import { autolog } from "traced/langchain";
import { z } from "zod";

/** A chat model that answers with its replies in turn and reports token usage, as a provider's would. */
class ScriptedChatModel extends BaseChatModel {
  private turn = 0;
  constructor(private readonly replies: AIMessage[]) {
    super({});
  }
  _llmType(): string {
    return "scripted";
  }
  async _generate(_messages: BaseMessage[]): Promise<ChatResult> {
    const reply = this.replies[this.turn++ % this.replies.length]!;
    const message = new AIMessage({ content: reply.content, tool_calls: reply.tool_calls ?? [], usage_metadata: { input_tokens: 40, output_tokens: 12, total_tokens: 52 } });
    return { generations: [{ text: String(reply.content), message }] };
  }
}

configure({ destination: new ConsoleExporter({ previewChars: 70 }) });
autolog();

// A plain function traced with trace(): called by the tool, its span nests under the tool's.
const forecast = trace((city: string) => `Sunny, 21°C in ${city}`, { name: "forecast", spanType: SpanType.RETRIEVER });
const getWeather = tool(async ({ city }: { city: string }) => forecast(city), {
  name: "get_weather",
  description: "Today's weather in a city",
  schema: z.object({ city: z.string() }),
});

const chain = RunnableSequence.from([
  ChatPromptTemplate.fromMessages([
    ["system", "You answer in one word."],
    ["human", "{question}"],
  ]),
  new FakeListChatModel({ responses: ["Paris."] }),
  new StringOutputParser(),
]);
console.log("chain:", await chain.invoke({ question: "Capital of France?" }));

const model = new ScriptedChatModel([new AIMessage({ content: "", tool_calls: [{ id: "call_1", name: "get_weather", args: { city: "Paris" } }] }), new AIMessage("It is sunny in Paris today.")]);
const graph = new StateGraph(MessagesAnnotation)
  .addNode("agent", async (state) => ({ messages: [await model.invoke(state.messages)] }))
  .addNode("tools", new ToolNode([getWeather]))
  .addEdge(START, "agent")
  .addConditionalEdges("agent", (state) => ((state.messages.at(-1) as AIMessage).tool_calls?.length ? "tools" : END))
  .addEdge("tools", "agent")
  .compile();
const result = await withSpan({ name: "weather_request", spanType: SpanType.AGENT }, () => graph.invoke({ messages: [new HumanMessage("What's the weather in Paris?")] }));
console.log("graph:", result.messages.at(-1)?.content);

await flushTraces();
