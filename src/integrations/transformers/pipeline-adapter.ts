/**
 * How a transformers.js pipeline call (`await pipe(input, options)`, which runs the
 * pipeline's `_call`) maps onto an LLM call: the task names the span and gives its type,
 * the input and options are its inputs, the pipeline's result its outputs (tensors as their
 * shape, type and values), and the token counts come from the model hooks.
 */
import { activeRecordingSpan } from "../../capture/active.js";
import { diagnostics } from "../../config/registry.js";
import { type LlmCall, type LlmRequest } from "../llm/llm-call.js";
import { type MethodAdapter } from "../llm/traced-method.js";
import { hookModel } from "./model-hooks.js";
import { modelIdOf, TransformersAttributeKey } from "./model-loading.js";
import { baseTask, isChatInput, spanTypeOf } from "./tasks.js";
import { countedUsage } from "./token-counts.js";

/** `mlflow.llm.provider` of a model run in the app's process (processing/trace-cost.ts does not price it). */
export const LOCAL_PROVIDER = "transformers.js";

interface PipelineLike {
  task?: unknown;
  model?: { config?: { model_type?: unknown; architectures?: unknown } };
}

/** Which pipeline each open call span is for: a subclass's `_call` running its parent's is one call. */
const pipelineOfSpan = new WeakMap<object, object>();

/** The model's name: the id it was loaded by, else what its config says it is. */
function modelName(pipe: PipelineLike, fallback: string | undefined): string | undefined {
  const id = modelIdOf(pipe.model) ?? fallback;
  if (id !== undefined) return id;
  const architectures = pipe.model?.config?.architectures;
  if (Array.isArray(architectures) && typeof architectures[0] === "string") return architectures[0];
  const type = pipe.model?.config?.model_type;
  return typeof type === "string" ? type : undefined;
}

function requestInputs(input: unknown, options: unknown): Record<string, unknown> {
  const key = isChatInput(input) ? "messages" : "inputs";
  return typeof options === "object" && options !== null ? { [key]: input, ...options } : { [key]: input };
}

interface TensorLike {
  dims: unknown;
  type: unknown;
  tolist(): unknown;
}

function isTensor(value: unknown): value is TensorLike {
  return typeof value === "object" && value !== null && Array.isArray((value as TensorLike).dims) && typeof (value as TensorLike).tolist === "function";
}

/** A tensor as JSON can hold it (its values as nested arrays); other results as they are. */
function recordedOutputs(result: unknown): unknown {
  if (isTensor(result)) return { type: result.type, dims: result.dims, data: result.tolist() };
  return result;
}

/** `options.model` names the model of a pipeline traced on its own (autolog knows it from the load). */
export function pipelineAdapter(modelOption?: string, active?: () => boolean): MethodAdapter {
  return {
    describe(args, target): LlmRequest | undefined {
      if (active !== undefined && !active()) return undefined;
      const pipe = target as PipelineLike;
      const running = activeRecordingSpan();
      if (running !== undefined && pipelineOfSpan.get(running) === target) return undefined;
      if (typeof pipe.task !== "string") return undefined;
      hookModel(pipe.model);
      const [input, options] = args;
      const model = modelName(pipe, modelOption);
      return {
        method: `${pipe.task}`,
        defaultName: pipe.task,
        defaultSpanType: spanTypeOf(pipe.task, input),
        inputs: requestInputs(input, options),
        provider: LOCAL_PROVIDER,
        // The UI's chat view reads the pipeline's own shapes under this format.
        messageFormat: "transformers",
        model,
      };
    },
    observe(result, call, target) {
      if (typeof (result as Promise<unknown> | null)?.then !== "function") return false;
      const pipe = target as PipelineLike;
      pipelineOfSpan.set(call.span, target);
      if (typeof pipe.task === "string") call.span.setAttribute(TransformersAttributeKey.TASK, baseTask(pipe.task));
      const modelId = modelIdOf(pipe.model);
      if (modelId !== undefined) call.span.setAttribute(TransformersAttributeKey.MODEL_ID, modelId);
      (result as Promise<unknown>).then(
        (value) => settle(call, value),
        (error: unknown) => call.fail(error),
      );
      return true;
    },
  };
}

function settle(call: LlmCall, value: unknown): void {
  try {
    call.succeed({ outputs: recordedOutputs(value), usage: countedUsage(call.span) });
  } catch (error) {
    diagnostics.reportOnce("transformers-result-unrecognised", `${call.span.name} returned a result traced could not record; its span has no outputs`, error);
    call.succeed({ outputs: undefined });
  }
}
