/** Rebuilds model Traces from rows: the exact inverse of TraceWriter. */
import { Trace } from "../model/trace.js";
import { type TraceInfo } from "../model/trace-info.js";
import { assessmentFromRow, type AssessmentRow } from "./assessment-row.js";
import { type TraceDatabase } from "./database.js";
import { firstSpanRow } from "./schema.js";
import { spanFromRow, type SpanRow } from "./span-row.js";
import { traceInfoFromRow, type TraceRow } from "./trace-row.js";

interface KeyValueRow {
  key: string;
  value: string;
}

export class TraceReader {
  private readonly traceById;
  private readonly traceByRow;
  private readonly spansOf;
  private readonly tagsOf;
  private readonly metadataOf;
  private readonly assessmentsOf;

  constructor(db: TraceDatabase) {
    this.traceById = db.prepare<[string], TraceRow>("SELECT * FROM traces WHERE trace_id = ?");
    this.traceByRow = db.prepare<[number], TraceRow>("SELECT * FROM traces WHERE trace_row = ?");
    // Nanosecond times exceed 2^53: read this statement's integers as bigints.
    this.spansOf = db
      .prepare<[number, number], SpanRow>("SELECT * FROM spans WHERE span_row >= ? AND span_row < ? ORDER BY span_row")
      .safeIntegers(true);
    this.tagsOf = db.prepare<[number], KeyValueRow>("SELECT key, value FROM trace_tags WHERE trace_row = ? ORDER BY ordinal");
    this.metadataOf = db.prepare<[number], KeyValueRow>("SELECT key, value FROM trace_metadata WHERE trace_row = ? ORDER BY ordinal");
    this.assessmentsOf = db.prepare<[number], AssessmentRow>("SELECT * FROM assessments WHERE trace_row = ? ORDER BY rowid");
  }

  rowOf(traceId: string): TraceRow | undefined {
    return this.traceById.get(traceId);
  }

  /** The full trace (info and spans), or undefined. */
  trace(traceId: string): Trace | undefined {
    const row = this.traceById.get(traceId);
    return row && this.traceFromRow(row, true);
  }

  /** The trace stored under this row id; `withSpans: false` gives info only (for listings). */
  traceAt(traceRow: number, withSpans = true): Trace | undefined {
    const row = this.traceByRow.get(traceRow);
    return row && this.traceFromRow(row, withSpans);
  }

  info(row: TraceRow): TraceInfo {
    return {
      ...traceInfoFromRow(row),
      metadata: toMap(this.metadataOf.all(row.trace_row)),
      tags: toMap(this.tagsOf.all(row.trace_row)),
      assessments: this.assessmentsOf.all(row.trace_row).map((a) => assessmentFromRow(a, row.trace_id)),
    };
  }

  private traceFromRow(row: TraceRow, withSpans: boolean): Trace {
    const spans = withSpans ? this.spansOf.all(firstSpanRow(row.trace_row), firstSpanRow(row.trace_row + 1)).map((s) => spanFromRow(s, row.trace_id)) : [];
    return new Trace(this.info(row), spans);
  }
}

/** Own properties for every key, "__proto__" included (an assignment would set the prototype instead). */
function toMap(rows: readonly KeyValueRow[]): Record<string, string> {
  return Object.fromEntries(rows.map(({ key, value }) => [key, value]));
}
