/**
 * `traced/anthropic`: every Messages call of the Anthropic SDK (`@anthropic-ai/sdk`) an LLM
 * span — `messages.create`, streamed or not, and `messages.stream()`, on `client.messages`
 * and `client.beta.messages` — with MLflow's chat attributes and token usage.
 * - `tracedAnthropic(client, options?)` traces one client and returns it (same object, same type);
 * - `autolog(options?)` traces every client of the installed SDK, made before or after;
 *   `autolog({ disable: true })` undoes it.
 */
import { Anthropic } from "@anthropic-ai/sdk";
import { type AutologOptions, type IntegrationOptions } from "../llm/integration-options.js";
import { stainlessIntegration } from "../stainless/stainless-integration.js";
import { ANTHROPIC_METHODS } from "./methods.js";

export { type IntegrationOptions as AnthropicTracingOptions, type TracedMethod } from "../llm/integration-options.js";

export type AnthropicAutologOptions = AutologOptions;

const integration = stainlessIntegration(
  {
    packageName: "@anthropic-ai/sdk",
    clientName: "Anthropic",
    methods: ANTHROPIC_METHODS,
    probe: () => new Anthropic({ apiKey: "traced-autolog-probe", baseURL: "http://127.0.0.1:9" }),
  },
  "traced/anthropic",
  "tracedAnthropic",
);

/** Traces every Messages call of one Anthropic client, and of the copies `client.withOptions(...)` makes of it. */
export function tracedAnthropic<C extends object>(client: C, options?: IntegrationOptions): C {
  return integration.traceClient(client, options);
}

/** Traces every Anthropic client of the installed SDK, including those made before this call. */
export function autolog(options?: AnthropicAutologOptions): void {
  integration.autolog(options);
}
