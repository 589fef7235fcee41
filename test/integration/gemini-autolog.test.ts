/** autolog() for `@google/genai`: clients made after and before it, undoing it, with tracedGemini, under concurrency, from CommonJS. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { Models } from "@google/genai";
import { describe, expect, it } from "vitest";
import { SpanType, withSpan, type Span } from "../../src/index.js";
import { autolog, tracedGemini } from "../../src/integrations/gemini/index.js";
import { type RecordedRequest } from "../support/llm-wire-server.js";
import { embedContentResponse, generateContentResponse, generateContentStream } from "../support/llm-replies/gemini.js";
import { EMBED_MODEL, EMBED_PATH, GENERATE_PATH, MODEL, STREAM_PATH, useGemini } from "../support/gemini-fixture.js";

const gemini = useGemini();
const root = join(import.meta.dirname, "../..");

const askedText = (request: RecordedRequest) => (request.body as { contents: { parts: { text: string }[] }[] }).contents[0]!.parts[0]!.text;
/** Every request answered with its own question echoed, so a span's outputs show which request it was. */
const echo = () => gemini.server.fallback((request) => generateContentResponse({ text: `echo:${askedText(request)}` }));

async function llmSpans(): Promise<Span[]> {
  return (await gemini.tracing.traces()).flatMap((trace) => trace.spans).filter((span) => span.spanType === SpanType.CHAT_MODEL || span.spanType === SpanType.EMBEDDING);
}

const ask = (ai: { models: Models }, contents: string) => ai.models.generateContent({ model: MODEL, contents });

