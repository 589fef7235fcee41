/** autolog() over every client, the options, concurrency, and traced's global settings applied to LLM spans. */
import { describe, expect, it } from "vitest";
import { addSpanProcessor, configure, createRedactor, disable, enable, SpanType, TracedUsageError, withSpan } from "../../../src/index.js";
import { autolog, tracedOpenAI } from "../../../src/integrations/openai/index.js";
import { chatCompletion, chatCompletionStream } from "../../support/llm-replies/openai.js";
import { CHAT_PATH, useOpenAI } from "../../support/openai-fixture.js";

const openai = useOpenAI();
const request = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "hi" }] };

describe("autolog", () => {
  it("traces clients made before and after it, and autolog({ disable: true }) restores the SDK", async () => {
    openai.server.fallback(() => chatCompletion({ content: "ok" }));
    const before = openai.client();
    const originalCreate = Object.getPrototypeOf(before.chat.completions).create;
    autolog();
    const after = openai.client();
    await before.chat.completions.create(request);
    await after.chat.completions.create(request);
    expect((await openai.tracing.traces()).map((t) => t.rootSpan!.name)).toEqual(["Completions.create", "Completions.create"]);

    autolog({ disable: true });
    expect(Object.getPrototypeOf(before.chat.completions).create).toBe(originalCreate);
    expect((await after.chat.completions.create(request)).choices[0]!.message.content).toBe("ok");
    expect(await openai.tracing.traces()).toEqual([]);
  });

  it("a client traced on its own under autolog gives one span per call, and keeps tracing after autolog is undone", async () => {
    openai.server.fallback(() => chatCompletion());
    autolog();
    const client = tracedOpenAI(openai.client());
    await client.chat.completions.create(request);
    expect((await openai.tracing.onlyTrace()).spans).toHaveLength(1);
    autolog({ disable: true });
    await client.chat.completions.create(request);
    expect((await openai.tracing.onlyTrace()).spans).toHaveLength(1);
  });

  it("calling autolog again replaces its options instead of tracing twice", async () => {
    openai.server.fallback(() => chatCompletion());
    autolog({ spanName: "first" });
    autolog({ spanName: "second" });
    await openai.client().chat.completions.create(request);
    const trace = await openai.tracing.onlyTrace();
    expect(trace.spans.map((span) => span.name)).toEqual(["second"]);
  });

  it("copies made with withOptions() are traced too", async () => {
    openai.server.fallback(() => chatCompletion());
    const client = tracedOpenAI(openai.client()).withOptions({ timeout: 5_000 });
    await client.chat.completions.create(request);
    expect((await openai.tracing.onlyTrace()).rootSpan!.spanType).toBe(SpanType.CHAT_MODEL);
  });
});

describe("options", () => {
  it("captureInputs, captureOutputs, spanName, spanType and streamChunkEvents", async () => {
    openai.server.reply(CHAT_PATH, chatCompletion({ content: "secret answer" }), chatCompletionStream({ content: ["a", "b"] }));
    const client = tracedOpenAI(openai.client(), {
      captureInputs: false,
      captureOutputs: (response) => ({ id: (response as { id: string }).id }),
      spanName: ({ method, defaultName }) => `${defaultName} (${method})`,
      spanType: SpanType.LLM,
      streamChunkEvents: true,
    });
    await withSpan("root", async () => {
      await client.chat.completions.create(request);
      for await (const _ of await client.chat.completions.create({ ...request, stream: true }));
    });
    const [plain, streamed] = (await openai.tracing.onlyTrace()).spans.filter((span) => span.spanType === SpanType.LLM);
    expect(plain!.name).toMatch(/^Completions.create \(chat.completions.create\)/); // de-duplicated with a suffix, as MLflow does
    expect(plain!.inputs).toBeUndefined();
    expect(plain!.outputs).toEqual({ id: expect.stringMatching(/^chatcmpl-/) });
    const chunkEvents = streamed!.events.filter((event) => event.name.startsWith("mlflow.chunk.item."));
    expect(chunkEvents.map((event) => event.name)).toEqual(["mlflow.chunk.item.0", "mlflow.chunk.item.1", "mlflow.chunk.item.2", "mlflow.chunk.item.3"]);
    expect(JSON.parse(chunkEvents[1]!.attributes["mlflow.chunk.value"] as string)).toMatchObject({ choices: [{ delta: { content: "a" } }] });
  });

  it("mistakes in options fail where they are written, naming the option", () => {
    expect(() => tracedOpenAI(openai.client(), { captureInputs: "no" as never })).toThrow(/tracedOpenAI: "captureInputs" must be a boolean or a function/);
    expect(() => autolog({ spanNmae: "x" } as never)).toThrow(/unknown option "spanNmae"/);
    expect(() => tracedOpenAI(42 as never)).toThrow(TracedUsageError);
    expect(() => tracedOpenAI({ not: "a client" })).toThrow(/has none of chat.completions.create/);
  });
});

