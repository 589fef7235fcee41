/**
 * `autolog()` for transformers.js. Calling a pipeline runs its class's `_call` (the pipeline
 * object is a function that forwards to it), so patching `_call` on each pipeline class's
 * prototype traces every pipeline, made before or after. The classes are found as the
 * package's exports that extend the same base as `TextGenerationPipeline` (the base is not
 * exported), never by their names. Model loads are traced through `from_pretrained`.
 */
import * as transformers from "@huggingface/transformers";
import { diagnostics } from "../../config/registry.js";
import { type IntegrationOptions } from "../llm/integration-options.js";
import { AutologPatches } from "../llm/method-patches.js";
import { tracedFromPretrained } from "./model-loading.js";
import { pipelineAdapter } from "./pipeline-adapter.js";

const pipelinePatches = new AutologPatches("@huggingface/transformers");

interface StaticPatch {
  readonly target: object;
  readonly previous: PropertyDescriptor;
}
let loadPatches: StaticPatch[] = [];

function pipelinePrototypes(): object[] {
  const module = transformers as unknown as Record<string, unknown>;
  const known = module.TextGenerationPipeline;
  if (typeof known !== "function") return [];
  const base = Object.getPrototypeOf(known) as Function;
  const prototypes: object[] = [];
  for (const value of Object.values(module)) {
    if (typeof value !== "function" || !(value.prototype instanceof base)) continue;
    if (Object.getOwnPropertyDescriptor(value.prototype, "_call") !== undefined) prototypes.push(value.prototype as object);
  }
  return prototypes;
}

/** The classes whose static `from_pretrained` a model load goes through. */
function loaders(): object[] {
  const module = transformers as unknown as Record<string, unknown>;
  const found = new Set<object>();
  for (const name of ["AutoModel", "PreTrainedModel"] as const) {
    let owner: unknown = module[name];
    // The method may be inherited (the AutoModel… classes share their base's).
    while (typeof owner === "function" && !Object.hasOwn(owner, "from_pretrained")) owner = Object.getPrototypeOf(owner);
    if (typeof owner === "function") found.add(owner);
  }
  return [...found];
}

function patchLoads(): void {
  for (const target of loaders()) {
    const previous = Object.getOwnPropertyDescriptor(target, "from_pretrained");
    if (previous === undefined || typeof previous.value !== "function") continue;
    Object.defineProperty(target, "from_pretrained", { ...previous, value: tracedFromPretrained(previous.value as Function) });
    loadPatches.push({ target, previous });
  }
}

export function enableAutolog(options: IntegrationOptions): void {
  disableAutolog();
  const prototypes = pipelinePrototypes();
  if (prototypes.length === 0) {
    diagnostics.reportOnce("transformers-autolog-no-pipelines", "autolog (traced/transformers): the installed @huggingface/transformers exports no pipeline classes traced knows; pipelines are not traced (pass each to tracedPipeline())");
  }
  pipelinePatches.apply(
    prototypes.map((target) => ({ target, key: "_call", method: "Pipeline._call", adapter: pipelineAdapter() })),
    options,
  );
  patchLoads();
}

export function disableAutolog(): void {
  pipelinePatches.undo();
  for (const { target, previous } of loadPatches.reverse()) Object.defineProperty(target, "from_pretrained", previous);
  loadPatches = [];
}
