/**
 * `traced/anthropic`: every Messages call of the Anthropic SDK (`@anthropic-ai/sdk`) an LLM
 * span — `messages.create`, streamed or not, and `messages.stream()`, on `client.messages`
 * and `client.beta.messages` — with MLflow's chat attributes and token usage.
 * - `tracedAnthropic(client, options?)` traces one client and returns it (same object, same type);
 * - `autolog(options?)` traces every client of the installed SDK, made before or after;
 *   `autolog({ disable: true })` undoes it.
 */
import { Anthropic } from "@anthropic-ai/sdk";
import { describeValue, TracedUsageError } from "../../config/errors.js";
import { validateAutologOptions, validateIntegrationOptions, type AutologOptions, type IntegrationOptions } from "../llm/integration-options.js";
import { AutologPatches } from "../llm/method-patches.js";
import { prototypeTargets, traceClientMethods } from "../stainless/client-methods.js";
import { ANTHROPIC_METHODS } from "./methods.js";

export { type IntegrationOptions as AnthropicTracingOptions, type TracedMethod } from "../llm/integration-options.js";

export type AnthropicAutologOptions = AutologOptions;

/** Traces every Messages call of one Anthropic client, and of the copies `client.withOptions(...)` makes of it. */
export function tracedAnthropic<C extends object>(client: C, options?: IntegrationOptions): C {
  const validated = validateIntegrationOptions(options, "tracedAnthropic");
  if (typeof client !== "object" || client === null) throw new TracedUsageError(`tracedAnthropic: expected an Anthropic client, got ${describeValue(client)}`);
  if (traceClientMethods(client, ANTHROPIC_METHODS, validated) === 0) {
    throw new TracedUsageError(`tracedAnthropic: ${describeValue(client)} has no messages.create; pass a client made with new Anthropic()`);
  }
  return client;
}

const patches = new AutologPatches("@anthropic-ai/sdk");

/** Traces every Anthropic client of the installed SDK, including those made before this call. */
export function autolog(options?: AnthropicAutologOptions): void {
  const { disable, options: integration } = validateAutologOptions(options, "autolog (traced/anthropic)");
  if (disable) {
    patches.undo();
    return;
  }
  // A client only to reach the resources' prototypes (no request is made); the base URL
  // points nowhere so that nothing could ever be sent with this key.
  const probe = new Anthropic({ apiKey: "traced-autolog-probe", baseURL: "http://127.0.0.1:9" });
  patches.apply(prototypeTargets(probe, ANTHROPIC_METHODS), integration);
}
