/**
 * Migration 3: cheaper summary upkeep, and tag values rolled up per hour.
 * - The summary rows of a trace the writer inserts are no longer made by a trigger per row
 *   (one per trace, one per span, one per rollup row: most of a write's cost). The writer adds
 *   them at the end of its transaction with one grouped statement per table for the whole batch
 *   (store/summary-upkeep.ts). Spans and traces are inserted by the writer only.
 * - Every other change keeps its trigger: deletes, a merge's rewrite of a stored trace, tag
 *   and metadata edits. Those triggers update or delete only the summary rows that exist, so
 *   they do nothing for a trace of the current batch, whose rows come at its end.
 * - `tag_rollup`: trace_facts summed per tag key, hour and value, kept by triggers on
 *   trace_tags and trace_facts (and added by the writer for new traces), so ranking a tag's
 *   values over whole hours reads a few rows an hour instead of every tag row.
 */
const SUMS = ["traces", "errors", "timed", "duration_ms", "input_tokens", "output_tokens", "priced", "cost"] as const;
export const TAG_ROLLUP_COLUMNS = `hour, key, value, ${SUMS.join(", ")}`;

/** The ON CONFLICT clause adding `excluded` into a tag_rollup row. */
export const TAG_ROLLUP_ADD = `ON CONFLICT (key, hour, value) DO UPDATE SET ${SUMS.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")}`;

/** What one trace (its trace_facts row `f`) adds to (sign 1) or takes from (-1) a tag value's rollup row. */
function tagSums(sign: 1 | -1, f: string): string {
  return `${sign}, ${sign} * ${f}.is_error, ${sign} * (${f}.duration_ms IS NOT NULL), ${sign} * coalesce(${f}.duration_ms, 0),
    ${sign} * coalesce(${f}.input_tokens, 0), ${sign} * coalesce(${f}.output_tokens, 0), ${sign} * (${f}.cost IS NOT NULL), ${sign} * coalesce(${f}.cost, 0)`;
}

// A tag row's change: its trace's facts (when they exist yet) added or taken.
function fromFacts(sign: 1 | -1, tag: string): string {
  return `INSERT INTO tag_rollup (${TAG_ROLLUP_COLUMNS})
    SELECT f.hour, ${tag}.key, ${tag}.value, ${tagSums(sign, "f")} FROM trace_facts f WHERE f.trace_row = ${tag}.trace_row
    ${TAG_ROLLUP_ADD};`;
}

// A trace_facts row's change: added to or taken from every tag value of its trace.
function fromTags(sign: 1 | -1, facts: string): string {
  return `INSERT INTO tag_rollup (${TAG_ROLLUP_COLUMNS})
    SELECT ${facts}.hour, g.key, g.value, ${tagSums(sign, facts)} FROM trace_tags g WHERE g.trace_row = ${facts}.trace_row
    ${TAG_ROLLUP_ADD};`;
}

export function summaryUpkeepSql(): string {
  return `
    -- IF EXISTS: stores written by earlier drafts of migration 2 (unreleased) lack some of these.
    DROP TRIGGER IF EXISTS trace_facts_insert;
    DROP TRIGGER IF EXISTS trace_rollup_insert;
    DROP TRIGGER IF EXISTS span_facts_insert;
    DROP TRIGGER IF EXISTS span_facts_insert_llm;
    DROP TRIGGER IF EXISTS span_rollup_insert;

    CREATE TABLE tag_rollup (
      hour           INTEGER NOT NULL,
      key            TEXT NOT NULL,
      value          TEXT NOT NULL,
      traces         INTEGER NOT NULL,
      errors         INTEGER NOT NULL,
      timed          INTEGER NOT NULL,
      duration_ms    REAL NOT NULL,
      input_tokens   INTEGER NOT NULL,
      output_tokens  INTEGER NOT NULL,
      priced         INTEGER NOT NULL,
      cost           REAL NOT NULL,
      PRIMARY KEY (key, hour, value)
    ) WITHOUT ROWID;
    CREATE TRIGGER tag_rollup_tag_insert AFTER INSERT ON trace_tags BEGIN ${fromFacts(1, "NEW")} END;
    CREATE TRIGGER tag_rollup_tag_delete AFTER DELETE ON trace_tags BEGIN ${fromFacts(-1, "OLD")} END;
    CREATE TRIGGER tag_rollup_tag_update AFTER UPDATE ON trace_tags BEGIN ${fromFacts(-1, "OLD")} ${fromFacts(1, "NEW")} END;
    CREATE TRIGGER tag_rollup_facts_update AFTER UPDATE ON trace_facts BEGIN ${fromTags(-1, "OLD")} ${fromTags(1, "NEW")} END;
    CREATE TRIGGER tag_rollup_facts_delete AFTER DELETE ON trace_facts BEGIN ${fromTags(-1, "OLD")} END;
    CREATE TRIGGER tag_rollup_prune AFTER UPDATE OF traces ON tag_rollup WHEN NEW.traces = 0 BEGIN
      DELETE FROM tag_rollup WHERE key = NEW.key AND hour = NEW.hour AND value = NEW.value;
    END;
    INSERT INTO tag_rollup (${TAG_ROLLUP_COLUMNS})
    SELECT f.hour, g.key, g.value, count(*), sum(f.is_error), count(f.duration_ms), coalesce(sum(f.duration_ms), 0),
      coalesce(sum(f.input_tokens), 0), coalesce(sum(f.output_tokens), 0), count(f.cost), coalesce(sum(f.cost), 0)
    FROM trace_tags g JOIN trace_facts f ON f.trace_row = g.trace_row GROUP BY f.hour, g.key, g.value;
  `;
}
