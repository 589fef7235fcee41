/**
 * A span as one row and back, losslessly: attribute JSON texts keep their key order, event
 * times (beyond 2^53 ns) travel as decimal strings inside the events JSON.
 */
import { Span, type EventAttributeValue, type SpanEvent } from "../model/span.js";
import { type SpanStatusCode } from "../model/status.js";

export interface SpanRow {
  span_id: string;
  parent_span_id: string | null;
  name: string;
  span_type: string;
  status_code: string;
  status_message: string;
  start_time_ns: bigint;
  end_time_ns: bigint | null;
  attributes: string;
  events: string;
}

interface StoredEvent {
  name: string;
  time: string;
  attributes: Readonly<Record<string, EventAttributeValue>>;
}

const NO_EVENTS = "[]";

export function spanToRow(span: Span): SpanRow {
  return {
    span_id: span.spanId,
    parent_span_id: span.parentId,
    name: span.name,
    span_type: span.spanType,
    status_code: span.status.code,
    status_message: span.status.message,
    start_time_ns: span.startTimeNs,
    end_time_ns: span.endTimeNs,
    attributes: JSON.stringify(span.attributes),
    events: span.events.length === 0 ? NO_EVENTS : JSON.stringify(span.events.map(eventToStored)),
  };
}

function eventToStored(event: SpanEvent): StoredEvent {
  return { name: event.name, time: event.timeUnixNano.toString(), attributes: event.attributes };
}

/** `row` must come from a statement read with safeIntegers, so the ns columns are bigints. */
export function spanFromRow(row: SpanRow, traceId: string): Span {
  const events =
    row.events === NO_EVENTS
      ? []
      : (JSON.parse(row.events) as StoredEvent[]).map((e) => ({ name: e.name, timeUnixNano: BigInt(e.time), attributes: e.attributes }));
  return new Span({
    traceId,
    spanId: row.span_id,
    parentId: row.parent_span_id,
    name: row.name,
    startTimeNs: row.start_time_ns,
    endTimeNs: row.end_time_ns,
    status: { code: row.status_code as SpanStatusCode, message: row.status_message },
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    events,
  });
}
