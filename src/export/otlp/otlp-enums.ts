/** `Span.SpanKind` and `Status.StatusCode` values (apart from the encoder, which loads on first export). */
export const OtlpSpanKind = { UNSPECIFIED: 0, INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;
export const OtlpStatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;
