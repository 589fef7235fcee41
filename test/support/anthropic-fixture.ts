/**
 * For the Anthropic integration's tests: both supported SDK majors (the current
 * `@anthropic-ai/sdk` 1.x and the previous 0.137, installed as the alias `anthropic-sdk-v0`)
 * for `describe.each`, one wire server per test file, a fresh in-memory destination per test.
 */
import * as v1 from "@anthropic-ai/sdk";
import * as v0 from "anthropic-sdk-v0";
import { autolog } from "../../src/integrations/anthropic/index.js";
import { useLlmTestContext, type LlmTestContext } from "./llm-test-context.js";

export type AnthropicSdk = typeof v1 | typeof v0;
/** Typed as the current major: the previous one has the same shape for what the tests call. */
export type AnthropicClient = v1.Anthropic;

export const ANTHROPIC_SDKS: readonly { version: string; sdk: AnthropicSdk }[] = [
  { version: "1.x", sdk: v1 },
  { version: "0.137", sdk: v0 },
];

export interface AnthropicFixture extends LlmTestContext {
  /** A real client of `sdk` pointed at the wire server (no retries unless asked). */
  client(sdk: AnthropicSdk, options?: { maxRetries?: number }): AnthropicClient;
}

export function useAnthropic(): AnthropicFixture {
  const fixture = useLlmTestContext<AnthropicFixture>(() => autolog({ disable: true }));
  fixture.client = (sdk, options = {}) => new sdk.Anthropic({ apiKey: "test", baseURL: fixture.server.url, maxRetries: options.maxRetries ?? 0 }) as AnthropicClient;
  return fixture;
}

export const MESSAGES_PATH = "/v1/messages";
/** A model alias no supported SDK version warns about, and the dated model a reply names as the one that answered. */
export const REQUEST_MODEL = "claude-haiku-4-5";
export const ANSWERING_MODEL = "claude-haiku-4-5-20251001";

/** The smallest valid request. */
export function basicParams<E extends object = {}>(extra: E = {} as E) {
  return { model: REQUEST_MODEL, max_tokens: 64, messages: [{ role: "user" as const, content: "Say hello" }], ...extra };
}

/** The same request, streamed. */
export const streamParams = () => ({ ...basicParams(), stream: true as const });
