/**
 * traced/anthropic on streamed Messages calls, with the real SDK (current and previous
 * major) against the local wire server: `create({ stream: true })` read with for-await,
 * `messages.stream()` through its helpers, and streams stopped, aborted or cut off.
 */
import { describe, expect, it } from "vitest";
import { tracedAnthropic } from "../../../src/integrations/anthropic/index.js";
import { ANSWERING_MODEL, ANTHROPIC_SDKS, basicParams, MESSAGES_PATH as PATH, streamParams, useAnthropic } from "../../support/anthropic-fixture.js";
import { messageStream } from "../../support/llm-replies/anthropic.js";

const anthropic = useAnthropic();

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

async function onlySpan() {
  const trace = await anthropic.tracing.onlyTrace();
  expect(trace.spans).toHaveLength(1);
  return trace.spans[0]!;
}

describe.each(ANTHROPIC_SDKS)("@anthropic-ai/sdk $version streams", ({ sdk }) => {
  const client = () => tracedAnthropic(anthropic.client(sdk));

  it("assembles a stream: true call read with for-await into the message", async () => {
    anthropic.server.reply(PATH, messageStream({ text: ["Hel", "lo", "!"], model: ANSWERING_MODEL, usage: { inputTokens: 12, outputTokens: 7, cacheReadInputTokens: 3 }, delayMs: 2 }));
    const stream = await client().messages.create(streamParams());
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe("message_start");
    expect(types.at(-1)).toBe("message_stop");

    const span = await onlySpan();
    expect(span.name).toBe("Messages.create");
    expect(span.status.code).toBe("OK");
    expect(span.inputs).toMatchObject({ stream: true, max_tokens: 64 });
    expect(span.outputs).toMatchObject({
      type: "message",
      role: "assistant",
      content: [{ type: "text", text: "Hello!" }],
      stop_reason: "end_turn",
      usage: { input_tokens: 12, output_tokens: 7, cache_read_input_tokens: 3 },
    });
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 12, output_tokens: 7, total_tokens: 19, cache_read_input_tokens: 3, cache_creation_input_tokens: 0 });
    expect(span.getAttribute("mlflow.llm.model")).toBe(ANSWERING_MODEL);
    expect(typeof span.getAttribute("traced.llm.timeToFirstTokenMs")).toBe("number");
  });

  it("reassembles tool_use input and thinking blocks as finalMessage() does", async () => {
    const input = { city: "Paris", units: "metric", days: [1, 2] };
    anthropic.server.reply(PATH, messageStream({ thinking: ["Let me ", "think."], text: ["Checking."], toolUses: [{ id: "toolu_01", name: "get_weather", input }] }));
    const stream = await client().messages.create(streamParams());
    for await (const _ of stream);
    const span = await onlySpan();
    const outputs = span.outputs as { content: Record<string, unknown>[]; stop_reason: string };
    expect(outputs.content).toEqual([
      { type: "thinking", thinking: "Let me think.", signature: expect.any(String) },
      { type: "text", text: "Checking.", citations: null },
      { type: "tool_use", id: "toolu_01", name: "get_weather", input, caller: { type: "direct" } },
    ]);
    expect(outputs.content[0]!.signature).not.toBe("");
    expect(outputs.stop_reason).toBe("tool_use");
  });

  it("messages.stream() with finalMessage() only is one span, ended when finalMessage resolves", async () => {
    anthropic.server.reply(PATH, messageStream({ text: ["One ", "two"], usage: { inputTokens: 5, outputTokens: 2 } }));
    const stream = client().messages.stream(basicParams());
    const message = await stream.finalMessage();
    const span = await onlySpan();
    expect(span.name).toBe("Messages.stream");
    expect(span.status.code).toBe("OK");
    // What the app got from the SDK is what the span recorded.
    expect(span.outputs).toMatchObject({ id: message.id, content: message.content, stop_reason: message.stop_reason, usage: { input_tokens: 5, output_tokens: 2 } });
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toMatchObject({ input_tokens: 5, output_tokens: 2, total_tokens: 7 });
    expect(anthropic.server.requests).toHaveLength(1);
  });

  it("messages.stream() with .on('text') listeners", async () => {
    anthropic.server.reply(PATH, messageStream({ text: ["a", "b", "c"], delayMs: 1 }));
    const texts: string[] = [];
    const stream = client().messages.stream(basicParams()).on("text", (text) => texts.push(text));
    await stream.done();
    expect(texts).toEqual(["a", "b", "c"]);
    const span = await onlySpan();
    expect(span.name).toBe("Messages.stream");
    expect(span.outputs).toMatchObject({ content: [{ type: "text", text: "abc" }] });
  });

  it("a for-await left early ends the span OK with the partial output", async () => {
    anthropic.server.reply(PATH, messageStream({ text: ["first ", "second ", "third"], delayMs: 2 }));
    const stream = await client().messages.create(streamParams());
    for await (const event of stream) if (event.type === "content_block_delta") break;
    const span = await onlySpan();
    expect(span.status.code).toBe("OK");
    expect(span.getAttribute("traced.llm.streamStoppedEarly")).toBe(true);
    expect(span.outputs).toMatchObject({ content: [{ type: "text", text: "first " }], stop_reason: null });
  });

  it("an abort mid-stream fails the span; the stream ends as the SDK ends it", async () => {
    anthropic.server.reply(PATH, messageStream({ text: ["x", "y", "z", "w"], delayMs: 5 }));
    const controller = new AbortController();
    const stream = await client().messages.create(streamParams(), { signal: controller.signal });
    const seen: string[] = [];
    // The SDK's Stream ends quietly on its own abort: the loop simply stops.
    for await (const event of stream) {
      seen.push(event.type);
      if (event.type === "content_block_delta") controller.abort();
    }
    expect(seen.at(-1)).toBe("content_block_delta");
    const span = await onlySpan();
    expect(span.status.code).toBe("ERROR");
    expect(span.events.find((e) => e.name === "exception")?.attributes["exception.type"]).toBe("AbortError");
    // What had arrived when the abort landed (a buffered event may follow the first).
    expect(span.outputs).toMatchObject({ content: [{ type: "text", text: expect.stringMatching(/^x/) }], stop_reason: null });
  });

  it("messages.stream(): abort() rejects finalMessage with the SDK's abort error and fails the span", async () => {
    anthropic.server.reply(PATH, messageStream({ text: ["x", "y", "z"], delayMs: 5 }));
    const stream = client().messages.stream(basicParams());
    stream.on("text", () => stream.abort());
    const error = await stream.finalMessage().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.APIUserAbortError);
    const span = await onlySpan();
    expect(span.name).toBe("Messages.stream");
    expect(span.status.code).toBe("ERROR");
    expect(span.events.find((e) => e.name === "exception")?.attributes["exception.type"]).toBe("AbortError");
  });

  it("messages.stream(): leaving its for-await early is an abort for the SDK, and so for the span", async () => {
    // The helper aborts its request when the app stops iterating it (finalMessage() then
    // rejects): unlike a bare Stream, nothing tells that apart from stream.abort().
    anthropic.server.reply(PATH, messageStream({ text: ["x", "y", "z"], delayMs: 5 }));
    const stream = client().messages.stream(basicParams());
    for await (const event of stream) if (event.type === "content_block_delta") break;
    expect(await stream.finalMessage().then(() => undefined, (e: unknown) => e)).toBeInstanceOf(sdk.APIUserAbortError);
    const span = await onlySpan();
    expect(span.status.code).toBe("ERROR");
    // What had arrived when the abort landed (a buffered event may follow the first).
    expect(span.outputs).toMatchObject({ content: [{ type: "text", text: expect.stringMatching(/^x/) }], stop_reason: null });
  });

  it("an abort before the response fails the span with the SDK's abort error", async () => {
    anthropic.server.reply(PATH, { kind: "hang" });
    const controller = new AbortController();
    const pending = client().messages.create(streamParams(), { signal: controller.signal });
    // Aborted once the server holds the request, so no stale request reaches a later test.
    await until(() => anthropic.server.requests.length === 1);
    controller.abort();
    const error = await pending.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.APIUserAbortError);
    const span = await onlySpan();
    expect(span.status.code).toBe("ERROR");
    const exception = span.events.find((e) => e.name === "exception");
    expect(exception?.attributes["exception.type"]).toBe("APIUserAbortError");
  });

  it("a socket destroyed mid-stream fails the span", async () => {
    anthropic.server.reply(PATH, { ...messageStream({ text: ["a", "b", "c"] }), destroyAfter: 4 });
    const stream = await client().messages.create(streamParams());
    const error = await (async () => {
      for await (const _ of stream);
    })().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const span = await onlySpan();
    expect(span.status.code).toBe("ERROR");
    expect(span.events.some((e) => e.name === "exception")).toBe(true);
  });

  it("streamChunkEvents records each event as mlflow.chunk.item.N", async () => {
    anthropic.server.reply(PATH, messageStream({ text: ["a", "b"] }));
    const stream = await tracedAnthropic(anthropic.client(sdk), { streamChunkEvents: true }).messages.create(streamParams());
    let count = 0;
    for await (const _ of stream) count++;
    const span = await onlySpan();
    const chunks = span.events.filter((e) => e.name.startsWith("mlflow.chunk.item."));
    expect(chunks.map((e) => e.name)).toEqual(Array.from({ length: count }, (_, i) => `mlflow.chunk.item.${i}`));
    expect(JSON.parse(String(chunks[0]!.attributes["mlflow.chunk.value"]))).toMatchObject({ type: "message_start" });
  });

  it("beta.messages.stream() is one span named Messages.stream", async () => {
    anthropic.server.reply(PATH, messageStream({ text: ["beta"] }));
    const message = await client().beta.messages.stream(basicParams()).finalMessage();
    expect(message.content).toMatchObject([{ type: "text", text: "beta" }]);
    const span = await onlySpan();
    expect(span.name).toBe("Messages.stream");
    expect(span.outputs).toMatchObject({ content: [{ type: "text", text: "beta" }] });
  });
});
