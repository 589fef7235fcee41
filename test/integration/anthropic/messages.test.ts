/**
 * traced/anthropic on non-streamed Messages calls, with the real SDK (current and previous
 * major) against the local wire server: what one span records, where it nests, and how
 * HTTP errors and retries show on it.
 */
import { describe, expect, it } from "vitest";
import { SpanType, trace, TracedUsageError, withSpan } from "../../../src/index.js";
import { tracedAnthropic } from "../../../src/integrations/anthropic/index.js";
import { ANSWERING_MODEL, ANTHROPIC_SDKS, basicParams, MESSAGES_PATH as PATH, REQUEST_MODEL, useAnthropic } from "../../support/anthropic-fixture.js";
import { anthropicError, message } from "../../support/llm-replies/anthropic.js";

const anthropic = useAnthropic();

const weatherTool = { name: "get_weather", description: "Weather by city", input_schema: { type: "object" as const, properties: { city: { type: "string" } }, required: ["city"] } };
const webSearch = { type: "web_search_20250305" as const, name: "web_search" as const, max_uses: 1 };

async function onlyLlmSpan() {
  const trace = await anthropic.tracing.onlyTrace();
  const spans = trace.spans.filter((span) => span.spanType === SpanType.CHAT_MODEL);
  expect(spans).toHaveLength(1);
  return { trace, span: spans[0]! };
}

