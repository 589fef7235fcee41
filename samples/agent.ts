/**
 * The sample app: a small agent (fake LLM, retriever, tool) traced with @trace, a
 * streaming async generator, withSpan and `using`. It writes its traces to the local store
 * and prints each trace tree as it finishes.
 */
import { ConsoleExporter, SpanType, configure, enterSpan, flushTraces, trace, updateCurrentTrace, withSpan } from "traced";
import { FakeLLM } from "./agent/fake-llm.js";
import { Retriever } from "./agent/retriever.js";
import { calculator } from "./agent/tools.js";

class Agent {
  private readonly llm = new FakeLLM();
  private readonly retriever = new Retriever();

  @trace({ spanType: SpanType.AGENT })
  async answer(question: string, user: string): Promise<string> {
    updateCurrentTrace({ user, session: "demo-session", tags: { sample: "agent" } });
    const notes = await this.retriever.retrieve(question);
    const prompt = await withSpan({ name: "build_prompt", spanType: SpanType.PARSER, inputs: { notes } }, () => notes.join("\n"));
    const reply = await this.llm.chat([
      { role: "system", content: prompt },
      { role: "user", content: question },
    ]);
    {
      // `using`: the span ends when this block does.
      using check = enterSpan({ name: "check_math", spanType: SpanType.GUARDRAIL, inputs: { expression: "6 * 7" } });
      check.setOutputs({ value: calculator("6 * 7") });
    }
    return reply.content;
  }

  @trace({ spanType: SpanType.CHAIN })
  async streamAnswer(prompt: string): Promise<string> {
    let text = "";
    for await (const token of this.llm.stream(prompt)) text += token;
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

const agent = new Agent();
await agent.answer("How are spans stored?", "alice");
await agent.streamAnswer("tell me about streams");
await agent.useTool("2 + two");
await flushTraces();
console.log(`\nTraces written to ${process.env.TRACED_DB || "traced.db"}. Browse them with: npm run traced -- traces list  (installed as a dependency: npx traced traces list)`);
