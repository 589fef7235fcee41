/**
 * What the store keeps so that summaries (query/summarize-traces.ts) are grouped queries
 * over small rows, never a parse of every trace's JSON:
 * - `trace_facts`: one narrow row per trace (time, duration, latency bin, error, tokens,
 *   cost), kept equal to `traces` and `trace_metadata` by triggers, so every writer (the
 *   exporter, imports, merges, deletes, another process) keeps it right;
 * - `latency_bins`: the bins latency percentiles and histograms count in: one per
 *   millisecond below 20 ms, then at most 5% wide, with the 1-2-5 steps among the bounds;
 * - `span_contributions`: a view of what each span adds (name, model, error, duration,
 *   tokens, cost), read from its attributes; `span_facts` holds it per span, filled by
 *   triggers, so attributes are parsed once, when written;
 * - `trace_rollup`: trace_facts summed per hour and latency bin, and `span_rollup`: span
 *   contributions summed per hour (of span start), span name and model, both kept by
 *   triggers; unfiltered summaries read them for the whole hours of a range.
 * Migration 3 (summary-upkeep-schema.ts) replaces the insert triggers: the writer adds a
 * batch's new rows with grouped statements (summary-upkeep.ts); the others stay.
 */

export const HOUR_MS = 3_600_000;
export const HOUR_NS = 3_600_000_000_000n;

/** Bins are exact (1 ms wide) below this; above, each is at most BIN_GROWTH times its lower bound. */
export const EXACT_BELOW_MS = 20;
const BIN_GROWTH = 1.05;
// Beyond ~11.6 days one open-ended bin: no trace is expected to run that long.
const LAST_BIN_MS = 1_000_000_000;

/** The lower bounds (ms) of the latency bins, ascending; bin i covers [bounds[i], bounds[i+1]). */
export function latencyBinBounds(): number[] {
  const bounds = new Set<number>();
  for (let ms = 0; ms < EXACT_BELOW_MS; ms++) bounds.add(ms);
  for (let ms = EXACT_BELOW_MS; ms <= LAST_BIN_MS; ms = Math.ceil(ms * BIN_GROWTH)) bounds.add(ms);
  // 1-2-5 steps are bounds too, so histogram bars on those steps are sums of whole bins.
  for (let decade = 10; decade <= LAST_BIN_MS; decade *= 10) for (const step of [1, 2, 5]) bounds.add(step * decade);
  return [...bounds].sort((a, b) => a - b);
}

export const COST_KEY = "mlflow.trace.cost";
export const TOKEN_USAGE_KEY = "mlflow.trace.tokenUsage";

/** A number at `path` in a JSON text, or NULL when the text is not JSON or holds no number there. */
export function jsonNumber(text: string, path: string): string {
  return `CASE WHEN json_valid(${text}) AND json_type(${text}, '${path}') IN ('integer', 'real') THEN json_extract(${text}, '${path}') END`;
}

function binOf(durationMs: string): string {
  return `(SELECT bin FROM latency_bins WHERE lower_ms <= ${durationMs} ORDER BY lower_ms DESC LIMIT 1)`;
}

function tokenColumns(value: string): string {
  const input = jsonNumber(value, "$.input_tokens");
  const output = jsonNumber(value, "$.output_tokens");
  return `input_tokens = ${input}, output_tokens = ${output},
      total_tokens = coalesce(${jsonNumber(value, "$.total_tokens")}, ${input} + ${output})`;
}

// A span attribute is stored as JSON text inside the attributes object: decode it once more.
function attribute(key: string): string {
  return `json_extract(attributes, '$."${key}"')`;
}

/** The markers spanHasLlmText looks for in a span's attributes text (the writer looks for the same, in JavaScript). */
export const LLM_ATTRIBUTE_MARKERS = ['"mlflow.llm.', '"mlflow.chat.tokenUsage"'] as const;

function spanHasLlmText(attributes: string): string {
  return `(instr(${attributes}, '"mlflow.llm.') > 0 OR instr(${attributes}, '"mlflow.chat.tokenUsage"') > 0)`;
}