describe("traced's settings apply to LLM spans", () => {
  it("disable() records nothing and changes nothing; enable() brings it back", async () => {
    openai.server.fallback(() => chatCompletion({ content: "same" }));
    const client = tracedOpenAI(openai.client());
    disable();
    expect((await client.chat.completions.create(request)).choices[0]!.message.content).toBe("same");
    expect(await openai.tracing.traces()).toEqual([]);
    enable();
    await client.chat.completions.create(request);
    expect(await openai.tracing.traces()).toHaveLength(1);
  });

  it("sampling, span processors and the redactor", async () => {
    openai.server.fallback(() => chatCompletion({ content: "key sk-abcdefghijklmnopqrstuvwx" }));
    const client = tracedOpenAI(openai.client());
    configure({ samplingRatio: 0 });
    await client.chat.completions.create(request);
    expect(await openai.tracing.traces()).toEqual([]);
    configure({ samplingRatio: 1 });
    const seen: string[] = [];
    addSpanProcessor({ onEnd: (span) => void seen.push(span.spanType) });
    addSpanProcessor(createRedactor());
    await client.chat.completions.create({ ...request, messages: [{ role: "user", content: "my key is sk-abcdefghijklmnopqrstuvwx" }] });
    const span = (await openai.tracing.onlyTrace()).rootSpan!;
    expect(seen).toEqual([SpanType.CHAT_MODEL]);
    expect(JSON.stringify(span.inputs)).not.toContain("sk-abcdefghijklmnopqrstuvwx");
    expect(JSON.stringify(span.outputs)).not.toContain("sk-abcdefghijklmnopqrstuvwx");
  });
});

describe("concurrency", () => {
  it("50 concurrent streamed calls under 50 parents never mix", async () => {
    openai.server.fallback((req) => chatCompletionStream({ content: [(req.body as { messages: { content: string }[] }).messages[0]!.content, "!"], delayMs: 1 }));
    const client = tracedOpenAI(openai.client());
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        withSpan(`parent-${i}`, async () => {
          let text = "";
          for await (const chunk of await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `q${i}` }], stream: true })) text += chunk.choices[0]?.delta.content ?? "";
          return text;
        }),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 50 }, (_, i) => `q${i}!`));
    const traces = await openai.tracing.traces();
    expect(traces).toHaveLength(50);
    for (const trace of traces) {
      const i = trace.rootSpan!.name.slice("parent-".length);
      const llm = trace.spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
      expect(llm).toHaveLength(1);
      expect(llm[0]!.parentId).toBe(trace.rootSpan!.spanId);
      expect(llm[0]!.inputs).toMatchObject({ messages: [{ content: `q${i}` }] });
      expect(llm[0]!.outputs).toMatchObject({ choices: [{ message: { content: `q${i}!` } }] });
    }
  });
});

