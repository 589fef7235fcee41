/**
 * Sends traced's finished spans out through the app's OpenTelemetry pipeline instead of
 * traced's own exporters: each span is handed, as the SDK's `ReadableSpan` shape, to the
 * span processor the app's TracerProvider uses (a BatchSpanProcessor and its exporter, say),
 * with its ids unchanged — so the links made by the bridge hold in what OTel exports.
 * Attribute values stay MLflow's JSON text (`mlflow.spanInputs`, …), as MLflow's own
 * OpenTelemetry exporter writes them.
 */
import { SpanKind, SpanStatusCode as OtelStatusCode, TraceFlags, type Attributes, type AttributeValue, type HrTime, type SpanContext } from "@opentelemetry/api";
import { TRACED_VERSION } from "../config/registry.js";
import { type TraceExporter } from "../export/exporter.js";
import { type EventAttributeValue, type Span } from "../model/span.js";
import { SpanStatusCode } from "../model/status.js";
import { type Trace } from "../model/trace.js";

/** The parts of an OTel SDK resource that span processors and exporters read. */
export interface OtelResource {
  readonly attributes: Attributes;
  readonly asyncAttributesPending?: boolean;
  readonly schemaUrl?: string;
}

/** A finished span as the OTel SDK's span processors take it (its `ReadableSpan`). */
export interface OtelReadableSpan {
  readonly name: string;
  readonly kind: SpanKind;
  spanContext(): SpanContext;
  readonly parentSpanContext?: SpanContext;
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly duration: HrTime;
  readonly ended: boolean;
  readonly status: { code: OtelStatusCode; message?: string };
  readonly attributes: Attributes;
  readonly links: [];
  readonly events: { name: string; time: HrTime; attributes?: Attributes }[];
  readonly resource: OtelResource;
  readonly instrumentationScope: { name: string; version?: string };
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

/** The SDK span processor surface used here (`SimpleSpanProcessor`, `BatchSpanProcessor`, …). */
export interface OtelSpanProcessor {
  onEnd(span: never): void;
  forceFlush(): Promise<void>;
}

export interface SpanProcessorExporterOptions {
  /** The resource of the app's TracerProvider, so traced's spans are grouped with its own. */
  resource?: OtelResource;
}

const NS_PER_SECOND = 1_000_000_000n;
const DEFAULT_RESOURCE: OtelResource = { attributes: { "service.name": "traced" }, asyncAttributesPending: false };
const SCOPE = { name: "traced", version: TRACED_VERSION };

function hrTime(ns: bigint): HrTime {
  return [Number(ns / NS_PER_SECOND), Number(ns % NS_PER_SECOND)];
}

function statusOf(span: Span): OtelReadableSpan["status"] {
  if (span.status.code === SpanStatusCode.ERROR) return { code: OtelStatusCode.ERROR, message: span.status.message };
  return { code: span.status.code === SpanStatusCode.OK ? OtelStatusCode.OK : OtelStatusCode.UNSET };
}

/** OTel attribute values are primitives or flat arrays of them; anything else goes as JSON text. */
function attributeValue(value: EventAttributeValue): AttributeValue | undefined {
  if (value === null) return undefined;
  if (typeof value !== "object") return value;
  return value.every((item) => typeof item === "string") || value.every((item) => typeof item === "number") || value.every((item) => typeof item === "boolean")
    ? (value as AttributeValue)
    : JSON.stringify(value);
}

function eventAttributes(attributes: Readonly<Record<string, EventAttributeValue>>): Attributes {
  const result: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    const converted = attributeValue(value);
    if (converted !== undefined) result[key] = converted;
  }
  return result;
}

export function toReadableSpan(span: Span, resource: OtelResource): OtelReadableSpan {
  const traceId = span.traceId.replace(/^tr-/, "");
  const startNs = span.startTimeNs;
  const endNs = span.endTimeNs ?? startNs;
  const context: SpanContext = { traceId, spanId: span.spanId, traceFlags: TraceFlags.SAMPLED };
  return {
    name: span.name,
    kind: SpanKind.INTERNAL,
    spanContext: () => context,
    ...(span.parentId === null ? {} : { parentSpanContext: { traceId, spanId: span.parentId, traceFlags: TraceFlags.SAMPLED } }),
    startTime: hrTime(startNs),
    endTime: hrTime(endNs),
    duration: hrTime(endNs - startNs),
    ended: true,
    status: statusOf(span),
    attributes: { ...span.attributes },
    links: [],
    events: span.events.map((event) => ({ name: event.name, time: hrTime(event.timeUnixNano), attributes: eventAttributes(event.attributes) })),
    resource,
    instrumentationScope: SCOPE,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/**
 * A traced destination that feeds an OTel span processor:
 * `setDestination(new OpenTelemetrySpanProcessorExporter(processor, { resource }))`, where
 * `processor` is the one given to the app's TracerProvider. The processor stays the app's:
 * traced flushes it but never shuts it down.
 */
export class OpenTelemetrySpanProcessorExporter implements TraceExporter {
  readonly name = "opentelemetry";
  private readonly resource: OtelResource;

  constructor(
    private readonly processor: OtelSpanProcessor,
    options: SpanProcessorExporterOptions = {},
  ) {
    this.resource = options.resource ?? DEFAULT_RESOURCE;
  }

  export(traces: readonly Trace[]): void {
    for (const trace of traces) {
      for (const span of trace.spans) this.processor.onEnd(toReadableSpan(span, this.resource) as never);
    }
  }

  exportSync(traces: readonly Trace[]): void {
    this.export(traces);
  }

  forceFlush(): Promise<void> {
    return this.processor.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.processor.forceFlush();
  }
}
