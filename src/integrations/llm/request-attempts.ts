/**
 * The HTTP attempts behind one LLM call. SDKs retry inside the call (429, 5xx, network
 * errors), so one logical call is one span; when a call was retried, each of its attempts
 * becomes a `traced.http.attempt` event on the span, with OpenTelemetry's
 * `http.request.resend_count` and the status code (or the error's type). Most calls need one
 * attempt: its outcome is the span's own, so it is only watched once a retry shows it failed.
 */
import { activeRecordingSpan } from "../../capture/active.js";
import { type RecordingSpan } from "../../capture/recording-span.js";
import { LlmCall } from "./llm-call.js";

export const ATTEMPT_EVENT = "traced.http.attempt";

type Response = PromiseLike<{ status?: number } | undefined>;

function watch(span: RecordingSpan, response: Response, resendCount: number): void {
  const attempt = { "http.request.resend_count": resendCount };
  response.then(
    (settled) => span.isEnded || span.addEvent(ATTEMPT_EVENT, { ...attempt, "http.response.status_code": settled?.status ?? 0 }),
    (error: unknown) => span.isEnded || span.addEvent(ATTEMPT_EVENT, { ...attempt, "error.type": error instanceof Error ? error.name : typeof error }),
  );
}

/** Reports one attempt (`response`: what the SDK's fetch returned) of the LLM call it runs under. */
export function recordAttempt(response: unknown, resendCount: number): void {
  const span = activeRecordingSpan();
  const call = span === undefined ? undefined : LlmCall.of(span);
  if (call === undefined || typeof (response as Response | undefined)?.then !== "function") return;
  if (resendCount === 0) {
    call.firstAttempt = response as Response;
    return;
  }
  const first = call.firstAttempt;
  if (first !== undefined) {
    call.firstAttempt = undefined;
    watch(call.span, first, 0);
  }
  watch(call.span, response as Response, resendCount);
}
