/**
 * Hooks on the model object of a traced pipeline, so the pipeline's span learns how many
 * tokens went in and came out. They are the instance's own properties over the library's
 * methods and only count: the model's calls and results pass through unchanged.
 */
import { diagnostics } from "../../config/registry.js";
import { activeRecordingSpan } from "../../capture/active.js";
import { countForward, countGeneration, countsOf, type Counts } from "./token-counts.js";

const hooked = new WeakSet<object>();

type ModelLike = { generate?: unknown; _call?: unknown; config?: object; generation_config?: object };

function hook(model: ModelLike, key: "generate" | "_call", count: (counts: Counts, request: unknown, result: unknown) => void): void {
  const original = model[key];
  if (typeof original !== "function") return;
  const counted = function (this: unknown, ...args: unknown[]): unknown {
    // Counted for the pipeline call running now; registered before the pipeline awaits the
    // result, so the counts are in before its span ends.
    const span = activeRecordingSpan();
    const result: unknown = Reflect.apply(original, this, args);
    if (span !== undefined && typeof (result as Promise<unknown> | null)?.then === "function") {
      (result as Promise<unknown>).then(
        (value) => {
          try {
            count(countsOf(span), args[0], value);
          } catch (error) {
            diagnostics.reportOnce("transformers-token-count-failed", "Counting the tokens of a transformers.js call failed; its span has no token usage", error);
          }
        },
        () => undefined,
      );
    }
    return result;
  };
  Object.defineProperty(counted, "name", { value: (original as Function).name, configurable: true });
  Object.defineProperty(model, key, { value: counted, writable: true, configurable: true, enumerable: false });
}

/** Hooks `model` once (a pipeline's `model`); objects that are not a model are left alone. */
export function hookModel(model: unknown): void {
  if ((typeof model !== "object" && typeof model !== "function") || model === null || hooked.has(model)) return;
  hooked.add(model);
  const m = model as ModelLike;
  hook(m, "generate", (counts, request, output) => countGeneration(counts, m as Parameters<typeof countGeneration>[1], request, output));
  hook(m, "_call", (counts, request) => countForward(counts, request));
}
