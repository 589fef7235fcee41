/** traced/transformers: the real transformers.js running tiny ONNX models the test writes (no download). */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { AutoModel, pipeline, PreTrainedModel } from "@huggingface/transformers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SpanAttributeKey, SpanType, withSpan, type Span, type Trace } from "../../../src/index.js";
import { autolog, tracedPipeline, TransformersAttributeKey } from "../../../src/integrations/transformers/index.js";
import { setupTracing, shape, type TestTracing } from "../../support/tracing.js";
import { useTinyModels } from "./tiny-models.js";

const LOAD = { dtype: "fp32" } as const;
const tinyModels = useTinyModels();
let tracing: TestTracing;

beforeEach(() => {
  tracing = setupTracing();
});
afterEach(() => autolog({ disable: true }));

const spanNamed = (trace: Trace, name: string): Span => {
  const span = trace.spans.find((s) => s.name === name);
  if (span === undefined) throw new Error(`no span ${name} in ${JSON.stringify(shape(trace))}`);
  return span;
};

describe("autolog", () => {
  it("a text-generation pipeline: its load and each call are spans, with the generated text and token counts", async () => {
    autolog();
    const output = await withSpan("app", async () => {
      const generate = await pipeline("text-generation", "tiny-gpt", LOAD);
      return generate("hello", { max_new_tokens: 8 });
    });
    expect(output).toEqual([{ generated_text: "hello world how are you" }]);
    const trace = await tracing.onlyTrace();
    expect(shape(trace)).toEqual(["app", ["AutoModelForCausalLM.from_pretrained", "text-generation"]]);
    const load = spanNamed(trace, "AutoModelForCausalLM.from_pretrained");
    expect(load.status.code).toBe("OK");
    expect(load.inputs).toEqual({ pretrained_model_name_or_path: "tiny-gpt", options: expect.objectContaining({ dtype: "fp32" }) });
    expect(load.outputs).toEqual({ model_type: "gpt2", architectures: ["GPT2LMHeadModel"], sessions: ["model"] });
    expect(load.getAttribute(TransformersAttributeKey.MODEL_ID)).toBe("tiny-gpt");
    const call = spanNamed(trace, "text-generation");
    expect(call.spanType).toBe(SpanType.LLM);
    expect(call.inputs).toEqual({ inputs: "hello", max_new_tokens: 8 });
    expect(call.outputs).toEqual(output);
    expect(call.getAttribute(SpanAttributeKey.LLM_MODEL)).toBe("tiny-gpt");
    expect(call.getAttribute(SpanAttributeKey.LLM_PROVIDER)).toBe("transformers.js");
    expect(call.getAttribute(TransformersAttributeKey.TASK)).toBe("text-generation");
    // One prompt token; "world how are you" and the end token generated.
    expect(call.getAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE)).toEqual({ input_tokens: 1, output_tokens: 5, total_tokens: 6 });
    expect(JSON.parse(trace.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 1, output_tokens: 5, total_tokens: 6 });
    // A local model has no price: no cost, and no "unknown model" report.
    expect(call.getAttribute(SpanAttributeKey.LLM_COST)).toBeUndefined();
    expect(tracing.diagnostics).toEqual([]);
  });

  it("a conversation is a CHAT_MODEL call whose inputs are the messages", async () => {
    const generate = await pipeline("text-generation", "tiny-gpt", LOAD);
    autolog();
    const messages = [{ role: "user", content: "how" }];
    const output = await generate(messages, { max_new_tokens: 8, chat_template: "{% for m in messages %}{{ m.content }}{% endfor %}" });
    expect(output).toEqual([{ generated_text: [...messages, { role: "assistant", content: " are you" }] }]);
    const call = (await tracing.onlyTrace()).rootSpan!;
    expect([call.name, call.spanType]).toEqual(["text-generation", SpanType.CHAT_MODEL]);
    expect(call.inputs).toMatchObject({ messages });
    expect(call.getAttribute(SpanAttributeKey.MESSAGE_FORMAT)).toBe("transformers");
    // Loaded before autolog: named by its architecture, since traced did not see the id.
    expect(call.getAttribute(SpanAttributeKey.LLM_MODEL)).toBe("GPT2LMHeadModel");
    expect(call.getAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE)).toEqual({ input_tokens: 1, output_tokens: 3, total_tokens: 4 });
  });

  it("feature extraction is an EMBEDDING call whose output tensor is recorded as its values", async () => {
    autolog();
    const extract = await pipeline("feature-extraction", "tiny-bert", LOAD);
    const embedding = await extract("hello world", { pooling: "mean" });
    expect(Array.from(embedding.data)).toEqual([2.5, 1, -2.5]);
    const traces = await tracing.traces();
    expect(traces.map((trace) => trace.rootSpan!.name)).toEqual(["AutoModel.from_pretrained", "feature-extraction"]);
    const call = traces[1]!.rootSpan!;
    expect(call.spanType).toBe(SpanType.EMBEDDING);
    expect(call.inputs).toEqual({ inputs: "hello world", pooling: "mean" });
    expect(call.outputs).toEqual({ type: "float32", dims: [1, 3], data: [[2.5, 1, -2.5]] });
    expect(call.getAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE)).toEqual({ input_tokens: 2, output_tokens: 0, total_tokens: 2 });
  });

  it("concurrent calls each get their own inputs, outputs and token counts", async () => {
    autolog();
    const generate = await pipeline("text-generation", "tiny-gpt", LOAD);
    await tracing.traces();
    const prompts = ["hello", "how", "are", "you", "hello world"];
    const outputs = await Promise.all(prompts.map((prompt) => withSpan(`ask ${prompt}`, () => generate(prompt, { max_new_tokens: 8 }))));
    const traces = await tracing.traces();
    expect(traces).toHaveLength(prompts.length);
    for (const [i, prompt] of prompts.entries()) {
      const trace = traces.find((t) => t.rootSpan!.name === `ask ${prompt}`)!;
      const call = spanNamed(trace, "text-generation");
      expect(call.inputs).toEqual({ inputs: prompt, max_new_tokens: 8 });
      expect(call.outputs).toEqual(outputs[i]);
      const words = prompt.split(" ").length;
      const generated = (outputs[i] as { generated_text: string }[])[0]!.generated_text.split(" ").length - words + 1;
      expect(call.getAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE)).toEqual({ input_tokens: words, output_tokens: generated, total_tokens: words + generated });
    }
  });

  it("a call that throws: the app gets the library's error, the span is ERROR with the exception event", async () => {
    autolog();
    const generate = await pipeline("text-generation", "tiny-gpt", LOAD);
    await tracing.traces();
    const error = await (generate as unknown as (input: unknown) => Promise<unknown>)(42).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Input must be a string/);
    const call = (await tracing.onlyTrace()).rootSpan!;
    expect(call.status.code).toBe("ERROR");
    expect(call.events.map((event) => [event.name, event.attributes["exception.message"]])).toEqual([["exception", (error as Error).message]]);
  });

  it("a failed model load is an ERROR span, and the app gets the library's error", async () => {
    autolog();
    const error = await AutoModel.from_pretrained("not-there", LOAD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const load = (await tracing.onlyTrace()).rootSpan!;
    expect([load.name, load.status.code]).toEqual(["AutoModel.from_pretrained", "ERROR"]);
    expect(load.getAttribute(TransformersAttributeKey.MODEL_ID)).toBe("not-there");
  });

  it("autolog({ disable: true }) puts the library back: nothing traced, from_pretrained restored", async () => {
    const loaders = [Object.getOwnPropertyDescriptor(Object.getPrototypeOf(AutoModel), "from_pretrained")?.value, Object.getOwnPropertyDescriptor(PreTrainedModel, "from_pretrained")?.value];
    autolog();
    autolog({ disable: true });
    expect([Object.getOwnPropertyDescriptor(Object.getPrototypeOf(AutoModel), "from_pretrained")?.value, Object.getOwnPropertyDescriptor(PreTrainedModel, "from_pretrained")?.value]).toEqual(loaders);
    const generate = await pipeline("text-generation", "tiny-gpt", LOAD);
    expect(await generate("hello", { max_new_tokens: 2 })).toEqual([{ generated_text: "hello world how" }]);
    expect(await tracing.traces()).toEqual([]);
  });
});