describe.each(ANTHROPIC_SDKS)("@anthropic-ai/sdk $version messages.create", ({ sdk }) => {
  const client = (options?: { maxRetries?: number }) => tracedAnthropic(anthropic.client(sdk, options));

  it("records the request, the message, usage with cache counts, tools, model, provider and format", async () => {
    anthropic.server.reply(PATH, message({ text: "Sunny.", model: ANSWERING_MODEL, usage: { inputTokens: 30, outputTokens: 5, cacheReadInputTokens: 100, cacheCreationInputTokens: 20 } }));
    const params = basicParams({ tools: [weatherTool, webSearch], temperature: 0 });
    const result = await client().messages.create(params);
    expect(result.content).toMatchObject([{ type: "text", text: "Sunny." }]);

    const { span, trace } = await onlyLlmSpan();
    expect(span.name).toBe("Messages.create");
    expect(span.status.code).toBe("OK");
    expect(span.inputs).toEqual(params);
    expect(span.outputs).toEqual(JSON.parse(JSON.stringify(result)));
    // Cache reads and writes are beside input_tokens, not in it; the total does not add them.
    expect(span.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 30, output_tokens: 5, total_tokens: 35, cache_read_input_tokens: 100, cache_creation_input_tokens: 20 });
    expect(span.getAttribute("mlflow.chat.tools")).toEqual([
      { type: "function", function: { name: "get_weather", description: "Weather by city", parameters: weatherTool.input_schema } },
      { type: "function", function: { name: "web_search" } },
    ]);
    expect(span.getAttribute("mlflow.message.format")).toBe("anthropic");
    expect(span.getAttribute("mlflow.llm.provider")).toBe("anthropic");
    expect(span.getAttribute("mlflow.llm.model")).toBe(ANSWERING_MODEL);
    expect(JSON.parse(trace.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 30, output_tokens: 5, total_tokens: 35 });
  });

  it("keeps the request's model when the response has none it can read", async () => {
    anthropic.server.reply(PATH, { ...message(), body: { ...(message().body as object), model: "" } });
    await client().messages.create(basicParams());
    expect((await onlyLlmSpan()).span.getAttribute("mlflow.llm.model")).toBe(REQUEST_MODEL);
  });

  it("nests under withSpan and under a trace()-wrapped function; the trace's usage is the sum", async () => {
    anthropic.server.reply(PATH, message({ usage: { inputTokens: 10, outputTokens: 2 } }), message({ usage: { inputTokens: 7, outputTokens: 3, cacheReadInputTokens: 4 } }));
    const c = client();
    const ask = trace(async function ask() {
      return c.messages.create(basicParams());
    });
    await withSpan("agent", async () => {
      await c.messages.create(basicParams());
      await ask();
    });
    const t = await anthropic.tracing.onlyTrace();
    const root = t.rootSpan!;
    expect(root.name).toBe("agent");
    const [direct, wrapped] = t.children(root.spanId);
    expect(wrapped!.name).toBe("ask");
    const nested = t.children(wrapped!.spanId);
    expect(nested).toHaveLength(1);
    // traced keeps span names unique within a trace (numbered suffixes).
    for (const span of [direct!, nested[0]!]) expect(span.name).toMatch(/^Messages\.create(_\d+)?$/);
    expect(direct!.name).not.toBe(nested[0]!.name);
    expect(JSON.parse(t.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 17, output_tokens: 5, total_tokens: 22 });
  });

  it("beta.messages.create is traced the same way", async () => {
    anthropic.server.reply(PATH, message({ text: "beta" }));
    await client().beta.messages.create(basicParams({ betas: ["token-efficient-tools-2025-02-19"] }));
    const { span } = await onlyLlmSpan();
    expect(span.name).toBe("Messages.create");
    expect(span.inputs).toMatchObject({ betas: ["token-efficient-tools-2025-02-19"] });
    expect(span.outputs).toMatchObject({ content: [{ type: "text", text: "beta" }] });
    expect(anthropic.server.requests[0]!.headers["anthropic-beta"]).toContain("token-efficient-tools-2025-02-19");
  });

  it("a 500 fails the span; the app gets the SDK's APIError subclass with its status", async () => {
    anthropic.server.reply(PATH, anthropicError(500, "api_error", "Internal server error"));
    const error = await client()
      .messages.create(basicParams())
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.InternalServerError);
    expect(error).toBeInstanceOf(sdk.APIError);
    expect((error as InstanceType<typeof sdk.APIError>).status).toBe(500);
    const { span } = await onlyLlmSpan();
    expect(span.status.code).toBe("ERROR");
    const exception = span.events.find((e) => e.name === "exception")!;
    expect(exception.attributes["exception.type"]).toBe("InternalServerError");
    expect(exception.attributes["exception.message"]).toBe((error as Error).message);
    expect(exception.attributes["exception.message"]).toContain("Internal server error");
  });

  it("a 429 with retry-after, then success, is one span with one event per HTTP attempt", async () => {
    anthropic.server.reply(PATH, anthropicError(429, "rate_limit_error", "Slow down", { retryAfter: "0.01" }), message({ text: "finally" }));
    const result = await client({ maxRetries: 1 }).messages.create(basicParams());
    expect(result.content).toMatchObject([{ text: "finally" }]);
    expect(anthropic.server.requests).toHaveLength(2);
    const { span } = await onlyLlmSpan();
    expect(span.status.code).toBe("OK");
    const attempts = span.events.filter((e) => e.name === "traced.http.attempt").map((e) => e.attributes);
    expect(attempts).toEqual([
      { "http.request.resend_count": 0, "http.response.status_code": 429 },
      { "http.request.resend_count": 1, "http.response.status_code": 200 },
    ]);
  });

  it("50 concurrent calls under 50 parents never mix", async () => {
    anthropic.server.fallback((request) => {
      const asked = (request.body as { messages: { content: string }[] }).messages[0]!.content;
      return { ...message({ text: `reply to ${asked}` }), delayMs: Number(asked.split(" ")[1]) % 5 };
    });
    const c = client();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => withSpan(`parent ${i}`, () => c.messages.create(basicParams({ messages: [{ role: "user", content: `request ${i}` }] })))),
    );
    results.forEach((result, i) => expect(result.content).toMatchObject([{ text: `reply to request ${i}` }]));
    const traces = await anthropic.tracing.traces();
    expect(traces).toHaveLength(50);
    for (const t of traces) {
      const i = t.rootSpan!.name.split(" ")[1];
      const children = t.children(t.rootSpan!.spanId);
      expect(children).toHaveLength(1);
      expect(children[0]!.inputs).toMatchObject({ messages: [{ content: `request ${i}` }] });
      expect(children[0]!.outputs).toMatchObject({ content: [{ text: `reply to request ${i}` }] });
    }
  });

  it("copies made with withOptions() are traced too", async () => {
    anthropic.server.reply(PATH, message());
    await client().withOptions({ timeout: 5_000 }).messages.create(basicParams());
    expect((await onlyLlmSpan()).span.name).toBe("Messages.create");
  });
});

describe("tracedAnthropic", () => {
  it("returns the same client, and names the problem when given something else", () => {
    const c = anthropic.client(ANTHROPIC_SDKS[0]!.sdk);
    expect(tracedAnthropic(c)).toBe(c);
    expect(() => tracedAnthropic({} as object)).toThrow(TracedUsageError);
    expect(() => tracedAnthropic({} as object)).toThrow(/has none of messages\.create, beta\.messages\.create/);
    expect(() => tracedAnthropic(null as unknown as object)).toThrow(/expected a client made with new Anthropic\(\), got null/);
    expect(() => tracedAnthropic(c, { spanType: 3 } as never)).toThrow(/"spanType" must be/);
  });
});
