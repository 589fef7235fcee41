/**
 * `@google/genai` retries (when `httpOptions.retryOptions` asks it to) inside its API
 * client's `apiCall`, fetching once per attempt with the `fetchFn` it is given (the global
 * `fetch` when none). Wrapping `apiCall` once per API client hands it a counting fetch, so
 * each attempt is reported to the LLM span it runs under. Which fetch runs is unchanged.
 */
import { recordAttempt } from "../llm/request-attempts.js";

const watched = new WeakSet<object>();

export function watchRequestAttempts(apiClient: unknown): void {
  if (typeof apiClient !== "object" || apiClient === null || watched.has(apiClient)) return;
  const apiCall = (apiClient as { apiCall?: unknown }).apiCall;
  if (typeof apiCall !== "function") return;
  watched.add(apiClient);
  (apiClient as { apiCall: unknown }).apiCall = function tracedApiCall(this: unknown, ...args: unknown[]) {
    const fetchFn = typeof args[5] === "function" ? (args[5] as (...a: unknown[]) => unknown) : undefined;
    let attempt = 0;
    args[5] = (...fetchArgs: unknown[]) => {
      const response = fetchFn === undefined ? Reflect.apply(globalThis.fetch, undefined, fetchArgs) : Reflect.apply(fetchFn, undefined, fetchArgs);
      recordAttempt(response, attempt++);
      return response;
    };
    return Reflect.apply(apiCall, this, args);
  };
}
