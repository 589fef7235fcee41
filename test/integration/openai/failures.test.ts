/** HTTP errors, retries, dropped sockets and aborts: the span says what happened, the app gets the SDK's own error. */
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { SpanType } from "../../../src/index.js";
import { tracedOpenAI } from "../../../src/integrations/openai/index.js";
import { chatCompletion, chatCompletionStream, openaiError } from "../../support/llm-replies/openai.js";
import { CHAT_PATH, useOpenAI } from "../../support/openai-fixture.js";

const openai = useOpenAI();
const request = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "hi" }] };

async function llmSpan() {
  const trace = await openai.tracing.onlyTrace();
  const spans = trace.spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

function exceptionOf(span: Awaited<ReturnType<typeof llmSpan>>) {
  const events = span.events.filter((event) => event.name === "exception");
  expect(events).toHaveLength(1);
  return events[0]!.attributes;
}

describe("failures", () => {
  it("a 500 ends the span ERROR and the app gets the SDK's InternalServerError with its fields", async () => {
    openai.server.reply(CHAT_PATH, openaiError(500, "The server had an error"));
    const error = await tracedOpenAI(openai.client()).chat.completions.create(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
    expect((error as InstanceType<typeof OpenAI.APIError>).requestID).toMatch(/^req_/);
    const span = await llmSpan();
    expect(span.status.code).toBe("ERROR");
    expect(exceptionOf(span)).toMatchObject({ "exception.type": "InternalServerError", "exception.message": expect.stringContaining("The server had an error") });
  });

  it("a 429 with retry-after then success: one span, OK, with both attempts on it", async () => {
    openai.server.reply(CHAT_PATH, openaiError(429, "Rate limit reached", { retryAfter: "0" }), chatCompletion({ content: "finally" }));
    const result = await tracedOpenAI(openai.client({ maxRetries: 2 })).chat.completions.create(request);
    expect(result.choices[0]!.message.content).toBe("finally");
    expect(openai.server.requests).toHaveLength(2);
    const span = await llmSpan();
    expect(span.status.code).toBe("OK");
    const attempts = span.events.filter((event) => event.name === "traced.http.attempt").map((event) => event.attributes);
    expect(attempts).toEqual([
      { "http.request.resend_count": 0, "http.response.status_code": 429 },
      { "http.request.resend_count": 1, "http.response.status_code": 200 },
    ]);
  });

  it("a connection dropped before the response: APIConnectionError, span ERROR", async () => {
    openai.server.reply(CHAT_PATH, { kind: "destroy" });
    const error = await tracedOpenAI(openai.client()).chat.completions.create(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(exceptionOf(await llmSpan())["exception.type"]).toBe("APIConnectionError");
  });

  it("a socket destroyed mid-stream: the app's loop throws, the span is ERROR and keeps what arrived", async () => {
    openai.server.reply(CHAT_PATH, { ...chatCompletionStream({ content: ["one ", "two ", "three"], delayMs: 2 }), destroyAfter: 2 });
    const stream = await tracedOpenAI(openai.client()).chat.completions.create({ ...request, stream: true });
    let text = "";
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const span = await llmSpan();
    expect(span.status.code).toBe("ERROR");
    expect(exceptionOf(span)["exception.message"]).toBeTruthy();
    expect(span.outputs).toMatchObject({ choices: [{ message: { content: text } }] });
  });

  it("an abort before the response: APIUserAbortError, span ERROR", async () => {
    openai.server.reply(CHAT_PATH, { kind: "hang" });
    const controller = new AbortController();
    const pending = tracedOpenAI(openai.client()).chat.completions.create(request, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await pending.catch((e: unknown) => e)).toBeInstanceOf(OpenAI.APIUserAbortError);
    expect((await llmSpan()).status.code).toBe("ERROR");
  });

  it("an abort mid-stream ends the span ERROR, with the chunks read so far", async () => {
    openai.server.reply(CHAT_PATH, chatCompletionStream({ content: ["a", "b", "c", "d", "e"], delayMs: 15 }));
    const controller = new AbortController();
    const stream = await tracedOpenAI(openai.client()).chat.completions.create({ ...request, stream: true }, { signal: controller.signal });
    let read = "";
    await (async () => {
      for await (const chunk of stream) {
        read += chunk.choices[0]?.delta.content ?? "";
        if (read === "ab") controller.abort();
      }
    })().catch(() => undefined);
    const span = await llmSpan();
    expect(span.status.code).toBe("ERROR");
    expect(span.outputs).toMatchObject({ choices: [{ message: { content: "ab" } }] });
  });

  it("a stream that is never read ends ERROR when aborted", async () => {
    openai.server.reply(CHAT_PATH, chatCompletionStream({ content: ["a"], delayMs: 50 }));
    const controller = new AbortController();
    await tracedOpenAI(openai.client()).chat.completions.create({ ...request, stream: true }, { signal: controller.signal });
    controller.abort();
    expect((await llmSpan()).status.code).toBe("ERROR");
  });
});

describe("shapes traced does not know", () => {
  it("a method returning an unknown result passes it through, ends the span and reports once", async () => {
    const fake = { chat: { completions: { create: (params: unknown) => ({ echoed: params }) } } };
    const client = tracedOpenAI(fake);
    expect(client.chat.completions.create({ a: 1 })).toEqual({ echoed: { a: 1 } });
    expect(client.chat.completions.create({ a: 2 })).toEqual({ echoed: { a: 2 } });
    const traces = await openai.tracing.traces();
    expect(traces.map((t) => t.rootSpan!.status.code)).toEqual(["OK", "OK"]);
    expect(openai.tracing.diagnostics.filter((d) => d.code.startsWith("llm-result-unrecognised"))).toHaveLength(1);
  });

  it("arguments it does not know are not traced; a throwing captureOutputs is marked, the app unaffected", async () => {
    openai.server.reply(CHAT_PATH, chatCompletion({ content: "ok" }));
    const client = tracedOpenAI(openai.client(), {
      captureOutputs: () => {
        throw new Error("boom");
      },
    });
    expect((await client.chat.completions.create(request)).choices[0]!.message.content).toBe("ok");
    const span = await llmSpan();
    expect(JSON.stringify(span.outputs)).toContain("captureOutputs transform threw");
    expect(openai.tracing.diagnostics.some((d) => d.code === "captureOutputs-transform-failed")).toBe(true);
  });
});
