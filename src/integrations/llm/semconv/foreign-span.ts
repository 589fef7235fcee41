/**
 * Any foreign span in MLflow's terms: the conventions are tried from the most specific to the
 * most general, because OpenInference, OpenLLMetry and the AI SDK also write `gen_ai.*` keys
 * and would otherwise be read as bare GenAI spans.
 */
import { translateAiSdkSpan } from "./ai-sdk.js";
import { type ConventionMapping, type ConventionTranslator, type ForeignAttributes, type ForeignEvent } from "./convention.js";
import { translateGenAiSpan } from "./gen-ai.js";
import { translateOpenInferenceSpan } from "./openinference.js";
import { translateOpenLlmetrySpan } from "./openllmetry.js";

export const FOREIGN_CONVENTIONS: readonly ConventionTranslator[] = [translateOpenInferenceSpan, translateOpenLlmetrySpan, translateAiSdkSpan, translateGenAiSpan];

/** The first convention's mapping; `undefined` for a span of none (an HTTP or database span). */
export function translateForeignSpan(name: string, attributes: ForeignAttributes, events?: readonly ForeignEvent[]): ConventionMapping | undefined {
  for (const translate of FOREIGN_CONVENTIONS) {
    const mapping = translate(name, attributes, events);
    if (mapping !== undefined) return mapping;
  }
  return undefined;
}