const SPAN_HAS_LLM_FACTS = `${spanHasLlmText("attributes")} AND json_valid(attributes)`;

const SPAN_CONTRIBUTIONS_VIEW = `
  CREATE VIEW span_contributions AS
  SELECT
    span_row,
    span_row >> 20 AS trace_row,
    start_time_ns,
    start_time_ns / ${HOUR_NS} AS hour,
    name,
    CASE WHEN ${SPAN_HAS_LLM_FACTS} THEN
      coalesce(CASE WHEN json_valid(${attribute("mlflow.llm.model")}) THEN json_extract(${attribute("mlflow.llm.model")}, '$') ELSE ${attribute("mlflow.llm.model")} END, '')
    ELSE '' END AS model,
    status_code = 'ERROR' AS is_error,
    CASE WHEN end_time_ns IS NOT NULL THEN (end_time_ns - start_time_ns) / 1000000.0 END AS duration_ms,
    CASE WHEN ${SPAN_HAS_LLM_FACTS} THEN ${jsonNumber(attribute("mlflow.chat.tokenUsage"), "$.input_tokens")} END AS input_tokens,
    CASE WHEN ${SPAN_HAS_LLM_FACTS} THEN ${jsonNumber(attribute("mlflow.chat.tokenUsage"), "$.output_tokens")} END AS output_tokens,
    CASE WHEN ${SPAN_HAS_LLM_FACTS} THEN ${jsonNumber(attribute("mlflow.llm.cost"), "$.total_cost")} END AS cost
  FROM spans;`;

// What one span_facts row adds to (sign 1) or takes from (sign -1) its rollup row.
function rollupDelta(sign: 1 | -1, row: string): string {
  return `
    INSERT INTO span_rollup (hour, name, model, spans, errors, timed, duration_ms, input_tokens, output_tokens, priced, cost)
    VALUES (${row}.hour, ${row}.name, ${row}.model, ${sign}, ${sign} * ${row}.is_error, ${sign} * (${row}.duration_ms IS NOT NULL),
      ${sign} * coalesce(${row}.duration_ms, 0), ${sign} * coalesce(${row}.input_tokens, 0), ${sign} * coalesce(${row}.output_tokens, 0),
      ${sign} * (${row}.cost IS NOT NULL), ${sign} * coalesce(${row}.cost, 0))
    ON CONFLICT (hour, name, model) DO UPDATE SET
      spans = spans + excluded.spans, errors = errors + excluded.errors, timed = timed + excluded.timed,
      duration_ms = duration_ms + excluded.duration_ms, input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens, priced = priced + excluded.priced, cost = cost + excluded.cost;`;
}

export const SPAN_FACT_COLUMNS = "span_row, start_time_ns, hour, name, model, is_error, duration_ms, input_tokens, output_tokens, cost";

export const TRACE_FACT_VALUES = (row: string) =>
  `${row}.request_time_ms, ${row}.request_time_ms / ${HOUR_MS}, ${row}.execution_time_ms, ${binOf(`${row}.execution_time_ms`)}, ${row}.state = 'ERROR'`;

// What one trace_facts row adds to (sign 1) or takes from (sign -1) its (hour, bin) rollup row.
function traceRollupDelta(sign: 1 | -1, row: string): string {
  return `
    INSERT INTO trace_rollup (hour, latency_bin, traces, errors, input_tokens, output_tokens, total_tokens, with_tokens, cost, priced)
    VALUES (${row}.hour, coalesce(${row}.latency_bin, -1), ${sign}, ${sign} * ${row}.is_error, ${sign} * coalesce(${row}.input_tokens, 0),
      ${sign} * coalesce(${row}.output_tokens, 0), ${sign} * coalesce(${row}.total_tokens, 0), ${sign} * (${row}.total_tokens IS NOT NULL),
      ${sign} * coalesce(${row}.cost, 0), ${sign} * (${row}.cost IS NOT NULL))
    ON CONFLICT (hour, latency_bin) DO UPDATE SET
      traces = traces + excluded.traces, errors = errors + excluded.errors, input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens, total_tokens = total_tokens + excluded.total_tokens,
      with_tokens = with_tokens + excluded.with_tokens, cost = cost + excluded.cost, priced = priced + excluded.priced;`;
}

