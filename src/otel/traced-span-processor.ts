/**
 * Brings spans of other OpenTelemetry instrumentations into traced: add
 * `new TracedSpanProcessor()` to the app's TracerProvider, and each OTel span that ends is
 * recorded as a finished traced span, read through the GenAI conventions (OTel GenAI,
 * OpenInference, OpenLLMetry, the AI SDK) into MLflow's span types, inputs, outputs and token
 * usage; any other span is kept as UNKNOWN with its attributes.
 * - An OTel span of a trace traced is recording (one started inside a traced span while the
 *   bridge is enabled) joins that trace, with its OTel parent.
 * - Other OTel traces become traces of their own, with the OTel trace id, held until their
 *   local root span ends and then exported like any traced trace.
 */
import { type AttributeValue, type Context, type HrTime, type SpanContext } from "@opentelemetry/api";
import { resolveParent } from "../capture/active.js";
import { TraceBuffer } from "../capture/trace-buffer.js";
import { config, diagnostics } from "../config/registry.js";
import { contextStorage } from "../context/storage.js";
import { remoteParent } from "../context/remote-parent.js";
import { type ForeignAttributes, type ForeignEvent, type ConventionMapping } from "../integrations/llm/semconv/convention.js";
import { translateForeignSpan } from "../integrations/llm/semconv/foreign-span.js";
import { type EventAttributeValue } from "../model/span.js";
import { SpanType } from "../model/span-type.js";
import { SpanStatusCode } from "../model/status.js";
import { ForeignRecordingSpan } from "./foreign-recorded-span.js";

/** The parts of the OTel SDK's `ReadableSpan` read here (SDK 1.x names the parent `parentSpanId`). */
export interface OtelEndedSpan {
  readonly name: string;
  spanContext(): SpanContext;
  readonly parentSpanContext?: SpanContext;
  readonly parentSpanId?: string;
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly status: { code: number; message?: string };
  readonly attributes: Readonly<Record<string, AttributeValue | undefined>>;
  readonly events: readonly { name: string; time: HrTime; attributes?: Readonly<Record<string, AttributeValue | undefined>> }[];
}

export type ForeignSpanTranslator = (name: string, attributes: ForeignAttributes, events?: readonly ForeignEvent[]) => ConventionMapping | undefined;

export interface TracedSpanProcessorOptions {
  /** How spans are read; `translateForeignSpan` (every convention traced knows) by default. */
  translate?: ForeignSpanTranslator;
  /** OTel traces of their own held at once while waiting for their root span; the oldest is dropped past it. */
  maxPendingTraces?: number;
}

const OTEL_STATUS_ERROR = 2;
const NS_PER_SECOND = 1_000_000_000n;

function unixNs([seconds, nanos]: HrTime): bigint {
  return BigInt(seconds) * NS_PER_SECOND + BigInt(nanos);
}

function parentOf(span: OtelEndedSpan): { spanId: string; isRemote: boolean } | undefined {
  if (span.parentSpanContext !== undefined) return { spanId: span.parentSpanContext.spanId, isRemote: span.parentSpanContext.isRemote === true };
  return span.parentSpanId === undefined || span.parentSpanId === "" ? undefined : { spanId: span.parentSpanId, isRemote: false };
}

function eventAttributes(attributes: OtelEndedSpan["events"][number]["attributes"]): Record<string, EventAttributeValue> {
  const result: Record<string, EventAttributeValue> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value !== undefined) result[key] = Array.isArray(value) ? value.map((item: unknown) => (item ?? null) as EventAttributeValue) : (value as EventAttributeValue);
  }
  return result;
}

export class TracedSpanProcessor {
  private readonly translate: ForeignSpanTranslator;
  private readonly maxPendingTraces: number;
  /** The traced trace each OTel span joins, noted when it starts (traced's context is active then). */
  private readonly hosts = new WeakMap<object, TraceBuffer>();
  /** Ended spans of OTel traces of their own, by OTel trace id, until the local root ends. */
  private readonly pending = new Map<string, OtelEndedSpan[]>();

  constructor(options: TracedSpanProcessorOptions = {}) {
    this.translate = options.translate ?? translateForeignSpan;
    this.maxPendingTraces = options.maxPendingTraces ?? 10_000;
  }

