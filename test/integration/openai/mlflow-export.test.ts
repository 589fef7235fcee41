/** An OpenAI call's span, sent to an MLflow tracking server (the fake in test/support), carries what MLflow's UI reads. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMlflowExporter, flushTraces, setDestination, withSpan } from "../../../src/index.js";
import { tracedOpenAI } from "../../../src/integrations/openai/index.js";
import { chatCompletionStream } from "../../support/llm-replies/openai.js";
import { FakeMlflowServer } from "../../support/mlflow-fake.js";
import { CHAT_PATH, useOpenAI } from "../../support/openai-fixture.js";

const openai = useOpenAI();
let mlflow: FakeMlflowServer;

beforeAll(async () => {
  mlflow = await FakeMlflowServer.start();
  mlflow.experiments.add("7");
});
afterAll(() => mlflow.close());

describe("LLM spans in MLflow", () => {
  it("span type, inputs, outputs, chat attributes and the trace's token usage arrive as MLflow stores them", async () => {
    setDestination(createMlflowExporter({ trackingUri: mlflow.uri, experimentId: "7" }));
    const tools = [{ type: "function" as const, function: { name: "lookup", parameters: { type: "object" } } }];
    openai.server.reply(CHAT_PATH, chatCompletionStream({ content: ["Par", "is"], includeUsage: true, usage: { promptTokens: 11, completionTokens: 2, cachedTokens: 3 } }));
    const client = tracedOpenAI(openai.client());
    await withSpan("agent", async () => {
      for await (const _ of await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Capital of France?" }], tools, stream: true, stream_options: { include_usage: true } }));
    });
    await flushTraces();

    const [stored] = [...mlflow.traces.values()];
    const llm = stored!.spans.find((span) => span.name === "Completions.create")!;
    const attribute = (key: string) => JSON.parse(llm.attributes[key]!);
    expect(attribute("mlflow.spanType")).toBe("CHAT_MODEL");
    expect(attribute("mlflow.spanInputs")).toMatchObject({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Capital of France?" }] });
    expect(attribute("mlflow.spanOutputs")).toMatchObject({ choices: [{ message: { role: "assistant", content: "Paris" } }] });
    expect(attribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 11, output_tokens: 2, total_tokens: 13, cache_read_input_tokens: 3, reasoning_tokens: 0 });
    expect(attribute("mlflow.chat.tools")).toEqual(tools);
    expect(attribute("mlflow.message.format")).toBe("openai");
    expect(attribute("mlflow.llm.model")).toBe("gpt-4o-mini-2024-07-18");
    expect(attribute("mlflow.llm.provider")).toBe("openai");
    expect(JSON.parse((stored!.info as { trace_metadata: Record<string, string> }).trace_metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 11, output_tokens: 2, total_tokens: 13 });
  });
});
