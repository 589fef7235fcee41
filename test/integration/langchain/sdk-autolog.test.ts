/**
 * A LangChain chat model that wraps the `openai` SDK (as ChatOpenAI does), with traced/langchain's
 * and traced/openai's autolog both on: one model call is one CHAT_MODEL span (the LangChain
 * run's), and the trace counts its tokens once. An app's own direct SDK call outside any model
 * run is still traced by traced/openai.
 */
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { RunnableSequence } from "@langchain/core/runnables";
import { afterEach, describe, expect, it } from "vitest";
import { SpanType, withSpan } from "../../../src/index.js";
import { autolog } from "../../../src/integrations/langchain/index.js";
import { openRuns } from "../../../src/integrations/langchain/open-runs.js";
import { autolog as openaiAutolog } from "../../../src/integrations/openai/index.js";
import { chatCompletion, openaiError } from "../../support/llm-replies/openai.js";
import { CHAT_PATH, useOpenAI } from "../../support/openai-fixture.js";
import { shape } from "../../support/tracing.js";
import { OpenAIBackedChatModel } from "./openai-backed-model.js";

const openai = useOpenAI();
const prompt = ChatPromptTemplate.fromMessages([
  ["system", "You answer briefly."],
  ["human", "{question}"],
]);

// LangChain's autolog holds for the async flow it is called in: each test turns both on itself.
function autologBoth(): void {
  autolog();
  openaiAutolog();
}
afterEach(() => {
  autolog({ disable: true });
  openaiAutolog({ disable: true });
  expect(openRuns.size).toBe(0);
});

describe("a LangChain model wrapping the openai SDK, both autologs on", () => {
  it("a three-step chain: one CHAT_MODEL span with the usage, counted once", async () => {
    autologBoth();
    openai.server.reply(CHAT_PATH, chatCompletion({ content: "Paris.", usage: { promptTokens: 20, completionTokens: 3 } }));
    const chain = RunnableSequence.from([prompt, new OpenAIBackedChatModel(openai.client(), "gpt-4o-mini"), new StringOutputParser()]);
    expect(await chain.invoke({ question: "Capital of France?" })).toBe("Paris.");

    const trace = await openai.tracing.onlyTrace();
    expect(shape(trace)).toEqual(["RunnableSequence", ["ChatPromptTemplate", "OpenAIBackedChatModel", "StrOutputParser"]]);
    const models = trace.spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
    expect(models.map((span) => span.name)).toEqual(["OpenAIBackedChatModel"]);
    expect(models[0]!.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 20, output_tokens: 3, total_tokens: 23 });
    expect(models[0]!.getAttribute("mlflow.llm.provider")).toBe("openai");
    expect(JSON.parse(trace.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 20, output_tokens: 3, total_tokens: 23 });
    // The request went out as usual.
    expect(openai.server.requests.filter((request) => request.path === CHAT_PATH)).toHaveLength(1);
  });

  it("under withSpan, with LangChain retrying a failed request: still one model span; a direct SDK call after it is its own span", async () => {
    autologBoth();
    openai.server.reply(CHAT_PATH, openaiError(500, "try again"), chatCompletion({ content: "Hi.", usage: { promptTokens: 5, completionTokens: 2 } }), chatCompletion({ content: "Direct.", usage: { promptTokens: 7, completionTokens: 1 } }));
    const model = new OpenAIBackedChatModel(openai.client(), "gpt-4o-mini", { maxRetries: 1 });
    await withSpan("turn", async () => {
      expect((await model.invoke("hello")).content).toBe("Hi.");
      const direct = await openai.client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "direct" }] });
      expect(direct.choices[0]!.message.content).toBe("Direct.");
    });

    const trace = await openai.tracing.onlyTrace();
    expect(shape(trace)).toEqual(["turn", ["OpenAIBackedChatModel", "Completions.create"]]);
    expect(trace.spans.filter((span) => span.spanType === SpanType.CHAT_MODEL)).toHaveLength(2);
    expect(JSON.parse(trace.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 12, output_tokens: 3, total_tokens: 15 });
  });
});
