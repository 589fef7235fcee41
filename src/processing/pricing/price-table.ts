/**
 * List prices of the mainstream OpenAI, Anthropic and Google models, in USD per million
 * tokens, as the providers published them on PRICES_AS_OF (standard tier, no batch
 * discount; Anthropic's 5-minute cache writes; Gemini's prices for prompts up to 200k
 * tokens, 128k for 1.5). Prices change: `configure({ pricing })` overrides any entry.
 */
export interface ModelPrice {
  /** Who serves the model; says how its usage counts cached tokens (see span-cost.ts). */
  readonly provider?: string;
  readonly input: number;
  readonly output: number;
  /** Cached prompt tokens read; the input price when absent. */
  readonly cacheRead?: number;
  /** Prompt tokens written to the cache; the input price when absent. */
  readonly cacheWrite?: number;
  /** Reasoning (thinking) tokens, part of the output; the output price when absent. */
  readonly reasoning?: number;
}

export const PRICES_AS_OF = "2025-11-30";

const openai = (input: number, output: number, cacheRead?: number): ModelPrice => ({ provider: "openai", input, output, ...(cacheRead === undefined ? {} : { cacheRead }) });
const anthropic = (input: number, output: number): ModelPrice => ({ provider: "anthropic", input, output, cacheRead: input / 10, cacheWrite: input * 1.25 });
const google = (input: number, output: number, cacheRead?: number): ModelPrice => ({ provider: "google", input, output, ...(cacheRead === undefined ? {} : { cacheRead }) });

/** Keyed by model family: a model id without its date or version suffix (model-prices.ts). */
export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  "gpt-4o": openai(2.5, 10, 1.25),
  // The first gpt-4o snapshot kept its launch price; an exact id wins over its family.
  "gpt-4o-2024-05-13": openai(5, 15),
  "gpt-4o-mini": openai(0.15, 0.6, 0.075),
  "gpt-4.1": openai(2, 8, 0.5),
  "gpt-4.1-mini": openai(0.4, 1.6, 0.1),
  "gpt-4.1-nano": openai(0.1, 0.4, 0.025),
  "gpt-4-turbo": openai(10, 30),
  "gpt-3.5-turbo": openai(0.5, 1.5),
  o1: openai(15, 60, 7.5),
  "o1-mini": openai(1.1, 4.4, 0.55),
  o3: openai(2, 8, 0.5),
  "o3-mini": openai(1.1, 4.4, 0.55),
  "o4-mini": openai(1.1, 4.4, 0.275),
  "gpt-5": openai(1.25, 10, 0.125),
  "gpt-5.1": openai(1.25, 10, 0.125),
  "gpt-5-mini": openai(0.25, 2, 0.025),
  "gpt-5-nano": openai(0.05, 0.4, 0.005),
  "gpt-5-pro": openai(15, 120),
  "text-embedding-3-small": openai(0.02, 0),
  "text-embedding-3-large": openai(0.13, 0),
  "text-embedding-ada-002": openai(0.1, 0),

  "claude-3-haiku": anthropic(0.25, 1.25),
  "claude-3-opus": anthropic(15, 75),
  "claude-3-5-haiku": anthropic(0.8, 4),
  "claude-3-5-sonnet": anthropic(3, 15),
  "claude-3-7-sonnet": anthropic(3, 15),
  "claude-sonnet-4": anthropic(3, 15),
  "claude-sonnet-4-5": anthropic(3, 15),
  "claude-opus-4": anthropic(15, 75),
  "claude-opus-4-1": anthropic(15, 75),
  "claude-opus-4-5": anthropic(5, 25),
  "claude-haiku-4-5": anthropic(1, 5),

  "gemini-1.5-flash": google(0.075, 0.3, 0.01875),
  "gemini-1.5-flash-8b": google(0.0375, 0.15, 0.01),
  "gemini-1.5-pro": google(1.25, 5, 0.3125),
  "gemini-2.0-flash": google(0.1, 0.4, 0.025),
  "gemini-2.0-flash-lite": google(0.075, 0.3),
  "gemini-2.5-flash": google(0.3, 2.5, 0.03),
  "gemini-2.5-flash-lite": google(0.1, 0.4, 0.01),
  "gemini-2.5-pro": google(1.25, 10, 0.125),
  "gemini-embedding-001": google(0.15, 0),
};
