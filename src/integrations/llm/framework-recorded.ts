/**
 * Model calls a framework records itself (the OpenAI Agents SDK's generation and response
 * spans): while one is in progress, the SDK integration underneath (`traced/openai`'s
 * autolog) records nothing for it, so one model call is one CHAT_MODEL span, placed where
 * the framework's trace puts it. Frameworks register a check that reads their own context.
 */
import { diagnostics, shared } from "../../config/registry.js";

/** Each check answers: is a model call this framework records in progress in the current async context? */
const checks = shared("llm.frameworkRecordedCalls", () => new Set<() => boolean>());

export function registerFrameworkRecordedCheck(check: () => boolean): void {
  checks.add(check);
}

/** Whether the model call about to start is already recorded by a framework (false when none is registered). */
export function recordedByFramework(): boolean {
  if (checks.size === 0) return false;
  for (const check of checks) {
    try {
      if (check()) return true;
    } catch (error) {
      diagnostics.reportOnce("llm-framework-check-failed", "A framework's check for model calls it records threw; the call was traced by its SDK integration", error);
    }
  }
  return false;
}
