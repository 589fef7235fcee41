/**
 * `traced/openai`: every call of the OpenAI SDK (`openai`) an LLM span — chat completions,
 * responses and embeddings, streamed or not — with MLflow's chat attributes and token usage.
 * - `tracedOpenAI(client, options?)` traces one client and returns it (same object, same type);
 * - `autolog(options?)` traces every client of the installed SDK, made before or after;
 *   `autolog({ disable: true })` undoes it.
 */
import { OpenAI } from "openai";
import { describeValue, TracedUsageError } from "../../config/errors.js";
import { validateAutologOptions, validateIntegrationOptions, type AutologOptions, type IntegrationOptions } from "../llm/integration-options.js";
import { AutologPatches } from "../llm/method-patches.js";
import { prototypeTargets, traceClientMethods } from "../stainless/client-methods.js";
import { OPENAI_METHODS } from "./methods.js";

export { type IntegrationOptions as OpenAITracingOptions, type TracedMethod } from "../llm/integration-options.js";

export type OpenAIAutologOptions = AutologOptions;

/** Traces every call of one OpenAI client, and of the copies `client.withOptions(...)` makes of it. */
export function tracedOpenAI<C extends object>(client: C, options?: IntegrationOptions): C {
  const validated = validateIntegrationOptions(options, "tracedOpenAI");
  if (typeof client !== "object" || client === null) throw new TracedUsageError(`tracedOpenAI: expected an OpenAI client, got ${describeValue(client)}`);
  if (traceClientMethods(client, OPENAI_METHODS, validated) === 0) {
    throw new TracedUsageError(`tracedOpenAI: ${describeValue(client)} has none of chat.completions.create, responses.create, embeddings.create; pass a client made with new OpenAI()`);
  }
  return client;
}

const patches = new AutologPatches("openai");

/** Traces every OpenAI client of the installed SDK, including those made before this call. */
export function autolog(options?: OpenAIAutologOptions): void {
  const { disable, options: integration } = validateAutologOptions(options, "autolog (traced/openai)");
  if (disable) {
    patches.undo();
    return;
  }
  // The resources' prototypes, found through a client (no request is made): what every
  // client's `chat.completions` and so on inherit, whatever the SDK's export layout.
  const probe = new OpenAI({ apiKey: "traced-autolog-probe", baseURL: "http://127.0.0.1:9" });
  patches.apply(prototypeTargets(probe, OPENAI_METHODS), integration);
}
