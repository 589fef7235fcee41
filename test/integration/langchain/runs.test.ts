/** LangChain.js runs through the real @langchain/core: chains, chat models, streams, tools, retrievers, errors. */
import { BaseRetriever } from "@langchain/core/retrievers";
import { Document } from "@langchain/core/documents";
import { AIMessage } from "@langchain/core/messages";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { RunnableLambda, RunnableSequence } from "@langchain/core/runnables";
import { tool } from "@langchain/core/tools";
import { FakeListChatModel, FakeLLM, FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { SpanType, withSpan, type Span, type Trace } from "../../../src/index.js";
import { autolog, TracedCallbackHandler } from "../../../src/integrations/langchain/index.js";
import { openRuns } from "../../../src/integrations/langchain/open-runs.js";
import { setupTracing, type TestTracing } from "../../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(openRuns.size).toBe(0);
});

function byName(trace: Trace, name: string): Span {
  const span = trace.spans.find((s) => s.name === name);
  if (span === undefined) throw new Error(`no span ${name} in ${trace.spans.map((s) => s.name).join(", ")}`);
  return span;
}

class CityRetriever extends BaseRetriever {
  override lc_namespace = ["test", "retrievers"];
  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    if (query === "fail") throw new Error("index offline");
    return [new Document({ pageContent: `Paris is in France (${query})`, metadata: { source: "atlas" }, id: "doc-1" })];
  }
}

const prompt = ChatPromptTemplate.fromMessages([
  ["system", "You answer briefly."],
  ["human", "{question}"],
]);

