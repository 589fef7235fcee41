import { shared } from "../config/registry.js";

/**
 * A span in another process (from an incoming `traceparent` header), stored as the active
 * context: the next span started here continues that trace, as a child of that span.
 */
export interface RemoteParent {
  readonly otelTraceId: string;
  readonly spanId: string;
}

const REMOTE_BRAND = shared("context.remoteBrand", () => Symbol.for("traced.remoteParent"));

export function remoteParent(otelTraceId: string, spanId: string): RemoteParent {
  return Object.freeze({ otelTraceId, spanId, [REMOTE_BRAND]: true });
}

export function isRemoteParent(value: unknown): value is RemoteParent {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[REMOTE_BRAND] === true;
}
