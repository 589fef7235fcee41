/** One wire server per test file and a fresh in-memory destination per test, for the OpenAI integration's tests. */
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { autolog } from "../../src/integrations/openai/index.js";
import { startLlmWireServer, type LlmWireServer } from "./llm-wire-server.js";
import { setupTracing, type TestTracing } from "./tracing.js";

export interface OpenAIFixture {
  server: LlmWireServer;
  tracing: TestTracing;
  /** A real client pointed at the wire server (no retries unless asked). */
  client(options?: { maxRetries?: number }): OpenAI;
}

export function useOpenAI(): OpenAIFixture {
  const fixture = {} as OpenAIFixture;
  beforeAll(async () => {
    fixture.server = await startLlmWireServer();
  });
  afterAll(() => fixture.server.close());
  beforeEach(() => {
    fixture.server.reset();
    fixture.tracing = setupTracing();
  });
  afterEach(() => autolog({ disable: true }));
  fixture.client = (options = {}) => new OpenAI({ apiKey: "sk-test", baseURL: `${fixture.server.url}/v1`, maxRetries: options.maxRetries ?? 0 });
  return fixture;
}

export const CHAT_PATH = "/v1/chat/completions";
export const RESPONSES_PATH = "/v1/responses";
export const EMBEDDINGS_PATH = "/v1/embeddings";
