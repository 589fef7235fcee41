/**
 * `traced/gemini`: every `generateContent`, `generateContentStream` and `embedContent` call
 * of the Google Gen AI SDK (`@google/genai`) an LLM span, with MLflow's chat attributes and
 * token usage; streams are observed until the app has read them.
 * - `tracedGemini(ai, options?)` traces one client and returns it (same object, same type);
 * - `autolog(options?)` traces every client: those made later from their first call, those
 *   made before from their second (see ./autolog.ts); `autolog({ disable: true })` undoes it.
 */
import { describeValue, TracedUsageError } from "../../config/errors.js";
import { validateAutologOptions, validateIntegrationOptions, type AutologOptions, type IntegrationOptions } from "../llm/integration-options.js";
import { patchMethod } from "../llm/method-patches.js";
import { disableAutolog, enableAutolog } from "./autolog.js";
import { geminiAdapter, GEMINI_METHODS } from "./methods.js";

export { type IntegrationOptions as GeminiTracingOptions, type TracedMethod } from "../llm/integration-options.js";

export type GeminiAutologOptions = AutologOptions;

/** Traces every call of one GoogleGenAI client's `models` (and of its `chats`, which call them). */
export function tracedGemini<C extends object>(ai: C, options?: IntegrationOptions): C {
  const validated = validateIntegrationOptions(options, "tracedGemini");
  const models: unknown = typeof ai === "object" && ai !== null ? (ai as { models?: unknown }).models : undefined;
  if (typeof models !== "object" || models === null) {
    throw new TracedUsageError(`tracedGemini: expected a GoogleGenAI client, got ${describeValue(ai)}; pass a client made with new GoogleGenAI()`);
  }
  let traced = 0;
  for (const method of GEMINI_METHODS) {
    if (patchMethod(models, method, geminiAdapter(method, models), validated) !== undefined) traced++;
  }
  if (traced === 0) {
    throw new TracedUsageError(`tracedGemini: ${describeValue(ai)} has none of models.${GEMINI_METHODS.join(", models.")}; pass a client made with new GoogleGenAI()`);
  }
  return ai;
}

/** Traces every GoogleGenAI client of the installed SDK. */
export function autolog(options?: GeminiAutologOptions): void {
  const { disable, options: integration } = validateAutologOptions(options, "autolog (traced/gemini)");
  if (disable) disableAutolog();
  else enableAutolog(integration);
}
