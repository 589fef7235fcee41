/**
 * Writes traces: one transaction per batch, prepared statements reused for every row.
 * A trace id that is already stored is merged, not overwritten: the parts of one
 * distributed trace (a client and a server process, a worker thread) arrive separately with
 * the same id and different spans. Spans sent again replace their stored copies, so
 * re-importing the same trace is idempotent; the trace info comes from the part that holds
 * the parentless root span.
 */
import { type Trace } from "../model/trace.js";
import { assessmentToRow } from "./assessment-row.js";
import { type TraceDatabase } from "./database.js";
import { firstSpanRow, MAX_SPANS_PER_TRACE } from "./schema.js";
import { spanToRow } from "./span-row.js";
import { SummaryUpkeep } from "./summary-upkeep.js";
import { traceInfoToRow } from "./trace-row.js";

export class TraceWriter {
  private readonly findTrace;
  private readonly insertTrace;
  private readonly updateTrace;
  private readonly clearChildren;
  private readonly clearSpans;
  private readonly insertSpan;
  private readonly insertTag;
  private readonly insertMetadata;
  private readonly insertAssessment;
  private readonly readSpans;
  private readonly readTags;
  private readonly readMetadata;
  private readonly writeBatch;
  private readonly summaries;
  // The batch's traces, for the summary rows added at its end (store/summary-upkeep.ts).
  private readonly inserted = new Set<number>();
  private readonly respanned = new Set<number>();
  private readonly llmSpans: number[] = [];

