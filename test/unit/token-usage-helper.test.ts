/** Token usage for a model called without an SDK integration: set on a span, in MLflow's fields, summed onto the trace. */
import { beforeEach, describe, expect, it } from "vitest";
import { setSpanTokenUsage, SpanType, startSpan, TracedUsageError, withSpan } from "../../src/index.js";
import { setupTracing, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

describe("token usage helpers", () => {
  it("span.setTokenUsage and setSpanTokenUsage record mlflow.chat.tokenUsage, total defaulting to the sum", async () => {
    await withSpan("agent", async () => {
      withSpan({ name: "call-a", spanType: SpanType.LLM }, (span) => span.setTokenUsage({ input_tokens: 10, output_tokens: 4, cache_read_input_tokens: 6 }));
      withSpan({ name: "call-b", spanType: SpanType.LLM }, () => setSpanTokenUsage({ input_tokens: 3, output_tokens: 2, total_tokens: 5, reasoning_tokens: 1 }));
    });
    const trace = await tracing.onlyTrace();
    const byName = Object.fromEntries(trace.spans.map((span) => [span.name, span.getAttribute("mlflow.chat.tokenUsage")]));
    expect(byName["call-a"]).toEqual({ input_tokens: 10, output_tokens: 4, total_tokens: 14, cache_read_input_tokens: 6 });
    expect(byName["call-b"]).toEqual({ input_tokens: 3, output_tokens: 2, total_tokens: 5, reasoning_tokens: 1 });
    expect(JSON.parse(trace.info.metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 13, output_tokens: 6, total_tokens: 19 });
  });

  it("a mistake throws where it is made, naming the field", () => {
    const span = startSpan("s");
    expect(() => span.setTokenUsage({ input_tokens: -1, output_tokens: 2 })).toThrow(/"input_tokens" must be a non-negative number/);
    expect(() => span.setTokenUsage({ input_tokens: 1, outputTokens: 2 } as never)).toThrow(/unknown field "outputTokens"/);
    expect(() => setSpanTokenUsage({ input_tokens: 1 } as never)).toThrow(TracedUsageError);
    span.end();
  });
});
