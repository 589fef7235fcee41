/**
 * Model loading as its own span: `autolog()` wraps the library's `from_pretrained` (the one
 * the `AutoModel…` classes share, and the one every model class inherits), which is what
 * `pipeline(task, model)` calls. The span holds the model id and load options; the loaded
 * model is remembered with its id, so the pipeline's call spans can name their model.
 */
import { activeRecordingSpan } from "../../capture/active.js";
import { openBlockSpan, runInSpan } from "../../capture/block-spans.js";
import { isRecordingSpan, type RecordingSpan } from "../../capture/recording-span.js";
import { failSpan } from "../../capture/traced-call.js";
import { config, diagnostics } from "../../config/registry.js";
import { SpanType } from "../../model/span-type.js";

/** Attributes of load and call spans beside MLflow's own. */
export const TransformersAttributeKey = {
  MODEL_ID: "traced.transformers.modelId",
  TASK: "traced.transformers.task",
  DTYPE: "traced.transformers.dtype",
  DEVICE: "traced.transformers.device",
} as const;

const modelIds = new WeakMap<object, string>();
const loadSpans = new WeakSet<object>();

/** The id a model was loaded by (`pipeline(task, id)`, `from_pretrained(id)`), when traced saw it. */
export function modelIdOf(model: unknown): string | undefined {
  return (typeof model === "object" || typeof model === "function") && model !== null ? modelIds.get(model) : undefined;
}

interface LoadOptions {
  dtype?: unknown;
  device?: unknown;
  [key: string]: unknown;
}

/** The options worth recording: not the progress callback or a config object passed through. */
function recordedOptions(options: LoadOptions | undefined): Record<string, unknown> | undefined {
  if (typeof options !== "object" || options === null) return undefined;
  const recorded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === "progress_callback" || key === "config" || value === null || value === undefined) continue;
    recorded[key] = value;
  }
  return recorded;
}

function describeModel(model: unknown): unknown {
  const modelConfig = (model as { config?: { model_type?: unknown; architectures?: unknown } } | null)?.config;
  const sessions = (model as { sessions?: object } | null)?.sessions;
  return { model_type: modelConfig?.model_type, architectures: modelConfig?.architectures, sessions: typeof sessions === "object" && sessions !== null ? Object.keys(sessions) : undefined };
}

function openLoadSpan(loader: unknown, id: unknown, options: LoadOptions | undefined): RecordingSpan | undefined {
  const className = typeof loader === "function" && loader.name !== "" ? loader.name : "PreTrainedModel";
  const span = openBlockSpan({ name: `${className}.from_pretrained`, spanType: SpanType.UNKNOWN });
  if (!isRecordingSpan(span)) return undefined;
  span.setInputs({ pretrained_model_name_or_path: id, options: recordedOptions(options) });
  if (typeof id === "string") span.setAttribute(TransformersAttributeKey.MODEL_ID, id);
  if (typeof options?.dtype === "string") span.setAttribute(TransformersAttributeKey.DTYPE, options.dtype);
  if (typeof options?.device === "string") span.setAttribute(TransformersAttributeKey.DEVICE, options.device);
  loadSpans.add(span);
  return span;
}

function remember(model: unknown, id: unknown): void {
  if ((typeof model === "object" || typeof model === "function") && model !== null && typeof id === "string") modelIds.set(model, id);
}

/** Remembers the id of the model `result` resolves to (a load not traced, e.g. tracing off). */
function rememberId(result: unknown, id: unknown): unknown {
  if (typeof (result as Promise<unknown> | null)?.then === "function") (result as Promise<unknown>).then((model) => remember(model, id), () => undefined);
  return result;
}

/** Wraps a static `from_pretrained` so each load is a span and its model remembers its id. */
export function tracedFromPretrained(original: Function): Function {
  const traced = function (this: unknown, ...args: unknown[]): unknown {
    const [id, options] = args as [unknown, LoadOptions | undefined];
    const active = activeRecordingSpan();
    // AutoModel.from_pretrained calls the model class's own: one load, one span.
    if (!config.enabled || (active !== undefined && loadSpans.has(active))) return rememberId(Reflect.apply(original, this, args), id);
    let span: RecordingSpan | undefined;
    try {
      span = openLoadSpan(this, id, options);
    } catch (error) {
      diagnostics.reportOnce("transformers-load-span-failed", "Tracing a transformers.js model load failed; it was not traced", error);
    }
    if (span === undefined) return rememberId(Reflect.apply(original, this, args), id);
    let result: unknown;
    try {
      result = runInSpan(span, () => Reflect.apply(original, this, args));
    } catch (error) {
      failSpan(span, error);
      throw error;
    }
    if (typeof (result as Promise<unknown> | null)?.then !== "function") {
      span.finish();
      return result;
    }
    const loading = span;
    (result as Promise<unknown>).then(
      (model) => {
        remember(model, id);
        loading.setOutputs(describeModel(model));
        loading.finish();
      },
      (error: unknown) => failSpan(loading, error),
    );
    return result;
  };
  Object.defineProperty(traced, "name", { value: original.name, configurable: true });
  return traced;
}
