/**
 * `traced/transformers`: calls of transformers.js (`@huggingface/transformers`) pipelines as
 * spans — text generation as `LLM` (`CHAT_MODEL` for a conversation) with the generated text
 * and token counts, feature extraction as `EMBEDDING`, every other task under its name —
 * and, with autolog, each model load as its own span.
 * - `tracedPipeline(pipe, options?)` traces one pipeline and returns it (same object, same type);
 * - `autolog(options?)` traces every pipeline and model load; `autolog({ disable: true })` undoes it.
 */
import { describeValue, TracedUsageError } from "../../config/errors.js";
import { validateAutologOptions, validateIntegrationOptions, type AutologOptions, type IntegrationOptions } from "../llm/integration-options.js";
import { patchMethod } from "../llm/method-patches.js";
import { disableAutolog, enableAutolog } from "./autolog.js";
import { pipelineAdapter } from "./pipeline-adapter.js";

export { type TracedMethod } from "../llm/integration-options.js";
export { TransformersAttributeKey } from "./model-loading.js";

export interface PipelineTracingOptions extends IntegrationOptions {
  /** The model's name on the spans (autolog knows it from the load; default the model's architecture). */
  model?: string;
}

export type TransformersAutologOptions = AutologOptions;

/** Traces every call of one pipeline made with `pipeline(task, model)`. */
export function tracedPipeline<P extends object>(pipe: P, options?: PipelineTracingOptions): P {
  const { model, ...validated } = validateIntegrationOptions<PipelineTracingOptions>(options, "tracedPipeline", ["model"]);
  if (model !== undefined && (typeof model !== "string" || model === "")) {
    throw new TracedUsageError(`tracedPipeline: "model" must be a non-empty string, got ${describeValue(model)}`);
  }
  const task = typeof pipe === "function" || (typeof pipe === "object" && pipe !== null) ? (pipe as { task?: unknown }).task : undefined;
  if (typeof task !== "string" || patchMethod(pipe, "_call", pipelineAdapter(model), validated) === undefined) {
    throw new TracedUsageError(`tracedPipeline: expected a pipeline made with pipeline(task, model), got ${describeValue(pipe)}`);
  }
  return pipe;
}

/** Traces every pipeline of the installed transformers.js, and every model load. */
export function autolog(options?: TransformersAutologOptions): void {
  const { disable, options: integration } = validateAutologOptions(options, "autolog (traced/transformers)");
  if (disable) disableAutolog();
  else enableAutolog(integration);
}
