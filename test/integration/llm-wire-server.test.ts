/**
 * The LLM wire server speaks each provider's protocol well enough for the real SDKs: plain
 * calls, streams the SDKs assemble themselves, retries on 429, typed errors, dropped streams.
 */
import Anthropic from "@anthropic-ai/sdk";
import { ApiError, GoogleGenAI } from "@google/genai";
import AnthropicV0 from "anthropic-sdk-v0";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { anthropicError, message, messageStream } from "../support/llm-replies/anthropic.js";
import { embedContentResponse, generateContentResponse, generateContentStream, geminiError } from "../support/llm-replies/gemini.js";
import {
  chatCompletion,
  chatCompletionStream,
  embeddings,
  openaiError,
  response,
  responseStream,
} from "../support/llm-replies/openai.js";
import { type LlmWireServer, startLlmWireServer } from "../support/llm-wire-server.js";

let server: LlmWireServer;
beforeAll(async () => {
  server = await startLlmWireServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const weather = { city: "Paris", days: 3 };

describe("the server itself", () => {
  it("frames SSE as real servers do, flushed event by event with the delay between", async () => {
    server.reply("/events", { kind: "sse", delayMs: 30, events: [{ event: "greeting", data: { hi: 1 } }, { data: "[DONE]" }] });
    const started = Date.now();
    const res = await fetch(server.url + "/events?x=1", {
      method: "POST",
      body: JSON.stringify({ q: 1 }),
      headers: { "content-type": "application/json" },
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    // The first event arrives on its own, before the delay.
    expect(decoder.decode((await reader.read()).value)).toBe('event: greeting\ndata: {"hi":1}\n\n');
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
    expect(rest).toBe("data: [DONE]\n\n");
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(server.requests).toEqual([expect.objectContaining({ method: "POST", path: "/events?x=1", body: { q: 1 } })]);
  });

  it("matches queued replies by path or RegExp, FIFO, then falls back (404 by default)", async () => {
    server.reply(/^\/a\//, { kind: "json", body: 1 }, { kind: "json", body: 2 });
    const get = async (path: string) => {
      const res = await fetch(server.url + path);
      return [res.status, await res.json()];
    };
    expect(await get("/a/x")).toEqual([200, 1]);
    expect(await get("/a/y")).toEqual([200, 2]);
    expect((await get("/a/z"))[0]).toBe(404);
    server.fallback((request) => ({ kind: "json", status: 202, body: request.path }));
    expect(await get("/b?q=1")).toEqual([202, "/b?q=1"]);
    expect(server.requests.map((r) => r.body)).toEqual(["", "", "", ""]);
    server.reset();
    expect(server.requests).toEqual([]);
  });
});

describe("OpenAI", () => {
  const client = (maxRetries = 0) => new OpenAI({ apiKey: "test", baseURL: server.url + "/v1", maxRetries });

  it("answers a chat completion with usage details", async () => {
    const usage = { promptTokens: 11, completionTokens: 3, cachedTokens: 4, reasoningTokens: 2 };
    server.reply("/v1/chat/completions", chatCompletion({ content: "Hi there", usage }));
    const completion = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]!.message.content).toBe("Hi there");
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 });
    expect(completion.usage!.prompt_tokens_details!.cached_tokens).toBe(4);
    expect(completion.usage!.completion_tokens_details!.reasoning_tokens).toBe(2);
    const [request] = server.requests;
    expect(request!.headers.authorization).toBe("Bearer test");
    expect(request!.body).toMatchObject({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
  });

  it("streams a chat completion the SDK assembles, tool call arguments joined", async () => {
    const call = { id: "call_1", name: "get_weather", arguments: weather };
    server.reply("/v1/chat/completions", chatCompletionStream({ content: ["Let me ", "check."], toolCalls: [call], includeUsage: true, delayMs: 2 }));
    const stream = client().chat.completions.stream({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "weather?" }],
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    stream.on("content", (delta) => deltas.push(delta));
    const final = await stream.finalChatCompletion();
    expect(deltas).toEqual(["Let me ", "check."]);
    const choice = final.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBe("Let me check.");
    expect(choice.message.tool_calls).toEqual([
      { id: "call_1", type: "function", function: { name: "get_weather", arguments: JSON.stringify(weather) } },
    ]);
    expect(final.usage?.total_tokens).toBe(29);
    expect(server.requests[0]!.body).toMatchObject({ stream: true });
  });

  it("answers and streams the Responses API", async () => {
    const fn = { callId: "call_9", name: "get_weather", arguments: weather };
    const usage = { inputTokens: 5, outputTokens: 7, cachedTokens: 1, reasoningTokens: 3 };
    server.reply("/v1/responses", response({ outputText: "Sunny", functionCalls: [fn], usage }));
    const plain = await client().responses.create({ model: "gpt-4o-mini", input: "weather?" });
    expect(plain.output_text).toBe("Sunny");
    expect(plain.output.map((item) => item.type)).toEqual(["message", "function_call"]);
    expect(plain.usage).toMatchObject({
      input_tokens: 5,
      output_tokens: 7,
      total_tokens: 12,
      input_tokens_details: { cached_tokens: 1 },
      output_tokens_details: { reasoning_tokens: 3 },
    });

    server.reply("/v1/responses", responseStream({ outputText: ["Sun", "ny"], functionCalls: [fn], delayMs: 1 }));
    const stream = client().responses.stream({ model: "gpt-4o-mini", input: "weather?" });
    const types: string[] = [];
    stream.on("event", (event) => types.push(event.type));
    const final = await stream.finalResponse();
    expect(final.output_text).toBe("Sunny");
    expect(final.output[1]).toMatchObject({ type: "function_call", call_id: "call_9", arguments: JSON.stringify(weather) });
    expect(new Set(types)).toEqual(
      new Set([
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
        "response.output_text.delta",
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.function_call_arguments.delta",
        "response.function_call_arguments.done",
        "response.completed",
      ]),
    );
  });

  it("retries a 429 after retry-after 0, then succeeds", async () => {
    server.reply("/v1/chat/completions", openaiError(429, "Rate limit reached", { retryAfter: "0" }), chatCompletion({ content: "ok" }));
    const completion = await client(1).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    expect(completion.choices[0]!.message.content).toBe("ok");
    expect(server.requests.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
  });

  it("surfaces a 500 as InternalServerError with the status and body", async () => {
    server.reply("/v1/chat/completions", openaiError(500, "The server had an error"));
    const error = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 500, type: "server_error", error: { message: "The server had an error" } });
  });

  it("throws from iteration when the stream is cut", async () => {
    server.reply("/v1/chat/completions", { ...chatCompletionStream({ content: ["a", "b", "c"] }), destroyAfter: 2 });
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [], stream: true });
    const seen: string[] = [];
    await expect(async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? "");
    }).rejects.toThrow();
    expect(seen).toEqual(["", "a"]);
  });

  it("decodes embeddings (base64 by default, float on request)", async () => {
    server.reply("/v1/embeddings", embeddings({ vectors: [[0.5, -0.25, 1]], usage: { promptTokens: 3 } }));
    const result = await client().embeddings.create({ model: "text-embedding-3-small", input: "hi" });
    expect(result.data[0]!.embedding).toEqual([0.5, -0.25, 1]);
    expect(result.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    expect(server.requests[0]!.body).toMatchObject({ encoding_format: "base64" });

    server.reply("/v1/embeddings", embeddings({ vectors: [[0.1]], encodingFormat: "float" }));
    const floats = await client().embeddings.create({ model: "text-embedding-3-small", input: "hi", encoding_format: "float" });
    expect(floats.data[0]!.embedding).toEqual([0.1]);
  });

  it("aborts a hanging request, and a destroyed socket is a connection error", async () => {
    server.reply("/v1/chat/completions", { kind: "hang" }, { kind: "destroy" });
    const controller = new AbortController();
    const pending = client().chat.completions.create({ model: "m", messages: [] }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
    await expect(client().chat.completions.create({ model: "m", messages: [] })).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });
});

