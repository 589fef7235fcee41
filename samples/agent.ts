/**
 * The sample app: a small agent traced with @trace, withSpan and `using`, calling an LLM
 * through the real OpenAI SDK, traced by `traced/openai` (a local server stands in for the
 * provider, so it runs offline). It writes its traces to the local store and prints each
 * trace tree as it finishes.
 */
import OpenAI from "openai";
import { ConsoleExporter, SpanType, configure, enterSpan, flushTraces, trace, updateCurrentTrace, withSpan } from "traced";
import { tracedOpenAI } from "traced/openai";
import { startLocalLlmServer } from "./agent/local-llm-server.js";
import { Retriever } from "./agent/retriever.js";
import { calculator } from "./agent/tools.js";

class Agent {
  private readonly retriever = new Retriever();

  constructor(private readonly llm: OpenAI) {}

  @trace({ spanType: SpanType.AGENT })
  async answer(question: string, user: string): Promise<string> {
    updateCurrentTrace({ user, session: "demo-session", tags: { sample: "agent" } });
    const notes = await this.retriever.retrieve(question);
    const prompt = await withSpan({ name: "build_prompt", spanType: SpanType.PARSER, inputs: { notes } }, () => notes.join("\n"));
    const completion = await this.llm.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: prompt },
        { role: "user", content: question },
      ],
    });
    {
      // `using`: the span ends when this block does.
      using check = enterSpan({ name: "check_math", spanType: SpanType.GUARDRAIL, inputs: { expression: "6 * 7" } });
      check.setOutputs({ value: calculator("6 * 7") });
    }
    return completion.choices[0]?.message.content ?? "";
  }

  @trace({ spanType: SpanType.CHAIN })
  async streamAnswer(prompt: string): Promise<string> {
    const stream = await this.llm.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: prompt }], stream: true, stream_options: { include_usage: true } });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    return text.trim();
  }

  @trace({ spanType: SpanType.TOOL })
  async useTool(expression: string): Promise<number | string> {
    try {
      return calculator(expression);
    } catch (error) {
      return `tool failed: ${(error as Error).message}`;
    }
  }
}

configure({ destination: [{ store: {} }, new ConsoleExporter({ previewChars: 70 })] });

const server = await startLocalLlmServer();
const agent = new Agent(tracedOpenAI(new OpenAI({ apiKey: "sample-key", baseURL: server.baseURL })));
await agent.answer("How are spans stored?", "alice");
await agent.streamAnswer("tell me about streams");
await agent.useTool("2 + two");
await flushTraces();
await server.close();
console.log(`\nTraces written to ${process.env.TRACED_DB || "traced.db"}. Browse them with: npm run traced -- traces list  (installed as a dependency: npx traced traces list)`);
