/**
 * The reply to an OTLP export. Per the specification it is an `ExportTraceServiceResponse`
 * in the request's encoding; MLflow replies with JSON even though it labels it protobuf,
 * so the body is read by what it looks like, and an unreadable reply is not a failure.
 */
import { otlpProtoNow } from "./otlp-proto-loader.js";

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

interface ResponseShape {
  partialSuccess?: { rejectedSpans?: unknown; errorMessage?: unknown } | null;
}

/** The partial success a reply reports, if any spans were rejected or a warning was given. */
export function readPartialSuccess(body: Buffer): PartialSuccess | undefined {
  if (body.length === 0) return undefined;
  let reply: ResponseShape;
  try {
    reply = looksLikeJson(body)
      ? (JSON.parse(body.toString("utf8")) as ResponseShape)
      : otlpProtoNow().decodeExportTraceServiceResponse(body);
  } catch {
    return undefined;
  }
  const partial = reply?.partialSuccess;
  if (!partial) return undefined;
  const rejectedSpans = Number(partial.rejectedSpans ?? 0) || 0;
  const errorMessage = typeof partial.errorMessage === "string" ? partial.errorMessage : "";
  return rejectedSpans > 0 || errorMessage ? { rejectedSpans, errorMessage } : undefined;
}

function looksLikeJson(body: Buffer): boolean {
  for (const byte of body) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b; // "{"
  }
  return false;
}