describe("autolog", () => {
  it("traces every call of clients made after it, from the first, for all three methods", async () => {
    echo();
    gemini.server.reply(STREAM_PATH, generateContentStream({ text: "a" }, { text: "b" }));
    gemini.server.reply(EMBED_PATH, embedContentResponse({ vectors: [[1, 2]] }));
    autolog();
    const ai = gemini.client();
    expect((await ask(ai, "one")).text).toBe("echo:one");
    for await (const _ of await ai.models.generateContentStream({ model: MODEL, contents: "two" }));
    await ai.models.embedContent({ model: EMBED_MODEL, contents: "three" });
    const spans = await llmSpans();
    expect(spans.map((span) => [span.name, span.spanType, span.status.code])).toEqual([
      ["Models.generateContent", SpanType.CHAT_MODEL, "OK"],
      ["Models.generateContentStream", SpanType.CHAT_MODEL, "OK"],
      ["Models.embedContent", SpanType.EMBEDDING, "OK"],
    ]);
    expect(spans[0]!.outputs).toMatchObject({ candidates: [{ content: { parts: [{ text: "echo:one" }] } }] });
    expect(spans[1]!.outputs).toMatchObject({ candidates: [{ content: { parts: [{ text: "ab" }] } }] });
    // The SDK's constructor assigns its methods through the prototype's setters (no fallback was needed).
    expect(gemini.tracing.diagnostics).toEqual([]);
  });

  it("clients made before it: the first call upgrades the client and is not traced, later calls are", async () => {
    echo();
    const ai = gemini.client();
    autolog();
    expect((await ask(ai, "first")).text).toBe("echo:first");
    await ask(ai, "second");
    await ask(ai, "third");
    const spans = await llmSpans();
    expect(spans.map((span) => (span.inputs as { contents: string }).contents)).toEqual(["second", "third"]);
  });

  it("clients made before it: a call started while the first is in flight is already traced", async () => {
    echo();
    const ai = gemini.client();
    autolog();
    // The upgrade happens as the first call starts (synchronously), not when it reaches the network.
    const [first, second] = await Promise.all([ask(ai, "first"), ask(ai, "second")]);
    expect([first.text, second.text]).toEqual(["echo:first", "echo:second"]);
    expect((await llmSpans()).map((span) => (span.inputs as { contents: string }).contents)).toEqual(["second"]);
  });

  it("clients made before it: an embedContent call upgrades the client's generateContent too", async () => {
    echo();
    gemini.server.reply(EMBED_PATH, embedContentResponse({ vectors: [[1]] }), embedContentResponse({ vectors: [[2]] }));
    const ai = gemini.client();
    autolog();
    await ai.models.embedContent({ model: EMBED_MODEL, contents: "x" });
    await ask(ai, "after");
    await ai.models.embedContent({ model: EMBED_MODEL, contents: "y" });
    expect((await llmSpans()).map((span) => span.name)).toEqual(["Models.generateContent", "Models.embedContent"]);
  });

  it("autolog({ disable: true }) restores Models.prototype; upgraded clients keep working untraced; autolog() again traces them", async () => {
    echo();
    const before = Object.getOwnPropertyNames(Models.prototype).map((key) => [key, Object.getOwnPropertyDescriptor(Models.prototype, key)]);
    const old = gemini.client();
    autolog();
    const made = gemini.client();
    await ask(old, "upgrade"); // not traced: upgrades `old`
    await ask(old, "old traced");
    await ask(made, "made traced");
    autolog({ disable: true });
    expect(Object.getOwnPropertyNames(Models.prototype).map((key) => [key, Object.getOwnPropertyDescriptor(Models.prototype, key)])).toEqual(before);
    const after = gemini.client();
    expect((await ask(old, "old off")).text).toBe("echo:old off");
    expect((await ask(made, "made off")).text).toBe("echo:made off");
    expect((await ask(after, "after off")).text).toBe("echo:after off");
    autolog();
    await ask(old, "old on");
    await ask(made, "made on");
    const contents = (await llmSpans()).map((span) => (span.inputs as { contents: string }).contents);
    expect(contents).toEqual(["old traced", "made traced", "old on", "made on"]);
  });

  it("autolog() again with other options applies them to clients it already traces", async () => {
    echo();
    autolog();
    const ai = gemini.client();
    await ask(ai, "one");
    autolog({ spanName: "gemini call", captureInputs: false, spanType: SpanType.LLM });
    await ask(ai, "two");
    const spans = (await gemini.tracing.traces()).map((trace) => trace.rootSpan!);
    expect(spans.map((span) => [span.name, span.spanType, span.inputs])).toEqual([
      ["Models.generateContent", SpanType.CHAT_MODEL, { model: MODEL, contents: "one" }],
      ["gemini call", SpanType.LLM, undefined],
    ]);
  });

  it("with tracedGemini, one span per call, whichever came first; tracedGemini's options win", async () => {
    echo();
    const early = tracedGemini(gemini.client(), { spanName: "explicit" });
    autolog();
    const late = tracedGemini(gemini.client(), { spanName: "explicit" });
    const plain = gemini.client();
    await ask(early, "early");
    await ask(late, "late");
    await ask(plain, "plain");
    const spans = (await gemini.tracing.traces()).map((trace) => trace.spans);
    expect(spans.map((trace) => trace.map((span) => span.name))).toEqual([["explicit"], ["explicit"], ["Models.generateContent"]]);
    // Undoing autolog leaves explicitly traced clients traced.
    autolog({ disable: true });
    await ask(early, "still");
    await ask(late, "still");
    expect((await llmSpans()).map((span) => span.name)).toEqual(["explicit", "explicit"]);
  });

  it("50 concurrent calls, streamed and not, under different parents never mix", async () => {
    gemini.server.fallback((request) => {
      const text = askedText(request);
      const index = Number(text.split("-")[1]);
      return request.path.includes(":streamGenerateContent")
        ? { ...generateContentStream({ text: `echo:${text}` }, { text: "!" }), delayMs: index % 4 }
        : { ...generateContentResponse({ text: `echo:${text}` }), delayMs: index % 4 };
    });
    autolog();
    const ai = gemini.client();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        withSpan(`parent-${i}`, async () => {
          const contents = `q-${i}`;
          if (i % 2 === 0) return (await ai.models.generateContent({ model: MODEL, contents })).text;
          let text = "";
          for await (const chunk of await ai.models.generateContentStream({ model: MODEL, contents })) text += chunk.text ?? "";
          return text;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? `echo:q-${i}` : `echo:q-${i}!`)));
    const traces = await gemini.tracing.traces();
    expect(traces).toHaveLength(50);
    for (const trace of traces) {
      const parent = trace.rootSpan!;
      const i = Number(parent.name.split("-")[1]);
      expect(trace.spans).toHaveLength(2);
      const llm = trace.spans.find((span) => span.spanType === SpanType.CHAT_MODEL)!;
      expect(llm.parentId).toBe(parent.spanId);
      expect(llm.name).toBe(i % 2 === 0 ? "Models.generateContent" : "Models.generateContentStream");
      expect(llm.inputs).toMatchObject({ contents: `q-${i}` });
      expect(llm.outputs).toMatchObject({ candidates: [{ content: { parts: [{ text: i % 2 === 0 ? `echo:q-${i}` : `echo:q-${i}!` }] } }] });
    }
  });

  it("rejects unknown options and a non-boolean disable", () => {
    expect(() => autolog({ nope: true } as never)).toThrow(/unknown option "nope"/);
    expect(() => autolog({ disable: "yes" } as never)).toThrow(/"disable" must be a boolean/);
  });

  it("from CommonJS: require('traced/gemini') and require('@google/genai'), autolog(), one traced call", async () => {
    gemini.server.reply(GENERATE_PATH, generateContentResponse({ text: "Hi, CJS.", usage: { promptTokenCount: 4, candidatesTokenCount: 3 } }));
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, "test/integration/fixtures/gemini-cjs/app.cjs")], {
      cwd: root,
      env: { ...process.env, GEMINI_BASE_URL: gemini.server.url },
    });
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(result).toEqual({
      text: "Hi, CJS.",
      spans: [
        {
          name: "Models.generateContent",
          spanType: SpanType.CHAT_MODEL,
          status: "OK",
          inputs: { model: MODEL, contents: "hello from cjs" },
          provider: "gemini",
          usage: { input_tokens: 4, output_tokens: 3, total_tokens: 7 },
        },
      ],
    });
  });
});