// Both majors the project supports; the 0.x types differ, and so does how the key is sent.
describe.each([
  ["@anthropic-ai/sdk 1.x", Anthropic, { authorization: "Bearer test" }],
  ["@anthropic-ai/sdk 0.x", AnthropicV0 as unknown as typeof Anthropic, { "x-api-key": "test" }],
])("Anthropic (%s)", (_name, Sdk, auth) => {
  const client = (maxRetries = 0) => new Sdk({ apiKey: "test", baseURL: server.url, maxRetries });
  const params = { model: "claude-haiku-4-5", max_tokens: 100, messages: [{ role: "user" as const, content: "weather?" }] };
  const use = { id: "toolu_01", name: "get_weather", input: weather };

  it("answers a message with thinking, text, tool use and cache usage", async () => {
    const usage = { inputTokens: 10, outputTokens: 20, cacheReadInputTokens: 30, cacheCreationInputTokens: 40 };
    server.reply("/v1/messages", message({ thinking: "hmm", text: "Checking", toolUses: [use], usage }));
    const result = await client().messages.create(params);
    expect(result.content.map((block) => block.type)).toEqual(["thinking", "text", "tool_use"]);
    expect(result.content[2]).toMatchObject({ type: "tool_use", id: "toolu_01", input: weather });
    expect(result.stop_reason).toBe("tool_use");
    expect(result.usage).toMatchObject({ input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 30, cache_creation_input_tokens: 40 });
    const [request] = server.requests;
    expect(request!.path).toBe("/v1/messages");
    expect(request!.headers).toMatchObject(auth);
    expect(request!.headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("streams a message the SDK assembles: thinking, text, parsed tool input", async () => {
    const usage = { outputTokens: 42, cacheReadInputTokens: 7 };
    server.reply("/v1/messages", messageStream({ thinking: ["Let me ", "think"], text: ["Hel", "lo"], toolUses: [use], usage, delayMs: 1 }));
    const stream = client().messages.stream(params);
    const texts: string[] = [];
    stream.on("text", (delta) => texts.push(delta));
    const final = await stream.finalMessage();
    expect(texts).toEqual(["Hel", "lo"]);
    expect(final.content[0]).toMatchObject({ type: "thinking", thinking: "Let me think", signature: expect.any(String) });
    expect(final.content[1]).toMatchObject({ type: "text", text: "Hello" });
    expect(final.content[2]).toMatchObject({ type: "tool_use", name: "get_weather", input: weather });
    expect(final.stop_reason).toBe("tool_use");
    expect(final.usage).toMatchObject({ output_tokens: 42, cache_read_input_tokens: 7 });
  });

  it("retries a 429 (a zero retry-after means default backoff here, so 1 ms), then succeeds", async () => {
    const limited = anthropicError(429, "rate_limit_error", "Number of requests has exceeded your rate limit", { retryAfter: "0.001" });
    server.reply("/v1/messages", limited, message({ text: "ok" }));
    const result = await client(1).messages.create(params);
    expect(result.content[0]).toMatchObject({ type: "text", text: "ok" });
    expect(server.requests).toHaveLength(2);
  });

  it("surfaces a 500 as InternalServerError with the status and error type", async () => {
    server.reply("/v1/messages", anthropicError(500, "api_error", "Internal server error"));
    const error = await client().messages.create(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Sdk.InternalServerError);
    expect(error).toMatchObject({ status: 500, error: { type: "error", error: { type: "api_error" } } });
  });

  it("throws from iteration when the stream is cut", async () => {
    server.reply("/v1/messages", { ...messageStream({ text: ["a", "b"] }), destroyAfter: 4 });
    const stream = await client().messages.create({ ...params, stream: true });
    const types: string[] = [];
    await expect(async () => {
      for await (const event of stream) types.push(event.type);
    }).rejects.toThrow();
    expect(types).toEqual(["message_start", "content_block_start", "content_block_delta"]); // the ping is skipped
  });
});

describe("Gemini", () => {
  // No retryOptions: no retries at all. With them, the delay is initialDelay (seconds), whatever Retry-After says.
  const retryOptions = { attempts: 2, initialDelay: 0.001 };
  const ai = (retry = false) => new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl: server.url, ...(retry ? { retryOptions } : {}) } });
  const model = "gemini-2.5-flash";
  const generate = `/v1beta/models/${model}:generateContent`;
  const stream = `/v1beta/models/${model}:streamGenerateContent`;

  it("answers generateContent with usage details", async () => {
    const usage = { promptTokenCount: 9, candidatesTokenCount: 2, cachedContentTokenCount: 4, thoughtsTokenCount: 5 };
    server.reply(generate, generateContentResponse({ text: "Hi", usage }));
    const result = await ai().models.generateContent({ model, contents: "hello" });
    expect(result.text).toBe("Hi");
    expect(result.usageMetadata).toMatchObject({ ...usage, totalTokenCount: 16 });
    const [request] = server.requests;
    expect(request!.headers["x-goog-api-key"]).toBe("test");
    expect(request!.body).toMatchObject({ contents: [{ role: "user", parts: [{ text: "hello" }] }] });
  });

  it("streams chunks (alt=sse) whose text the SDK exposes", async () => {
    const call = { name: "get_weather", args: weather };
    const chunked = generateContentStream({ text: "Hel" }, { text: "lo" }, { functionCalls: [call], usage: { candidatesTokenCount: 3 } });
    server.reply(stream, { ...chunked, delayMs: 1 });
    const chunks = [];
    for await (const chunk of await ai().models.generateContentStream({ model, contents: "hello" })) chunks.push(chunk);
    expect(chunks.slice(0, 2).map((chunk) => chunk.text)).toEqual(["Hel", "lo"]);
    expect(chunks[2]!.functionCalls).toEqual([call]);
    expect(chunks[2]!.candidates![0]!.finishReason).toBe("STOP");
    expect(chunks[2]!.usageMetadata?.candidatesTokenCount).toBe(3);
    expect(server.requests[0]!.path).toBe(`${stream}?alt=sse`);
  });

  it("retries a 429 only when retryOptions are set", async () => {
    server.reply(generate, geminiError(429, "Resource exhausted", { retryAfter: "0" }), generateContentResponse({ text: "ok" }));
    expect((await ai(true).models.generateContent({ model, contents: "x" })).text).toBe("ok");
    expect(server.requests).toHaveLength(2);

    server.reply(generate, geminiError(429, "Resource exhausted", { retryAfter: "0" }));
    await expect(ai().models.generateContent({ model, contents: "x" })).rejects.toMatchObject({ status: 429 });
    expect(server.requests).toHaveLength(3);
  });

  it("surfaces a 500 as ApiError with the status", async () => {
    server.reply(generate, geminiError(500, "Internal error encountered."));
    const error = await ai().models.generateContent({ model, contents: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(500);
    expect((error as ApiError).message).toContain('"status":"INTERNAL"');
  });

  it("throws from iteration when the stream is cut", async () => {
    server.reply(stream, { ...generateContentStream({ text: "a" }, { text: "b" }, { text: "c" }), destroyAfter: 1 });
    const texts: (string | undefined)[] = [];
    await expect(async () => {
      for await (const chunk of await ai().models.generateContentStream({ model, contents: "x" })) texts.push(chunk.text);
    }).rejects.toThrow();
    expect(texts).toEqual(["a"]);
    expect(server.requests).toHaveLength(1); // no continuation without a continuationToken
  });

  it("embeds through :batchEmbedContents", async () => {
    server.reply(`/v1beta/models/gemini-embedding-001:batchEmbedContents`, embedContentResponse({ vectors: [[0.1, 0.2], [0.3, 0.4]] }));
    const result = await ai().models.embedContent({ model: "gemini-embedding-001", contents: ["a", "b"] });
    expect(result.embeddings?.map((e) => e.values)).toEqual([[0.1, 0.2], [0.3, 0.4]]);
    expect(server.requests[0]!.body).toMatchObject({ requests: [{ model: "models/gemini-embedding-001", content: { parts: [{ text: "a" }] } }, {}] });
  });
});
