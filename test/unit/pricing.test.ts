/** The pricing table's lookup rule, the cost arithmetic per provider, and configure({ pricing }). */
import { afterEach, describe, expect, it } from "vitest";
import { configure, reset, TracedUsageError } from "../../src/index.js";
import { costOf, PRICE_TABLE, PRICES_AS_OF, priceOf } from "../../src/processing/pricing/index.js";

afterEach(() => reset());

describe("priceOf", () => {
  it.each([
    ["gpt-4o-2024-08-06", "gpt-4o"],
    ["gpt-4o-mini-2024-07-18", "gpt-4o-mini"],
    ["gpt-4.1-nano-2025-04-14", "gpt-4.1-nano"],
    ["o4-mini-2025-04-16", "o4-mini"],
    ["gpt-5-mini-2025-08-07", "gpt-5-mini"],
    ["claude-sonnet-4-5-20250929", "claude-sonnet-4-5"],
    ["claude-3-5-sonnet-latest", "claude-3-5-sonnet"],
    ["claude-3-7-sonnet-20250219", "claude-3-7-sonnet"],
    ["claude-3-5-sonnet@20240620", "claude-3-5-sonnet"],
    ["models/gemini-1.5-flash-002", "gemini-1.5-flash"],
    ["gemini-2.0-flash-001", "gemini-2.0-flash"],
    ["Gemini-2.5-Pro", "gemini-2.5-pro"],
    ["openai/text-embedding-3-small", "text-embedding-3-small"],
  ])("%s is priced as %s", (model, family) => {
    expect(priceOf(model)).toBe(PRICE_TABLE[family]);
  });

  it("an exact dated entry wins over its family (gpt-4o's first snapshot kept its launch price)", () => {
    expect(priceOf("gpt-4o-2024-05-13")).toEqual({ provider: "openai", input: 5, output: 15 });
  });

  it.each(["ft:gpt-4o-mini-2024-07-18:acme::abc123", "gpt-4o-mini-x", "my-model", "claude-sonnet-4-5-preview", "llama3.2:1b", "", "constructor", "toString"])(
    "%j has no price (no prefix or fuzzy match)",
    (model) => {
      expect(priceOf(model)).toBeUndefined();
    },
  );

  it("the table says when its prices were taken", () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("costOf", () => {
  it("OpenAI: cached tokens are inside input_tokens and cost the cache-read price", () => {
    const cost = costOf({ input_tokens: 1000, output_tokens: 500, cache_read_input_tokens: 200 }, PRICE_TABLE["gpt-4o-mini"]!);
    // 800 × $0.15/M + 200 × $0.075/M; 500 × $0.60/M
    expect(cost).toEqual({ input_cost: 0.000135, output_cost: 0.0003, total_cost: 0.000435 });
  });

  it("Anthropic: cache reads and writes are reported beside input_tokens and added at their prices", () => {
    const cost = costOf({ input_tokens: 100, output_tokens: 50, cache_read_input_tokens: 1000, cache_creation_input_tokens: 400 }, PRICE_TABLE["claude-sonnet-4-5"]!);
    // 100 × $3 + 1000 × $0.30 + 400 × $3.75 = $2100 per M; 50 × $15 = $750 per M
    expect(cost).toEqual({ input_cost: 0.0021, output_cost: 0.00075, total_cost: 0.00285 });
  });

  it("reasoning tokens, part of the output, cost the reasoning price when one is set", () => {
    const cost = costOf({ input_tokens: 0, output_tokens: 1000, reasoning_tokens: 600 }, { input: 1, output: 2, reasoning: 10 });
    expect(cost).toEqual({ input_cost: 0, output_cost: 0.0068, total_cost: 0.0068 });
  });

  it("embeddings cost only their input", () => {
    expect(costOf({ input_tokens: 1_000_000, output_tokens: 0 }, PRICE_TABLE["text-embedding-3-large"]!)).toEqual({ input_cost: 0.13, output_cost: 0, total_cost: 0.13 });
  });
});

describe("configure({ pricing })", () => {
  it("adds a user's own model and overrides a listed one; reset() restores the table", () => {
    configure({ pricing: { "acme-ft-1": { input: 1, output: 2 }, "gpt-4o": { input: 9, output: 9 } } });
    expect(priceOf("acme-ft-1")).toEqual({ input: 1, output: 2 });
    expect(priceOf("gpt-4o-2024-08-06")).toEqual({ input: 9, output: 9 });
    reset();
    expect(priceOf("acme-ft-1")).toBeUndefined();
    expect(priceOf("gpt-4o")).toBe(PRICE_TABLE["gpt-4o"]);
  });

  it.each([
    [[], /"pricing" must be an object/],
    [{ m: 3 }, /pricing\["m"\] must be an object/],
    [{ m: { input: 1 } }, /pricing\["m"\]\.output must be a non-negative number/],
    [{ m: { input: -1, output: 1 } }, /pricing\["m"\]\.input must be a non-negative number/],
    [{ m: { input: 1, output: 1, cacheRead: "0.1" } }, /pricing\["m"\]\.cacheRead must be/],
    [{ m: { input: 1, output: 1, perToken: 1 } }, /pricing\["m"\]: unknown option "perToken"/],
  ])("rejects %j naming the bad entry", (pricing, message) => {
    expect(() => configure({ pricing: pricing as never })).toThrow(TracedUsageError);
    expect(() => configure({ pricing: pricing as never })).toThrow(message);
  });

  it("a rejected configure installs none of its prices", () => {
    expect(() => configure({ pricing: { good: { input: 1, output: 1 }, bad: { input: 1 } } as never })).toThrow(TracedUsageError);
    expect(priceOf("good")).toBeUndefined();
  });
});
