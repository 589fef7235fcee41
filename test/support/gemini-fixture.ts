/** One wire server per test file and a fresh in-memory destination per test, for the Gemini integration's tests. */
import { GoogleGenAI } from "@google/genai";
import { expect } from "vitest";
import { autolog } from "../../src/integrations/gemini/index.js";
import { useLlmTestContext, type LlmTestContext } from "./llm-test-context.js";

export interface GeminiFixture extends LlmTestContext {
  /** A real client pointed at the wire server (the SDK retries only when asked). */
  client(options?: { retries?: number }): GoogleGenAI;
  /** A Vertex AI client in express mode (API key, no project), pointed at the wire server. */
  vertexClient(): GoogleGenAI;
}

export function useGemini(): GeminiFixture {
  const fixture = useLlmTestContext<GeminiFixture>(({ tracing }) => {
    autolog({ disable: true });
    // Tracing a well-formed call never needs to report anything but a model without a token price
    // (Vertex prices text-embedding-005 per character: it gets no cost, as the README says).
    expect(tracing.diagnostics.filter((d) => !d.code.startsWith("cost-unknown-model:"))).toEqual([]);
  });
  fixture.client = (options = {}) =>
    new GoogleGenAI({
      apiKey: "test-key",
      httpOptions: {
        baseUrl: fixture.server.url,
        ...(options.retries === undefined ? {} : { retryOptions: { attempts: options.retries + 1, initialDelay: 0.001, maxDelay: 0.001, jitter: 0 } }),
      },
    });
  fixture.vertexClient = () => new GoogleGenAI({ vertexai: true, apiKey: "test-key", httpOptions: { baseUrl: fixture.server.url } });
  return fixture;
}

export const MODEL = "gemini-2.5-flash";
export const GENERATE_PATH = `/v1beta/models/${MODEL}:generateContent`;
export const STREAM_PATH = `/v1beta/models/${MODEL}:streamGenerateContent`;
export const EMBED_MODEL = "gemini-embedding-001";
export const EMBED_PATH = `/v1beta/models/${EMBED_MODEL}:batchEmbedContents`;
export const VERTEX_GENERATE_PATH = `/v1beta1/publishers/google/models/${MODEL}:generateContent`;
export const VERTEX_EMBED_MODEL = "text-embedding-005";
export const VERTEX_EMBED_PATH = `/v1beta1/publishers/google/models/${VERTEX_EMBED_MODEL}:predict`;
