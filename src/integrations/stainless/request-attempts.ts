/**
 * Stainless clients send every attempt of a call through `client.fetch`, numbering retries
 * in an `x-stainless-retry-count` header: wrapping that function once per client reports
 * each attempt to the LLM span it runs under.
 */
import { recordAttempt } from "../llm/request-attempts.js";

const watched = new WeakSet<object>();

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

export function watchRequestAttempts(client: unknown): void {
  if (typeof client !== "object" || client === null || watched.has(client)) return;
  const fetch = (client as { fetch?: unknown }).fetch;
  if (typeof fetch !== "function") return;
  watched.add(client);
  (client as { fetch: unknown }).fetch = function tracedFetch(this: unknown, ...args: unknown[]) {
    const result = Reflect.apply(fetch, this, args);
    recordAttempt(result, retryCount(args[1]));
    return result;
  };
}
