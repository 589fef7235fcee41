/**
 * The real Agents SDK against the local wire server: models built on an OpenAI client
 * pointed at it, the SDK's own tracing switched on (it is off under NODE_ENV=test) with its
 * default exporter removed, and a guard that fails the test file if anything (the SDK's
 * exporter to api.openai.com included) tries to reach a host other than the wire server.
 */
import { OpenAIChatCompletionsModel, OpenAIResponsesModel, setTraceProcessors, setTracingDisabled } from "@openai/agents";
import OpenAI from "openai";
import { afterAll, beforeAll, expect } from "vitest";
import { autolog } from "../../../src/integrations/openai-agents/index.js";
import { autolog as openaiAutolog } from "../../../src/integrations/openai/index.js";
import { useLlmTestContext, type LlmTestContext } from "../../support/llm-test-context.js";

export interface AgentsFixture extends LlmTestContext {
  responsesModel(): OpenAIResponsesModel;
  chatModel(): OpenAIChatCompletionsModel;
  /** URLs of fetches that were refused for going elsewhere than the wire server. */
  readonly strayFetches: string[];
}

export const MODEL = "gpt-4o-mini";

export function useAgents(): AgentsFixture {
  const fixture = useLlmTestContext<AgentsFixture>(() => {
    autolog({ disable: true });
    openaiAutolog({ disable: true });
  });
  const strayFetches: string[] = [];
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    setTraceProcessors([]);
    setTracingDisabled(false);
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (!url.startsWith("http://127.0.0.1:")) {
        strayFetches.push(url);
        return Promise.reject(new Error(`test: refused a fetch to ${url}`));
      }
      return realFetch(input, init);
    }) as typeof fetch;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
    setTracingDisabled(true);
    expect(strayFetches).toEqual([]);
  });
  const client = () => new OpenAI({ apiKey: "sk-test", baseURL: `${fixture.server.url}/v1`, maxRetries: 0 });
  Object.assign(fixture, {
    strayFetches,
    responsesModel: () => new OpenAIResponsesModel(client(), MODEL),
    chatModel: () => new OpenAIChatCompletionsModel(client(), MODEL),
  });
  return fixture;
}