  constructor(private readonly db: TraceDatabase) {
    this.findTrace = db.prepare<[string], number>("SELECT trace_row FROM traces WHERE trace_id = ?").pluck();
    const columns = "location, request_time_ms, execution_time_ms, state, request_preview, response_preview, client_request_id";
    this.insertTrace = db.prepare(
      // Positional: binding by name costs a lookup per parameter in node:sqlite.
      `INSERT INTO traces (trace_id, ${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trace_id) DO NOTHING`,
    );
    this.updateTrace = db.prepare(
      `UPDATE traces SET location = @location, request_time_ms = @request_time_ms, execution_time_ms = @execution_time_ms, state = @state,
         request_preview = @request_preview, response_preview = @response_preview, client_request_id = @client_request_id
       WHERE trace_row = @trace_row`,
    );
    this.clearChildren = ["trace_tags", "trace_metadata", "assessments"].map((table) =>
      db.prepare<[number]>(`DELETE FROM ${table} WHERE trace_row = ?`),
    );
    this.clearSpans = db.prepare<[number, number]>("DELETE FROM spans WHERE span_row >= ? AND span_row < ?");
    this.insertSpan = db.prepare(
      `INSERT INTO spans (span_row, span_id, parent_span_id, name, span_type, status_code, status_message, start_time_ns, end_time_ns, attributes, events)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertTag = db.prepare("INSERT INTO trace_tags (trace_row, key, value, ordinal) VALUES (?, ?, ?, ?)");
    this.insertMetadata = db.prepare("INSERT INTO trace_metadata (trace_row, key, value, ordinal) VALUES (?, ?, ?, ?)");
    this.insertAssessment = db.prepare(
      `INSERT INTO assessments (assessment_id, trace_row, name, kind, value_json, value_text, error_json, span_id, source_type, source_id,
         create_time_ms, last_update_time_ms, rationale, metadata_json, valid, overrides)
       VALUES (@assessment_id, @trace_row, @name, @kind, @value_json, @value_text, @error_json, @span_id, @source_type, @source_id,
         @create_time_ms, @last_update_time_ms, @rationale, @metadata_json, @valid, @overrides)
       ON CONFLICT (trace_row, assessment_id) DO NOTHING`,
    );
    this.readSpans = db.prepare<[number, number], SpanRowValues>(
      `SELECT span_id, parent_span_id, name, span_type, status_code, status_message, start_time_ns, end_time_ns, attributes, events
       FROM spans WHERE span_row >= ? AND span_row < ? ORDER BY span_row`,
    ).safeIntegers(true);
    this.readTags = db.prepare<[number], [string, string]>("SELECT key, value FROM trace_tags WHERE trace_row = ? ORDER BY ordinal").raw();
    this.readMetadata = db.prepare<[number], [string, string]>("SELECT key, value FROM trace_metadata WHERE trace_row = ? ORDER BY ordinal").raw();
    // A store of an earlier schema (only ever a test's or a bench's: opening a store migrates it) has no summary upkeep to do here.
    this.summaries = SummaryUpkeep.appliesTo(db) ? new SummaryUpkeep(db) : undefined;
    this.writeBatch = db.transaction((traces: readonly Trace[]) => {
      this.inserted.clear();
      this.respanned.clear();
      this.llmSpans.length = 0;
      for (const trace of traces) this.writeOne(trace);
      this.summaries?.add(this.inserted, this.respanned, this.llmSpans);
    });
  }

  /** Writes the traces in one transaction (BEGIN IMMEDIATE: take the write lock up front, so a busy wait happens before any work). */
  write(traces: readonly Trace[]): void {
    if (traces.length > 0) this.writeBatch.immediate(traces);
  }

  private writeOne(trace: Trace): void {
    const values = traceInfoToRow(trace.info);
    let spans = trace.spans.map(spanToRow);
    let tags = Object.entries(trace.info.tags);
    let metadata = Object.entries(trace.info.metadata);
    // A new trace (the common case) costs one statement: the insert tells whether the id was stored already.
    const inserted = this.insertTrace.run(
      values.trace_id,
      values.location,
      values.request_time_ms,
      values.execution_time_ms,
      values.state,
      values.request_preview,
      values.response_preview,
      values.client_request_id,
    );
    let traceRow: number;
    if (inserted.changes === 1) {
      traceRow = Number(inserted.lastInsertRowid);
      this.inserted.add(traceRow);
    } else {
      traceRow = this.findTrace.get(values.trace_id)!;
      this.respanned.add(traceRow);
      const stored = this.readSpans.all(firstSpanRow(traceRow), firstSpanRow(traceRow + 1));
      const incomingIds = new Set(spans.map((span) => span.span_id));
      const kept = stored.filter((span) => !incomingIds.has(span.span_id));
      const incomingHasRoot = spans.some((span) => span.parent_span_id === null);
      const storedHasRoot = kept.some((span) => span.parent_span_id === null);
      // The part holding the trace's real root describes the trace; the other only adds spans.
      const incomingDescribes = incomingHasRoot || !storedHasRoot;
      if (incomingDescribes) this.updateTrace.run({ ...values, trace_row: traceRow });
      const storedTags = this.readTags.all(traceRow);
      const storedMetadata = this.readMetadata.all(traceRow);
      tags = incomingDescribes ? union(storedTags, tags) : union(tags, storedTags);
      metadata = incomingDescribes ? union(storedMetadata, metadata) : union(metadata, storedMetadata);
      spans = [...kept, ...spans].sort((a, b) => (a.start_time_ns < b.start_time_ns ? -1 : a.start_time_ns > b.start_time_ns ? 1 : 0));
      for (const clear of this.clearChildren.slice(0, 2)) clear.run(traceRow);
      this.clearSpans.run(firstSpanRow(traceRow), firstSpanRow(traceRow + 1));
    }
    if (spans.length > MAX_SPANS_PER_TRACE) {
      throw new RangeError(`Trace ${trace.traceId} has ${spans.length} spans; the store keeps at most ${MAX_SPANS_PER_TRACE} per trace`);
    }
    let spanRow = firstSpanRow(traceRow);
    for (const row of spans) {
      if (SummaryUpkeep.mayHaveLlmFacts(row.attributes)) this.llmSpans.push(spanRow);
      this.insertSpan.run(
        spanRow++,
        row.span_id,
        row.parent_span_id,
        row.name,
        row.span_type,
        row.status_code,
        row.status_message,
        row.start_time_ns,
        row.end_time_ns,
        row.attributes,
        row.events,
      );
    }
    let ordinal = 0;
    for (const [key, value] of tags) this.insertTag.run(traceRow, key, value, ordinal++);
    ordinal = 0;
    for (const [key, value] of metadata) this.insertMetadata.run(traceRow, key, value, ordinal++);
    for (const assessment of trace.info.assessments) this.insertAssessment.run({ ...assessmentToRow(assessment), trace_row: traceRow });
  }
}

type SpanRowValues = ReturnType<typeof spanToRow>;

/** Key-value pairs of `base` overridden and extended by `winner`, in first-seen order. */
function union(base: ReadonlyArray<readonly [string, string]>, winner: ReadonlyArray<readonly [string, string]>): [string, string][] {
  const merged = new Map<string, string>(base.map(([key, value]) => [key, value]));
  for (const [key, value] of winner) merged.set(key, value);
  return [...merged];
}