export function summarySchemaSql(): string {
  const bins = latencyBinBounds()
    .map((lower, bin) => `(${lower}, ${bin})`)
    .join(", ");
  return `
    CREATE TABLE latency_bins (lower_ms INTEGER PRIMARY KEY, bin INTEGER NOT NULL);
    INSERT INTO latency_bins (lower_ms, bin) VALUES ${bins};

    CREATE TABLE trace_facts (
      trace_row        INTEGER PRIMARY KEY,
      request_time_ms  INTEGER NOT NULL,
      hour             INTEGER NOT NULL,
      duration_ms      INTEGER,
      latency_bin      INTEGER,
      is_error         INTEGER NOT NULL,
      input_tokens     INTEGER,
      output_tokens    INTEGER,
      total_tokens     INTEGER,
      cost             REAL
    );
    -- Covers the per-hour, per-bin grouping of a summary: read in index order, no sort.
    CREATE INDEX trace_facts_by_hour ON trace_facts (hour, latency_bin, request_time_ms, is_error, input_tokens, output_tokens, total_tokens, cost);

    CREATE TRIGGER trace_facts_insert AFTER INSERT ON traces BEGIN
      INSERT INTO trace_facts (trace_row, request_time_ms, hour, duration_ms, latency_bin, is_error)
      VALUES (NEW.trace_row, ${TRACE_FACT_VALUES("NEW")});
    END;
    CREATE TRIGGER trace_facts_update AFTER UPDATE OF request_time_ms, execution_time_ms, state ON traces BEGIN
      UPDATE trace_facts SET request_time_ms = NEW.request_time_ms, hour = NEW.request_time_ms / ${HOUR_MS},
        duration_ms = NEW.execution_time_ms, latency_bin = ${binOf("NEW.execution_time_ms")}, is_error = NEW.state = 'ERROR'
      WHERE trace_row = NEW.trace_row;
    END;
    CREATE TRIGGER trace_facts_delete AFTER DELETE ON traces BEGIN
      DELETE FROM trace_facts WHERE trace_row = OLD.trace_row;
    END;
    CREATE TRIGGER trace_facts_tokens AFTER INSERT ON trace_metadata WHEN NEW.key = '${TOKEN_USAGE_KEY}' BEGIN
      UPDATE trace_facts SET ${tokenColumns("NEW.value")} WHERE trace_row = NEW.trace_row;
    END;
    CREATE TRIGGER trace_facts_tokens_update AFTER UPDATE OF value ON trace_metadata WHEN NEW.key = '${TOKEN_USAGE_KEY}' BEGIN
      UPDATE trace_facts SET ${tokenColumns("NEW.value")} WHERE trace_row = NEW.trace_row;
    END;
    CREATE TRIGGER trace_facts_tokens_delete AFTER DELETE ON trace_metadata WHEN OLD.key = '${TOKEN_USAGE_KEY}' BEGIN
      UPDATE trace_facts SET input_tokens = NULL, output_tokens = NULL, total_tokens = NULL WHERE trace_row = OLD.trace_row;
    END;
    CREATE TRIGGER trace_facts_cost AFTER INSERT ON trace_metadata WHEN NEW.key = '${COST_KEY}' BEGIN
      UPDATE trace_facts SET cost = ${jsonNumber("NEW.value", "$.total_cost")} WHERE trace_row = NEW.trace_row;
    END;
    CREATE TRIGGER trace_facts_cost_update AFTER UPDATE OF value ON trace_metadata WHEN NEW.key = '${COST_KEY}' BEGIN
      UPDATE trace_facts SET cost = ${jsonNumber("NEW.value", "$.total_cost")} WHERE trace_row = NEW.trace_row;
    END;
    CREATE TRIGGER trace_facts_cost_delete AFTER DELETE ON trace_metadata WHEN OLD.key = '${COST_KEY}' BEGIN
      UPDATE trace_facts SET cost = NULL WHERE trace_row = OLD.trace_row;
    END;

    INSERT INTO trace_facts (trace_row, request_time_ms, hour, duration_ms, latency_bin, is_error)
    SELECT t.trace_row, ${TRACE_FACT_VALUES("t")} FROM traces t;
    UPDATE trace_facts SET ${tokenColumns("m.value")} FROM trace_metadata m WHERE m.trace_row = trace_facts.trace_row AND m.key = '${TOKEN_USAGE_KEY}';
    UPDATE trace_facts SET cost = ${jsonNumber("m.value", "$.total_cost")} FROM trace_metadata m WHERE m.trace_row = trace_facts.trace_row AND m.key = '${COST_KEY}';

    -- trace_facts summed per (hour, latency bin; -1: no duration), kept by triggers on trace_facts
    -- itself, so it always equals the sum of the facts: unfiltered whole hours read a few
    -- hundred rows an hour instead of every trace.
    CREATE TABLE trace_rollup (
      hour           INTEGER NOT NULL,
      latency_bin    INTEGER NOT NULL,
      traces         INTEGER NOT NULL,
      errors         INTEGER NOT NULL,
      input_tokens   INTEGER NOT NULL,
      output_tokens  INTEGER NOT NULL,
      total_tokens   INTEGER NOT NULL,
      with_tokens    INTEGER NOT NULL,
      cost           REAL NOT NULL,
      priced         INTEGER NOT NULL,
      PRIMARY KEY (hour, latency_bin)
    ) WITHOUT ROWID;
    CREATE TRIGGER trace_rollup_insert AFTER INSERT ON trace_facts BEGIN ${traceRollupDelta(1, "NEW")} END;
    CREATE TRIGGER trace_rollup_delete AFTER DELETE ON trace_facts BEGIN ${traceRollupDelta(-1, "OLD")} END;
    -- Tokens and cost arriving (the usual update) keep the trace in its cell: one UPDATE by the difference.
    CREATE TRIGGER trace_rollup_update_in_place AFTER UPDATE ON trace_facts
    WHEN OLD.hour = NEW.hour AND coalesce(OLD.latency_bin, -1) = coalesce(NEW.latency_bin, -1) BEGIN
      UPDATE trace_rollup SET
        errors = errors + NEW.is_error - OLD.is_error,
        input_tokens = input_tokens + coalesce(NEW.input_tokens, 0) - coalesce(OLD.input_tokens, 0),
        output_tokens = output_tokens + coalesce(NEW.output_tokens, 0) - coalesce(OLD.output_tokens, 0),
        total_tokens = total_tokens + coalesce(NEW.total_tokens, 0) - coalesce(OLD.total_tokens, 0),
        with_tokens = with_tokens + (NEW.total_tokens IS NOT NULL) - (OLD.total_tokens IS NOT NULL),
        cost = cost + coalesce(NEW.cost, 0) - coalesce(OLD.cost, 0),
        priced = priced + (NEW.cost IS NOT NULL) - (OLD.cost IS NOT NULL)
      WHERE hour = NEW.hour AND latency_bin = coalesce(NEW.latency_bin, -1);
    END;
    CREATE TRIGGER trace_rollup_update_moved AFTER UPDATE ON trace_facts
    WHEN OLD.hour != NEW.hour OR coalesce(OLD.latency_bin, -1) != coalesce(NEW.latency_bin, -1) BEGIN
      ${traceRollupDelta(-1, "OLD")} ${traceRollupDelta(1, "NEW")}
    END;
    CREATE TRIGGER trace_rollup_prune AFTER UPDATE OF traces ON trace_rollup WHEN NEW.traces = 0 BEGIN
      DELETE FROM trace_rollup WHERE hour = NEW.hour AND latency_bin = NEW.latency_bin;
    END;
    INSERT INTO trace_rollup (hour, latency_bin, traces, errors, input_tokens, output_tokens, total_tokens, with_tokens, cost, priced)
    SELECT hour, coalesce(latency_bin, -1), count(*), sum(is_error), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),
      coalesce(sum(total_tokens), 0), count(total_tokens), coalesce(sum(cost), 0), count(cost)
    FROM trace_facts GROUP BY hour, coalesce(latency_bin, -1);

    ${SPAN_CONTRIBUTIONS_VIEW}
    -- One narrow row per span (its contributions, attributes parsed once, at write time): the
    -- exact path (filtered, or part hours) reads these, by start time or by a trace's row range.
    CREATE TABLE span_facts (
      span_row       INTEGER PRIMARY KEY,
      start_time_ns  INTEGER NOT NULL,
      hour           INTEGER NOT NULL,
      name           TEXT NOT NULL,
      model          TEXT NOT NULL,
      is_error       INTEGER NOT NULL,
      duration_ms    REAL,
      input_tokens   INTEGER,
      output_tokens  INTEGER,
      cost           REAL
    );
    CREATE INDEX span_facts_by_start ON span_facts (start_time_ns);
    -- Most spans name no model, usage or cost: their facts come straight from the row; only
    -- the others have their attributes parsed (through span_contributions).
    CREATE TRIGGER span_facts_insert AFTER INSERT ON spans WHEN NOT (${spanHasLlmText("NEW.attributes")}) BEGIN
      INSERT INTO span_facts (${SPAN_FACT_COLUMNS}) VALUES (NEW.span_row, NEW.start_time_ns, NEW.start_time_ns / ${HOUR_NS}, NEW.name, '',
        NEW.status_code = 'ERROR', CASE WHEN NEW.end_time_ns IS NOT NULL THEN (NEW.end_time_ns - NEW.start_time_ns) / 1000000.0 END, NULL, NULL, NULL);
    END;
    CREATE TRIGGER span_facts_insert_llm AFTER INSERT ON spans WHEN ${spanHasLlmText("NEW.attributes")} BEGIN
      INSERT INTO span_facts SELECT ${SPAN_FACT_COLUMNS} FROM span_contributions WHERE span_row = NEW.span_row;
    END;
    CREATE TRIGGER span_facts_delete AFTER DELETE ON spans BEGIN
      DELETE FROM span_facts WHERE span_row = OLD.span_row;
    END;
    CREATE TRIGGER span_facts_update AFTER UPDATE ON spans BEGIN
      DELETE FROM span_facts WHERE span_row = OLD.span_row;
      INSERT INTO span_facts SELECT ${SPAN_FACT_COLUMNS} FROM span_contributions WHERE span_row = NEW.span_row;
    END;
    INSERT INTO span_facts SELECT ${SPAN_FACT_COLUMNS} FROM span_contributions;
    CREATE TABLE span_rollup (
      hour           INTEGER NOT NULL,
      name           TEXT NOT NULL,
      model          TEXT NOT NULL,
      spans          INTEGER NOT NULL,
      errors         INTEGER NOT NULL,
      timed          INTEGER NOT NULL,
      duration_ms    REAL NOT NULL,
      input_tokens   INTEGER NOT NULL,
      output_tokens  INTEGER NOT NULL,
      priced         INTEGER NOT NULL,
      cost           REAL NOT NULL,
      PRIMARY KEY (hour, name, model)
    ) WITHOUT ROWID;
    CREATE TRIGGER span_rollup_insert AFTER INSERT ON span_facts BEGIN ${rollupDelta(1, "NEW")} END;
    CREATE TRIGGER span_rollup_delete AFTER DELETE ON span_facts BEGIN ${rollupDelta(-1, "OLD")} END;
    -- Groups emptied by deletes go, so the rollup stays as small as the data.
    CREATE TRIGGER span_rollup_prune AFTER UPDATE OF spans ON span_rollup WHEN NEW.spans = 0 BEGIN
      DELETE FROM span_rollup WHERE hour = NEW.hour AND name = NEW.name AND model = NEW.model;
    END;
    INSERT INTO span_rollup (hour, name, model, spans, errors, timed, duration_ms, input_tokens, output_tokens, priced, cost)
    SELECT hour, name, model, count(*), sum(is_error), count(duration_ms), coalesce(sum(duration_ms), 0), coalesce(sum(input_tokens), 0),
      coalesce(sum(output_tokens), 0), count(cost), coalesce(sum(cost), 0)
    FROM span_facts GROUP BY hour, name, model;
  `;
}
