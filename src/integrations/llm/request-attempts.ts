/**
 * The HTTP attempts behind one LLM call. SDKs retry inside the call (429, 5xx, network
 * errors), so one logical call is one span; each attempt an adapter reports here becomes a
 * `traced.http.attempt` event on the active LLM span, with OpenTelemetry's
 * `http.request.resend_count` and the status code (or the error's type).
 */
import { activeRecordingSpan } from "../../capture/active.js";
import { LlmCall } from "./llm-call.js";

export const ATTEMPT_EVENT = "traced.http.attempt";

/** Records one attempt (`response`: what the SDK's fetch returned) on the LLM span it runs under. */
export function recordAttempt(response: unknown, resendCount: number): void {
  const span = activeRecordingSpan();
  if (span === undefined || !LlmCall.isLlmSpan(span) || typeof (response as PromiseLike<unknown> | undefined)?.then !== "function") return;
  const attempt = { "http.request.resend_count": resendCount };
  (response as PromiseLike<{ status?: number } | undefined>).then(
    (settled) => span.isEnded || span.addEvent(ATTEMPT_EVENT, { ...attempt, "http.response.status_code": settled?.status ?? 0 }),
    (error: unknown) => span.isEnded || span.addEvent(ATTEMPT_EVENT, { ...attempt, "error.type": error instanceof Error ? error.name : typeof error }),
  );
}
