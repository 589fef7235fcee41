/** One wire server per test file and a fresh in-memory destination per test, for the OpenAI integration's tests. */
import OpenAI from "openai";
import { autolog } from "../../src/integrations/openai/index.js";
import { useLlmTestContext, type LlmTestContext } from "./llm-test-context.js";

export interface OpenAIFixture extends LlmTestContext {
  /** A real client pointed at the wire server (no retries unless asked). */
  client(options?: { maxRetries?: number }): OpenAI;
}

export function useOpenAI(): OpenAIFixture {
  const fixture = useLlmTestContext<OpenAIFixture>(() => autolog({ disable: true }));
  fixture.client = (options = {}) => new OpenAI({ apiKey: "sk-test", baseURL: `${fixture.server.url}/v1`, maxRetries: options.maxRetries ?? 0 });
  return fixture;
}

export const CHAT_PATH = "/v1/chat/completions";
export const RESPONSES_PATH = "/v1/responses";
export const EMBEDDINGS_PATH = "/v1/embeddings";
