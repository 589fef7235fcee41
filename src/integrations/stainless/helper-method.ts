/**
 * Stainless SDKs' stream helpers (`messages.stream()` …) send their request through the
 * resource's own `create`, marking it with an `x-stainless-helper-method` header naming the
 * helper. Reading it lets the one traced `create` name the span after what the app called.
 */
export function helperMethod(requestOptions: unknown): string | undefined {
  // Newer majors (openai 7) say it in request metadata instead of a header.
  const metadata = (requestOptions as { __metadata?: { helperMethod?: unknown } } | undefined)?.__metadata?.helperMethod;
  if (typeof metadata === "string" && metadata !== "") return metadata;
  const headers = (requestOptions as { headers?: unknown } | undefined)?.headers;
  if (typeof headers !== "object" || headers === null) return undefined;
  let value: unknown;
  if (headers instanceof Headers) value = headers.get("x-stainless-helper-method");
  else {
    // The SDKs spell it in lower case, the app may not: header names are case-insensitive.
    for (const [key, v] of Object.entries(headers)) if (key.toLowerCase() === "x-stainless-helper-method") value = v;
  }
  return typeof value === "string" && value !== "" ? value : undefined;
}
