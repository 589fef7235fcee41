/**
 * Distributed tracing with W3C Trace Context: put the active span into outgoing request
 * headers (`traceparent`), and continue a trace from incoming ones, so a client and a
 * server (or a main thread and a worker) record one trace. The same headers work for
 * `worker_threads`: pass them in `workerData`. `configure({ disablePropagation: true })`
 * turns both directions off.
 */
import { describeValue, TracedUsageError } from "../config/errors.js";
import { config, diagnostics } from "../config/registry.js";
import { contextStorage } from "../context/storage.js";
import { NOT_SAMPLED } from "../context/not-sampled.js";
import { remoteParent } from "../context/remote-parent.js";
import { activeRecordingSpan } from "./active.js";

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

/** `{ traceparent }` for the active span, or `{}` outside any span. */
export function getTracingContextHeaders(): Record<string, string> {
  if (config.disablePropagation) return {};
  const span = activeRecordingSpan();
  if (span === undefined) return {};
  return { traceparent: `00-${span.trace.otelTraceId}-${span.spanId}-01` };
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (headers === null || headers === undefined) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name] ?? (headers as Record<string, unknown>)[name.toLowerCase()];
  return Array.isArray(value) ? String(value[0]) : typeof value === "string" ? value : undefined;
}

/**
 * Runs `fn` as a continuation of the trace named by the headers' `traceparent` (a Node
 * `IncomingHttpHeaders` object, a fetch `Headers`, or a plain record). Spans started in `fn`
 * join that trace as children of the remote span; a trace the caller did not sample records
 * nothing here either. Missing or malformed headers start new traces as usual (a malformed
 * one is reported once).
 */
export function withTracingContextFromHeaders<R>(headers: unknown, fn: () => R): R {
  if (typeof fn !== "function") throw new TracedUsageError(`withTracingContextFromHeaders: expected a callback, got ${describeValue(fn)}`);
  const value = config.disablePropagation ? undefined : headerValue(headers, "traceparent");
  if (value === undefined) return fn();
  const match = TRACEPARENT.exec(value.trim().toLowerCase());
  if (match === null || match[1] === "ff" || match[2] === ZERO_TRACE || match[3] === ZERO_SPAN) {
    diagnostics.reportOnce("bad-traceparent", `Ignored a malformed traceparent header: ${JSON.stringify(value.slice(0, 80))}`);
    return fn();
  }
  const sampled = (parseInt(match[4]!, 16) & 1) === 1;
  return contextStorage.run(sampled ? remoteParent(match[2]!, match[3]!) : NOT_SAMPLED, fn);
}
