/**
 * `traced/openai`: every call of the OpenAI SDK (`openai`) an LLM span — chat completions,
 * responses and embeddings, streamed or not — with MLflow's chat attributes and token usage.
 * - `tracedOpenAI(client, options?)` traces one client and returns it (same object, same type);
 * - `autolog(options?)` traces every client of the installed SDK, made before or after;
 *   `autolog({ disable: true })` undoes it.
 */
import { OpenAI } from "openai";
import { type AutologOptions, type IntegrationOptions } from "../llm/integration-options.js";
import { stainlessIntegration } from "../stainless/stainless-integration.js";
import { OPENAI_METHODS } from "./methods.js";

export { type IntegrationOptions as OpenAITracingOptions, type TracedMethod } from "../llm/integration-options.js";

export type OpenAIAutologOptions = AutologOptions;

const integration = stainlessIntegration(
  {
    packageName: "openai",
    clientName: "OpenAI",
    methods: OPENAI_METHODS,
    probe: () => new OpenAI({ apiKey: "traced-autolog-probe", baseURL: "http://127.0.0.1:9" }),
  },
  "traced/openai",
  "tracedOpenAI",
);

/** Traces every call of one OpenAI client, and of the copies `client.withOptions(...)` makes of it. */
export function tracedOpenAI<C extends object>(client: C, options?: IntegrationOptions): C {
  return integration.traceClient(client, options);
}

/** Traces every OpenAI client of the installed SDK, including those made before this call. */
export function autolog(options?: OpenAIAutologOptions): void {
  integration.autolog(options);
}
