/** HTTP errors, dropped sockets and aborts: the span says what happened, the app gets the SDK's own error. */
import { ApiError } from "@google/genai";
import { describe, expect, it } from "vitest";
import { SpanType } from "../../src/index.js";
import { tracedGemini } from "../../src/integrations/gemini/index.js";
import { generateContentResponse, generateContentStream, geminiError } from "../support/llm-replies/gemini.js";
import { GENERATE_PATH, MODEL, STREAM_PATH, useGemini } from "../support/gemini-fixture.js";

const gemini = useGemini();
const params = { model: MODEL, contents: "hi" };

async function llmSpan() {
  const trace = await gemini.tracing.onlyTrace();
  const spans = trace.spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

/** Waits (polling, no fixed delay) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

function exceptionOf(span: Awaited<ReturnType<typeof llmSpan>>) {
  const events = span.events.filter((event) => event.name === "exception");
  expect(events).toHaveLength(1);
  return events[0]!.attributes;
}

describe("failures", () => {
  it("a 500 ends the span ERROR and the app gets the SDK's ApiError with its status", async () => {
    gemini.server.reply(GENERATE_PATH, geminiError(500, "Internal error encountered."));
    const error = await tracedGemini(gemini.client()).models.generateContent(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(500);
    const span = await llmSpan();
    expect(span.status.code).toBe("ERROR");
    expect(exceptionOf(span)).toMatchObject({ "exception.type": "ApiError", "exception.message": expect.stringContaining("Internal error encountered.") });
  });

  it("a 429 on a stream: the promise rejects with the SDK's ApiError, span ERROR", async () => {
    gemini.server.reply(STREAM_PATH, geminiError(429, "Resource has been exhausted (e.g. check quota)."));
    const error = await tracedGemini(gemini.client()).models.generateContentStream(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    const span = await llmSpan();
    expect(span.status.code).toBe("ERROR");
    expect(exceptionOf(span)["exception.message"]).toContain("Resource has been exhausted");
  });

  it("a 429 then success with the SDK's retries: one span, OK", async () => {
    gemini.server.reply(GENERATE_PATH, geminiError(429, "Resource has been exhausted."), generateContentResponse({ text: "finally" }));
    const result = await tracedGemini(gemini.client({ retries: 2 })).models.generateContent(params);
    expect(result.text).toBe("finally");
    expect(gemini.server.requests).toHaveLength(2);
    const span = await llmSpan();
    expect(span.status.code).toBe("OK");
    expect(span.outputs).toMatchObject({ candidates: [{ content: { parts: [{ text: "finally" }] } }] });
    expect(span.events.filter((event) => event.name === "traced.http.attempt").map((event) => event.attributes)).toEqual([
      { "http.request.resend_count": 0, "http.response.status_code": 429 },
      { "http.request.resend_count": 1, "http.response.status_code": 200 },
    ]);
  });

  it("a connection dropped before the response: the fetch error reaches the app, span ERROR", async () => {
    gemini.server.reply(GENERATE_PATH, { kind: "destroy" });
    const error = await tracedGemini(gemini.client()).models.generateContent(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(exceptionOf(await llmSpan())["exception.message"]).toBe((error as Error).message);
  });

  it("a socket destroyed mid-stream: the app's loop throws, the span is ERROR and keeps what arrived", async () => {
    gemini.server.reply(STREAM_PATH, { ...generateContentStream({ text: "one " }, { text: "two " }, { text: "three" }), destroyAfter: 2 });
    const stream = await tracedGemini(gemini.client()).models.generateContentStream(params);
    let text = "";
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.text ?? "";
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(text).toBe("one two ");
    const span = await llmSpan();
    expect(span.status.code).toBe("ERROR");
    expect(exceptionOf(span)["exception.message"]).toBeTruthy();
    expect(span.outputs).toMatchObject({ candidates: [{ content: { parts: [{ text: "one two " }] } }] });
  });

  it("config.abortSignal before the response: the SDK's abort error, span ERROR", async () => {
    gemini.server.reply(GENERATE_PATH, { kind: "hang" });
    const controller = new AbortController();
    const pending = tracedGemini(gemini.client()).models.generateContent({ ...params, config: { abortSignal: controller.signal } });
    await until(() => gemini.server.requests.length === 1);
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("AbortError");
    const span = await llmSpan();
    expect(span.status.code).toBe("ERROR");
    expect(exceptionOf(span)["exception.type"]).toBe("AbortError");
  });

  it("config.abortSignal mid-stream, while the app waits for the next chunk: span ERROR with what arrived", async () => {
    gemini.server.reply(STREAM_PATH, { ...generateContentStream({ text: "one " }, { text: "two" }), delayMs: 5_000 });
    const controller = new AbortController();
    const stream = await tracedGemini(gemini.client()).models.generateContentStream({ ...params, config: { abortSignal: controller.signal } });
    expect((await stream.next()).value?.text).toBe("one ");
    const waiting = stream.next().catch((e: unknown) => e);
    controller.abort();
    expect(await waiting).toMatchObject({ name: "AbortError" });
    const span = await llmSpan();
    expect(span.status.code).toBe("ERROR");
    expect(span.outputs).toMatchObject({ candidates: [{ content: { parts: [{ text: "one " }] } }] });
  });

  it("config.abortSignal while the app holds a stream it is not reading: the span ends ERROR at once", async () => {
    gemini.server.reply(STREAM_PATH, generateContentStream({ text: "one " }, { text: "two" }));
    const controller = new AbortController();
    const stream = await tracedGemini(gemini.client()).models.generateContentStream({ ...params, config: { abortSignal: controller.signal } });
    controller.abort();
    const span = await llmSpan();
    expect(span.status.code).toBe("ERROR");
    expect(exceptionOf(span)["exception.type"]).toBe("AbortError");
    await stream.return(undefined);
  });
});
