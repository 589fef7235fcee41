import { SpanAttributeKey } from "./keys.js";
import { spanToJsonValue } from "./mlflow-json.js";
import { type SpanStatus } from "./status.js";

/** A value allowed in a span event's attributes (stored as is, not JSON-encoded). */
export type EventAttributeValue = string | number | boolean | null | readonly EventAttributeValue[];

export interface SpanEvent {
  readonly name: string;
  readonly timeUnixNano: bigint;
  readonly attributes: Readonly<Record<string, EventAttributeValue>>;
}

/** The plain data of a finished span, as MLflow keeps it. */
export interface SpanData {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly startTimeNs: bigint;
  readonly endTimeNs: bigint | null;
  readonly status: SpanStatus;
  /** Every value is JSON text, as in MLflow (`mlflow.spanType` → `"\"LLM\""`). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly events: readonly SpanEvent[];
}

function parseJsonText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A finished, immutable span. Typed views over the MLflow attributes are decoded on demand. */
export class Span implements SpanData {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly startTimeNs: bigint;
  readonly endTimeNs: bigint | null;
  readonly status: SpanStatus;
  readonly attributes: Readonly<Record<string, string>>;
  readonly events: readonly SpanEvent[];

  constructor(data: SpanData) {
    this.traceId = data.traceId;
    this.spanId = data.spanId;
    this.parentId = data.parentId || null;
    this.name = data.name;
    this.startTimeNs = data.startTimeNs;
    this.endTimeNs = data.endTimeNs;
    this.status = data.status;
    this.attributes = data.attributes;
    this.events = data.events;
  }

  get spanType(): string {
    const type = parseJsonText(this.attributes[SpanAttributeKey.SPAN_TYPE]);
    return typeof type === "string" ? type : "UNKNOWN";
  }

  get inputs(): unknown {
    return parseJsonText(this.attributes[SpanAttributeKey.INPUTS]);
  }

  get outputs(): unknown {
    return parseJsonText(this.attributes[SpanAttributeKey.OUTPUTS]);
  }

  /** An attribute's decoded value. */
  getAttribute(key: string): unknown {
    return parseJsonText(this.attributes[key]);
  }

  /** MLflow's span JSON, so `JSON.stringify(span)` works; times as decimal strings. */
  toJSON(): Record<string, unknown> {
    return spanToJsonValue(this);
  }

  get durationMs(): number | null {
    return this.endTimeNs === null ? null : Number(this.endTimeNs - this.startTimeNs) / 1e6;
  }
}
