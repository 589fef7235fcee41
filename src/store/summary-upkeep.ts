/**
 * The summary rows of the traces a TraceWriter batch inserted (see summary-upkeep-schema.ts):
 * added once, at the end of the batch's transaction, by grouped statements over row-id ranges
 * — a few statements a batch instead of triggers for every trace, span and rollup row.
 * Triggers keep every later change right (merges, deletes, tag and metadata edits).
 */
import { type TraceDatabase } from "./database.js";
import { firstSpanRow } from "./schema.js";
import { COST_KEY, HOUR_NS, jsonNumber, LLM_ATTRIBUTE_MARKERS, SPAN_FACT_COLUMNS, TOKEN_USAGE_KEY, TRACE_FACT_VALUES } from "./summary-schema.js";
import { TAG_ROLLUP_ADD, TAG_ROLLUP_COLUMNS } from "./summary-upkeep-schema.js";

const input = jsonNumber("u.value", "$.input_tokens");
const output = jsonNumber("u.value", "$.output_tokens");

const TRACE_FACTS = `INSERT INTO trace_facts (trace_row, request_time_ms, hour, duration_ms, latency_bin, is_error, input_tokens, output_tokens, total_tokens, cost)
  SELECT t.trace_row, ${TRACE_FACT_VALUES("t")}, ${input}, ${output}, coalesce(${jsonNumber("u.value", "$.total_tokens")}, ${input} + ${output}),
    ${jsonNumber("c.value", "$.total_cost")}
  FROM traces t
  LEFT JOIN trace_metadata u ON u.trace_row = t.trace_row AND u.key = '${TOKEN_USAGE_KEY}'
  LEFT JOIN trace_metadata c ON c.trace_row = t.trace_row AND c.key = '${COST_KEY}'
  WHERE t.trace_row >= ? AND t.trace_row < ?`;

const TRACE_ROLLUP = `INSERT INTO trace_rollup (hour, latency_bin, traces, errors, input_tokens, output_tokens, total_tokens, with_tokens, cost, priced)
  SELECT hour, coalesce(latency_bin, -1), count(*), sum(is_error), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),
    coalesce(sum(total_tokens), 0), count(total_tokens), coalesce(sum(cost), 0), count(cost)
  FROM trace_facts WHERE trace_row >= ? AND trace_row < ? GROUP BY hour, coalesce(latency_bin, -1)
  ON CONFLICT (hour, latency_bin) DO UPDATE SET
    traces = traces + excluded.traces, errors = errors + excluded.errors, input_tokens = input_tokens + excluded.input_tokens,
    output_tokens = output_tokens + excluded.output_tokens, total_tokens = total_tokens + excluded.total_tokens,
    with_tokens = with_tokens + excluded.with_tokens, cost = cost + excluded.cost, priced = priced + excluded.priced`;

const TAG_ROLLUP = `INSERT INTO tag_rollup (${TAG_ROLLUP_COLUMNS})
  SELECT f.hour, g.key, g.value, count(*), sum(f.is_error), count(f.duration_ms), coalesce(sum(f.duration_ms), 0),
    coalesce(sum(f.input_tokens), 0), coalesce(sum(f.output_tokens), 0), count(f.cost), coalesce(sum(f.cost), 0)
  FROM trace_tags g JOIN trace_facts f ON f.trace_row = g.trace_row
  WHERE g.trace_row >= ? AND g.trace_row < ? GROUP BY f.hour, g.key, g.value
  ${TAG_ROLLUP_ADD}`;

// Most spans name no model, usage or cost: their facts are columns of the row (what
// span_contributions gives them too). The writer knows which spans do, and only those are
// parsed (by span_contributions), instead of every span's attributes searched in SQL.
const SPAN_FACTS_PLAIN = `INSERT INTO span_facts (${SPAN_FACT_COLUMNS})
  SELECT span_row, start_time_ns, start_time_ns / ${HOUR_NS}, name, '', status_code = 'ERROR',
    CASE WHEN end_time_ns IS NOT NULL THEN (end_time_ns - start_time_ns) / 1000000.0 END, NULL, NULL, NULL
  FROM spans WHERE span_row >= ? AND span_row < ?`;

const SPAN_FACTS_LLM = `UPDATE span_facts SET (model, input_tokens, output_tokens, cost) =
    (SELECT c.model, c.input_tokens, c.output_tokens, c.cost FROM span_contributions c WHERE c.span_row = span_facts.span_row)
  WHERE span_row IN (SELECT value FROM json_each(?))`;