describe("tracedPipeline", () => {
  it("traces one pipeline (named by the model option), not the others", async () => {
    const traced = tracedPipeline(await pipeline("text-generation", "tiny-gpt", LOAD), { model: "tiny-gpt", captureInputs: false });
    const plain = await pipeline("text-generation", "tiny-gpt", LOAD);
    await traced("how", { max_new_tokens: 8 });
    await plain("how", { max_new_tokens: 8 });
    const call = (await tracing.onlyTrace()).rootSpan!;
    expect(call.name).toBe("text-generation");
    expect(call.inputs).toBeUndefined();
    expect(call.getAttribute(SpanAttributeKey.LLM_MODEL)).toBe("tiny-gpt");
    expect(call.outputs).toEqual([{ generated_text: "how are you" }]);
  });

  it("with autolog on as well, a call is still one span", async () => {
    autolog();
    const generate = tracedPipeline(await pipeline("text-generation", "tiny-gpt", LOAD));
    await tracing.traces();
    await generate("you", { max_new_tokens: 4 });
    expect((await tracing.traces()).map((trace) => trace.spans.map((span) => span.name))).toEqual([["text-generation"]]);
  });

  it("names what was wrong when given something that is not a pipeline", () => {
    expect(() => tracedPipeline({} as object)).toThrow(/tracedPipeline: expected a pipeline made with pipeline\(task, model\)/);
    expect(() => tracedPipeline((() => undefined) as object, { model: "" })).toThrow(/"model" must be a non-empty string/);
  });
});

it("from CommonJS: require('traced/transformers'), autolog(), a pipeline's load and call", async () => {
  const root = join(import.meta.dirname, "../../..");
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, "test/integration/fixtures/transformers-cjs/app.cjs")], { cwd: root, env: { ...process.env, TINY_MODELS: tinyModels() } });
  expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({
    output: [{ generated_text: "hello world how are you" }],
    spans: [
      { name: "AutoModelForCausalLM.from_pretrained", spanType: SpanType.UNKNOWN, status: "OK", usage: undefined },
      { name: "text-generation", spanType: SpanType.LLM, status: "OK", usage: { input_tokens: 1, output_tokens: 5, total_tokens: 6 } },
    ],
  });
});
