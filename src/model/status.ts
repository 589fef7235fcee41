export const SpanStatusCode = { UNSET: "UNSET", OK: "OK", ERROR: "ERROR" } as const;
export type SpanStatusCode = (typeof SpanStatusCode)[keyof typeof SpanStatusCode];

export interface SpanStatus {
  readonly code: SpanStatusCode;
  readonly message: string;
}

export const TraceState = {
  STATE_UNSPECIFIED: "STATE_UNSPECIFIED",
  OK: "OK",
  ERROR: "ERROR",
  IN_PROGRESS: "IN_PROGRESS",
} as const;
export type TraceState = (typeof TraceState)[keyof typeof TraceState];

/** MLflow's JSON spelling of a span status code (`STATUS_CODE_OK`). */
export function statusCodeToJson(code: SpanStatusCode): string {
  return `STATUS_CODE_${code}`;
}

export function statusCodeFromJson(value: unknown): SpanStatusCode {
  const text = typeof value === "string" ? value.replace(/^STATUS_CODE_/, "") : "";
  return text === "OK" || text === "ERROR" ? text : SpanStatusCode.UNSET;
}