const SPAN_FACTS = `INSERT INTO span_facts (${SPAN_FACT_COLUMNS}) SELECT ${SPAN_FACT_COLUMNS} FROM span_contributions WHERE span_row >= ? AND span_row < ?`;

const SPAN_ROLLUP = `INSERT INTO span_rollup (hour, name, model, spans, errors, timed, duration_ms, input_tokens, output_tokens, priced, cost)
  SELECT hour, name, model, count(*), sum(is_error), count(duration_ms), coalesce(sum(duration_ms), 0), coalesce(sum(input_tokens), 0),
    coalesce(sum(output_tokens), 0), count(cost), coalesce(sum(cost), 0)
  FROM span_facts WHERE span_row >= ? AND span_row < ? GROUP BY hour, name, model
  ON CONFLICT (hour, name, model) DO UPDATE SET
    spans = spans + excluded.spans, errors = errors + excluded.errors, timed = timed + excluded.timed,
    duration_ms = duration_ms + excluded.duration_ms, input_tokens = input_tokens + excluded.input_tokens,
    output_tokens = output_tokens + excluded.output_tokens, priced = priced + excluded.priced, cost = cost + excluded.cost`;

export class SummaryUpkeep {
  private readonly traceStatements;
  private readonly spanStatements;
  private readonly plainSpanFacts;
  private readonly llmSpanFacts;
  private readonly spanRollup;

  /** Whether the store's schema has the writer add summary rows (migration 3 on). */
  static appliesTo(db: TraceDatabase): boolean {
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tag_rollup'").get() !== undefined;
  }

  constructor(db: TraceDatabase) {
    this.traceStatements = [TRACE_FACTS, TRACE_ROLLUP, TAG_ROLLUP].map((sql) => db.prepare<[number, number]>(sql));
    this.spanStatements = [SPAN_FACTS, SPAN_ROLLUP].map((sql) => db.prepare<[number, number]>(sql));
    this.plainSpanFacts = db.prepare<[number, number]>(SPAN_FACTS_PLAIN);
    this.llmSpanFacts = db.prepare<[string]>(SPAN_FACTS_LLM);
    this.spanRollup = this.spanStatements[1]!;
  }

  /** Whether a span's attributes (as stored) may name a model, usage or cost: the test span_contributions makes. */
  static mayHaveLlmFacts(attributes: string): boolean {
    return LLM_ATTRIBUTE_MARKERS.some((marker) => attributes.includes(marker));
  }

  /**
   * `inserted`: traces inserted in this transaction (they have no summary rows yet);
   * `respanned`: stored traces whose spans a merge replaced (their span rows went with them);
   * `llmSpans`: the row ids of the inserted traces' spans for which mayHaveLlmFacts holds.
   * Must run in the transaction that wrote them, after the last write.
   */
  add(inserted: ReadonlySet<number>, respanned: ReadonlySet<number>, llmSpans: readonly number[]): void {
    for (const [first, end] of ranges(inserted)) {
      for (const statement of this.traceStatements) statement.run(first, end);
      this.plainSpanFacts.run(firstSpanRow(first), firstSpanRow(end));
    }
    // Rows of spans a later trace of the batch replaced are gone: updating them changes nothing.
    if (llmSpans.length > 0) this.llmSpanFacts.run(JSON.stringify(llmSpans));
    for (const [first, end] of ranges(inserted)) this.spanRollup.run(firstSpanRow(first), firstSpanRow(end));
    // A trace inserted and then merged in the same batch is among the inserted.
    for (const [first, end] of ranges([...respanned].filter((row) => !inserted.has(row)))) {
      for (const statement of this.spanStatements) statement.run(firstSpanRow(first), firstSpanRow(end));
    }
  }

  /** The summary rows of traces [first, end), none of which has any yet (a bench's seeded rows): every span's attributes are searched. */
  addTraces(first: number, end: number): void {
    for (const statement of this.traceStatements) statement.run(first, end);
    for (const statement of this.spanStatements) statement.run(firstSpanRow(first), firstSpanRow(end));
  }
}

/** Row numbers as [first, end) runs of consecutive rows (a batch of new traces is usually one run). */
export function ranges(rows: Iterable<number>): Array<[number, number]> {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === row) last[1] = row + 1;
    else runs.push([row, row + 1]);
  }
  return runs;
}