describe("TracedCallbackHandler", () => {
  it("a three-step RunnableSequence: a CHAIN root over the prompt, the chat model and the parser", async () => {
    const chain = RunnableSequence.from([prompt, new FakeListChatModel({ responses: ["Paris."] }), new StringOutputParser()]);
    const result = await chain.invoke({ question: "Capital of France?" }, { callbacks: [new TracedCallbackHandler()] });
    expect(result).toBe("Paris.");

    const trace = await tracing.onlyTrace();
    const root = trace.rootSpan!;
    expect(root.name).toBe("RunnableSequence");
    expect(root.spanType).toBe(SpanType.CHAIN);
    expect(root.inputs).toEqual({ question: "Capital of France?" });
    expect(root.outputs).toEqual({ output: "Paris." });
    expect(trace.children(root.spanId).map((s) => [s.name, s.spanType])).toEqual([
      ["ChatPromptTemplate", SpanType.CHAIN],
      ["FakeListChatModel", SpanType.CHAT_MODEL],
      ["StrOutputParser", SpanType.CHAIN],
    ]);
    const chat = byName(trace, "FakeListChatModel");
    expect(chat.inputs).toEqual({
      messages: [
        { role: "system", content: "You answer briefly." },
        { role: "user", content: "Capital of France?" },
      ],
    });
    expect(chat.outputs).toEqual({ object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "Paris." }, finish_reason: "stop" }] });
    expect(chat.getAttribute("mlflow.message.format")).toBe("openai");
    // The prompt's value is recorded as the messages it holds.
    expect(byName(trace, "ChatPromptTemplate").outputs).toEqual(chat.inputs);
    expect(chat.getAttribute("mlflow.llm.provider")).toBe("FakeListChatModel");
    expect(trace.spans.every((s) => s.status.code === "OK")).toBe(true);
  });

  it("nests under withSpan, and spans opened inside a tool's function nest under the tool's span", async () => {
    const lookup = tool(
      async ({ city }: { city: string }) => withSpan({ name: "weather-api", inputs: { city } }, () => `Sunny in ${city}`),
      { name: "get_weather", description: "Weather by city", schema: z.object({ city: z.string() }) },
    );
    const handler = new TracedCallbackHandler();
    const answer = await withSpan("turn", () => lookup.invoke({ city: "Paris" }, { callbacks: [handler] }));
    expect(answer).toBe("Sunny in Paris");

    const trace = await tracing.onlyTrace();
    const turn = byName(trace, "turn");
    const toolSpan = byName(trace, "get_weather");
    const api = byName(trace, "weather-api");
    expect(trace.rootSpan!.spanId).toBe(turn.spanId);
    expect(toolSpan.parentId).toBe(turn.spanId);
    expect(toolSpan.spanType).toBe(SpanType.TOOL);
    expect(toolSpan.inputs).toEqual({ city: "Paris" });
    expect(toolSpan.outputs).toBe("Sunny in Paris");
    expect(api.parentId).toBe(toolSpan.spanId);
  });

  it("a RunnableLambda's body runs with its span active too", async () => {
    const step = RunnableLambda.from(async (x: number) => withSpan("inner", () => x + 1));
    await step.invoke(1, { callbacks: [new TracedCallbackHandler()] });
    const trace = await tracing.onlyTrace();
    expect(byName(trace, "inner").parentId).toBe(trace.rootSpan!.spanId);
    expect(trace.rootSpan!.name).toBe("RunnableLambda");
  });

  it("a stream: tokens arrive through handleLLMNewToken, the span holds the whole answer and the time to the first token", async () => {
    const model = new FakeStreamingChatModel({ responses: [new AIMessage("Hi there")], sleep: 1 });
    let text = "";
    for await (const chunk of await model.stream("hello", { callbacks: [new TracedCallbackHandler()] })) text += String(chunk.content);
    expect(text).toBe("Hi there");

    const trace = await tracing.onlyTrace();
    const span = trace.rootSpan!;
    expect(span.spanType).toBe(SpanType.CHAT_MODEL);
    expect(span.inputs).toEqual({ messages: [{ role: "user", content: "hello" }] });
    expect(span.outputs).toMatchObject({ choices: [{ message: { role: "assistant", content: "Hi there" } }] });
    expect(typeof span.getAttribute("traced.llm.timeToFirstTokenMs")).toBe("number");
  });

  it("a chain streamed with .stream(): every step's span ends, the chain's with what was streamed", async () => {
    const chain = RunnableSequence.from([prompt, new FakeStreamingChatModel({ responses: [new AIMessage("Paris.")], sleep: 1 }), new StringOutputParser()]);
    const chunks: string[] = [];
    for await (const chunk of await chain.stream({ question: "Capital?" }, { callbacks: [new TracedCallbackHandler()] })) chunks.push(chunk);
    expect(chunks.join("")).toBe("Paris.");
    const trace = await tracing.onlyTrace();
    expect(trace.spans.map((s) => [s.name, s.status.code])).toEqual([
      ["RunnableSequence", "OK"],
      ["ChatPromptTemplate", "OK"],
      ["FakeStreamingChatModel", "OK"],
      ["StrOutputParser", "OK"],
    ]);
    expect(byName(trace, "FakeStreamingChatModel").outputs).toMatchObject({ choices: [{ message: { content: "Paris." } }] });
    expect(trace.rootSpan!.outputs).toEqual({ output: "Paris." });
  });

  it("a completion LLM: an LLM span with the prompts in and the generations out", async () => {
    expect(await new FakeLLM({ response: "Bonjour" }).invoke("Say hello in French", { callbacks: [new TracedCallbackHandler()] })).toBe("Bonjour");
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.spanType).toBe(SpanType.LLM);
    expect(span.name).toBe("FakeLLM");
    expect(span.inputs).toEqual({ prompts: ["Say hello in French"] });
    expect(span.outputs).toMatchObject({ generations: [[{ text: "Bonjour" }]] });
  });

  it("a retriever: a RETRIEVER span whose outputs are MLflow's documents", async () => {
    const docs = await new CityRetriever().invoke("capital", { callbacks: [new TracedCallbackHandler()] });
    expect(docs).toHaveLength(1);
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.name).toBe("CityRetriever");
    expect(span.spanType).toBe(SpanType.RETRIEVER);
    expect(span.inputs).toEqual({ query: "capital" });
    expect(span.outputs).toEqual([{ page_content: "Paris is in France (capital)", metadata: { source: "atlas" }, id: "doc-1" }]);
  });

  it("errors: the run's span ends ERROR with the exception, and the app gets its own error", async () => {
    const broken = tool(async () => {
      throw new Error("weather service down");
    }, { name: "get_weather", schema: z.object({ city: z.string() }) });
    const chain = RunnableSequence.from([RunnableLambda.from((q: string) => ({ city: q })), broken, new StringOutputParser()]);
    await expect(chain.invoke("Paris", { callbacks: [new TracedCallbackHandler()] })).rejects.toThrow("weather service down");
    await expect(new CityRetriever().invoke("fail", { callbacks: [new TracedCallbackHandler()] })).rejects.toThrow("index offline");
    const failing = new FakeStreamingChatModel({ thrownErrorString: "rate limited" });
    await expect(failing.invoke("hi", { callbacks: [new TracedCallbackHandler()] })).rejects.toThrow("rate limited");

    const [chainTrace, retrieverTrace, modelTrace] = await tracing.traces();
    for (const span of [byName(chainTrace!, "get_weather"), chainTrace!.rootSpan!, retrieverTrace!.rootSpan!, modelTrace!.rootSpan!]) {
      expect(span.status.code).toBe("ERROR");
      expect(span.events.some((e) => e.name === "exception")).toBe(true);
    }
    expect(byName(chainTrace!, "get_weather").events.find((e) => e.name === "exception")!.attributes["exception.message"]).toBe("weather service down");
    expect(modelTrace!.rootSpan!.spanType).toBe(SpanType.CHAT_MODEL);
  });

  it("a failure inside the handler is reported once and never reaches the app", async () => {
    vi.spyOn(openRuns, "set").mockImplementation(() => {
      throw new Error("bookkeeping broke");
    });
    const chain = RunnableSequence.from([prompt, new FakeListChatModel({ responses: ["Paris."] }), new StringOutputParser()]);
    expect(await chain.invoke({ question: "Capital?" }, { callbacks: [new TracedCallbackHandler()] })).toBe("Paris.");
    expect(await chain.invoke({ question: "Capital?" }, { callbacks: [new TracedCallbackHandler()] })).toBe("Paris.");
    const codes = tracing.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === "langchain-handleChainStart-failed")).toHaveLength(1);
    expect(codes).toContain("langchain-handleChatModelStart-failed");
    vi.restoreAllMocks();
    openRuns.clear();
  });
});

describe("autolog", () => {
  afterEach(() => autolog({ disable: true }));

  it("traces runs given no callbacks, once each even when a handler is also passed, and stops when disabled", async () => {
    autolog();
    const chain = RunnableSequence.from([prompt, new FakeListChatModel({ responses: ["Paris."] }), new StringOutputParser()]);
    expect(await chain.invoke({ question: "Capital?" })).toBe("Paris.");
    expect(await chain.invoke({ question: "Capital?" }, { callbacks: [new TracedCallbackHandler()] })).toBe("Paris.");
    const traces = await tracing.traces();
    expect(traces.map((t) => t.spans.length)).toEqual([4, 4]);

    autolog({ disable: true });
    expect(await chain.invoke({ question: "Capital?" })).toBe("Paris.");
    expect(await tracing.traces()).toEqual([]);
  });
});
