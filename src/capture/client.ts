/**
 * The low-level client, for frameworks that report work through their own callbacks
 * (start/end events with ids) rather than by wrapping calls: traces and spans are started
 * and ended by explicit ids. No async context is read or changed, and no parent is
 * guessed; mistakes (an unknown id, a span ended twice) are reported with the id at fault.
 */
import { describeValue, TracedUsageError } from "../config/errors.js";
import { config } from "../config/registry.js";
import { type LiveSpan } from "../model/live-span.js";
import { type SpanStatusCode } from "../model/status.js";
import { SpanType, type SpanTypeName } from "../model/span-type.js";
import { validateTraceUpdates, type UpdateTraceOptions } from "./current-trace.js";
import { NOOP_SPAN } from "./noop-span.js";
import { RecordingSpan } from "./recording-span.js";
import { TraceBuffer } from "./trace-buffer.js";
import { traceLifecycle } from "./trace-lifecycle.js";

export interface ClientSpanOptions {
  name: string;
  spanType?: SpanTypeName;
  inputs?: unknown;
  attributes?: Record<string, unknown>;
}

export interface ClientEndOptions {
  outputs?: unknown;
  attributes?: Record<string, unknown>;
  status?: SpanStatusCode;
  statusMessage?: string;
}

export class TracingClient {
  /** Starts a trace; returns its root span (whose `traceId` and `spanId` address it later). */
  startTrace(options: ClientSpanOptions & Omit<UpdateTraceOptions, "state">): LiveSpan {
    const { tags, metadata, requestPreview, responsePreview, clientRequestId, user, session, ...spanOptions } = options;
    const updates = validateTraceUpdates({ tags, metadata, requestPreview, responsePreview, clientRequestId, user, session }, "client.startTrace");
    if (!config.enabled) return NOOP_SPAN;
    const trace = new TraceBuffer();
    trace.update(updates);
    const root = this.create(trace, undefined, spanOptions, "client.startTrace");
    trace.openedByClient = true;
    traceLifecycle.openTraces.set(trace.traceId, trace);
    return root;
  }

  startSpan(options: ClientSpanOptions & { traceId: string; parentId: string }): LiveSpan {
    const { traceId, parentId, ...spanOptions } = options;
    if (!config.enabled) return NOOP_SPAN;
    const trace = this.openTrace(traceId, "client.startSpan");
    return this.create(trace, this.span(trace, parentId, "client.startSpan"), spanOptions, "client.startSpan");
  }

  endSpan(options: ClientEndOptions & { traceId: string; spanId: string }): void {
    if (!config.enabled) return;
    const trace = this.openTrace(options.traceId, "client.endSpan");
    const span = this.span(trace, options.spanId, "client.endSpan");
    if (span === trace.root) throw new TracedUsageError(`client.endSpan: ${options.spanId} is the root span of ${options.traceId}; end it with client.endTrace`);
    span.end(options);
  }

  endTrace(options: ClientEndOptions & { traceId: string }): void {
    if (!config.enabled) return;
    this.openTrace(options.traceId, "client.endTrace").root.end(options);
  }

  private create(trace: TraceBuffer, parent: RecordingSpan | undefined, options: ClientSpanOptions, where: string): RecordingSpan {
    if (typeof options.name !== "string" || options.name === "") throw new TracedUsageError(`${where}: "name" must be a non-empty string, got ${describeValue(options.name)}`);
    const span = new RecordingSpan(trace, parent, options.name, options.spanType ?? SpanType.UNKNOWN, undefined);
    if (options.inputs !== undefined) span.setInputs(options.inputs);
    if (options.attributes !== undefined) span.setAttributes(options.attributes);
    return span;
  }

  private openTrace(traceId: string, where: string): TraceBuffer {
    const trace = traceLifecycle.openTraces.get(traceId);
    if (trace === undefined) throw new TracedUsageError(`${where}: no open trace ${describeValue(traceId)} (never started, already ended, or dropped while open: see openTraceTtlMs and maxOpenTraces)`);
    return trace;
  }

  private span(trace: TraceBuffer, spanId: string, where: string): RecordingSpan {
    const span = trace.spans.find((candidate) => candidate.spanId === spanId);
    if (span === undefined) throw new TracedUsageError(`${where}: trace ${trace.traceId} has no span ${describeValue(spanId)}`);
    return span;
  }
}