  onStart(span: { spanContext(): SpanContext }, _parentContext?: Context): void {
    try {
      const local = resolveParent(contextStorage.getStore());
      if (local !== undefined && !local.trace.finished && local.trace.otelTraceId === span.spanContext().traceId) this.hosts.set(span, local.trace);
    } catch (error) {
      diagnostics.reportOnce("otel-processor-failed", "TracedSpanProcessor failed to record an OpenTelemetry span; the span is skipped", error);
    }
  }

  onEnd(span: OtelEndedSpan): void {
    try {
      if (!config.enabled) return;
      const host = this.hosts.get(span);
      if (host !== undefined) this.record(host, span);
      else this.holdUntilRoot(span);
    } catch (error) {
      diagnostics.reportOnce("otel-processor-failed", "TracedSpanProcessor failed to record an OpenTelemetry span; the span is skipped", error);
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Traces whose root never ended are not exported: OTel never finished them either. */
  shutdown(): Promise<void> {
    this.pending.clear();
    return Promise.resolve();
  }

  private holdUntilRoot(span: OtelEndedSpan): void {
    const traceId = span.spanContext().traceId;
    const parent = parentOf(span);
    const spans = this.pending.get(traceId) ?? [];
    if (parent !== undefined && !parent.isRemote) {
      if (spans.length === 0) this.makeRoomForTrace();
      this.pending.set(traceId, spans);
      spans.push(span);
      return;
    }
    this.pending.delete(traceId);
    // The local root, continuing a remote parent if it has one; its trace keeps OTel's id.
    const trace = new TraceBuffer(remoteParent(traceId, parent?.spanId ?? ""));
    const root = this.record(trace, span, false);
    const children = spans.sort((a, b) => Number(unixNs(a.startTime) - unixNs(b.startTime))).map((child) => this.record(trace, child, false));
    for (const child of children) child.finish();
    root.finish();
  }

  private makeRoomForTrace(): void {
    if (this.pending.size < this.maxPendingTraces) return;
    const oldest = this.pending.keys().next().value!;
    this.pending.delete(oldest);
    diagnostics.reportOnce("otel-pending-trace-dropped", `TracedSpanProcessor dropped OpenTelemetry trace ${oldest}: more than ${this.maxPendingTraces} traces were waiting for their root span to end`);
  }

  private record(trace: TraceBuffer, span: OtelEndedSpan, finish = true): ForeignRecordingSpan {
    const mapping = this.mappingOf(span);
    const parent = parentOf(span);
    const recorded = new ForeignRecordingSpan(trace, span.name, mapping?.spanType ?? SpanType.UNKNOWN, {
      spanId: span.spanContext().spanId,
      parentId: parent?.spanId ?? null,
      startUnixNs: unixNs(span.startTime),
      endUnixNs: unixNs(span.endTime),
    });
    for (const [key, value] of Object.entries(span.attributes)) if (value !== undefined) recorded.setAttribute(key, value);
    if (mapping !== undefined) {
      if (mapping.inputs !== undefined) recorded.setInputs(mapping.inputs);
      if (mapping.outputs !== undefined) recorded.setOutputs(mapping.outputs);
      recorded.setAttributes(mapping.attributes);
    }
    for (const event of span.events) recorded.addEvent(event.name, eventAttributes(event.attributes), Number(unixNs(event.time) / 1_000_000n));
    if (span.status.code === OTEL_STATUS_ERROR) recorded.setStatus(SpanStatusCode.ERROR, span.status.message ?? "");
    if (finish) recorded.finish();
    return recorded;
  }

  /** The conventions' reading; a translator that throws leaves the span as it came (UNKNOWN, its attributes). */
  private mappingOf(span: OtelEndedSpan): ConventionMapping | undefined {
    try {
      return this.translate(span.name, span.attributes as ForeignAttributes, span.events as readonly ForeignEvent[]);
    } catch (error) {
      diagnostics.reportOnce("otel-translate-failed", `Could not read OpenTelemetry span "${span.name}" through the GenAI conventions; it is kept untranslated`, error);
      return undefined;
    }
  }
}
