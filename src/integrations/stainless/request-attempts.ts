/**
 * The HTTP attempts behind one call. Stainless clients retry inside the call (429, 5xx,
 * network errors, honouring `retry-after`), sending each attempt through `client.fetch`
 * with an `x-stainless-retry-count` header; wrapping that function once per client puts
 * each attempt on the active LLM span as an event, so retries show on the one span.
 */
import { activeRecordingSpan } from "../../capture/active.js";
import { LlmCall } from "../llm/llm-call.js";

const watched = new WeakSet<object>();

export const ATTEMPT_EVENT = "traced.http.attempt";

function retryCount(init: unknown): number {
  const headers = (init as { headers?: unknown } | undefined)?.headers;
  let value: unknown;
  if (headers instanceof Headers) value = headers.get("x-stainless-retry-count");
  else if (typeof headers === "object" && headers !== null) {
    for (const [key, v] of Object.entries(headers)) if (key.toLowerCase() === "x-stainless-retry-count") value = v;
  }
  const count = Number(value);
  return Number.isInteger(count) && count >= 0 ? count : 0;
}

/** Records each HTTP attempt of `client` on the LLM span it runs under (once per client). */
export function watchRequestAttempts(client: unknown): void {
  if (typeof client !== "object" || client === null || watched.has(client)) return;
  const fetch = (client as { fetch?: unknown }).fetch;
  if (typeof fetch !== "function") return;
  watched.add(client);
  (client as { fetch: unknown }).fetch = function tracedFetch(this: unknown, ...args: unknown[]) {
    const result = Reflect.apply(fetch, this, args) as Promise<{ status?: number }>;
    const span = activeRecordingSpan();
    if (span === undefined || !LlmCall.isLlmSpan(span) || typeof result?.then !== "function") return result;
    const attempt = { "http.request.resend_count": retryCount(args[1]) };
    result.then(
      (response) => span.isEnded || span.addEvent(ATTEMPT_EVENT, { ...attempt, "http.response.status_code": response?.status ?? 0 }),
      (error: unknown) => span.isEnded || span.addEvent(ATTEMPT_EVENT, { ...attempt, "error.type": error instanceof Error ? error.name : typeof error }),
    );
    return result;
  };
}
