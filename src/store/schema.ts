/**
 * The store's schema as an ordered list of migrations. `PRAGMA user_version` records the
 * last one applied; a migration is never edited once released, only followed by a new one.
 *
 * Layout choices, driven by search:
 * - traces get an integer row id (`trace_row`) that every child table uses, so span rows and
 *   their indexes carry 8 bytes instead of the 35-character trace id;
 * - a span's row id is `trace_row * 2^20 + its position in the trace`: the spans of a trace
 *   are one rowid range (no separate index, and span order is kept), and every span index
 *   entry (which carries the row id) already tells its trace, `span_row >> 20`;
 * - span rows keep everything needed to rebuild MLflow's JSON exactly: attributes as a JSON
 *   object of JSON texts, events as JSON, nanosecond times as 64-bit integers;
 * - indexes cover what the filter grammar compares: span name/type/status, tag and metadata
 *   key/value pairs, assessment name/value, trace time, state and duration.
 */
import { summarySchemaSql } from "./summary-schema.js";
import { summaryUpkeepSql } from "./summary-upkeep-schema.js";

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "traces, spans, tags, metadata, assessments",
    sql: `
      CREATE TABLE traces (
        trace_row          INTEGER PRIMARY KEY,
        trace_id           TEXT NOT NULL UNIQUE,
        location           TEXT NOT NULL,
        request_time_ms    INTEGER NOT NULL,
        execution_time_ms  INTEGER,
        state              TEXT NOT NULL,
        request_preview    TEXT,
        response_preview   TEXT,
        client_request_id  TEXT
      );
      CREATE INDEX traces_by_time ON traces (request_time_ms DESC, trace_id);
      CREATE INDEX traces_by_state ON traces (state, request_time_ms);
      CREATE INDEX traces_by_duration ON traces (execution_time_ms);
      CREATE INDEX traces_by_client_request ON traces (client_request_id) WHERE client_request_id IS NOT NULL;

      CREATE TABLE spans (
        span_row        INTEGER PRIMARY KEY,
        span_id         TEXT NOT NULL,
        parent_span_id  TEXT,
        name            TEXT NOT NULL,
        span_type       TEXT NOT NULL,
        status_code     TEXT NOT NULL,
        status_message  TEXT NOT NULL,
        start_time_ns   INTEGER NOT NULL,
        end_time_ns     INTEGER,
        attributes      TEXT NOT NULL,
        events          TEXT NOT NULL
      );
      CREATE INDEX spans_by_name ON spans (name);
      CREATE INDEX spans_by_type ON spans (span_type);
      CREATE INDEX spans_by_status ON spans (status_code);

      CREATE TABLE trace_tags (
        trace_row  INTEGER NOT NULL,
        key        TEXT NOT NULL,
        value      TEXT NOT NULL,
        ordinal    INTEGER NOT NULL,
        PRIMARY KEY (trace_row, key)
      ) WITHOUT ROWID;
      CREATE INDEX trace_tags_by_key ON trace_tags (key, value);

      CREATE TABLE trace_metadata (
        trace_row  INTEGER NOT NULL,
        key        TEXT NOT NULL,
        value      TEXT NOT NULL,
        ordinal    INTEGER NOT NULL,
        PRIMARY KEY (trace_row, key)
      ) WITHOUT ROWID;
      CREATE INDEX trace_metadata_by_key ON trace_metadata (key, value);

      CREATE TABLE assessments (
        assessment_id        TEXT NOT NULL,
        trace_row            INTEGER NOT NULL,
        name                 TEXT NOT NULL,
        kind                 TEXT NOT NULL CHECK (kind IN ('feedback', 'expectation')),
        value_json           TEXT,
        value_text           TEXT,
        error_json           TEXT,
        span_id              TEXT,
        source_type          TEXT NOT NULL,
        source_id            TEXT,
        create_time_ms       INTEGER NOT NULL,
        last_update_time_ms  INTEGER NOT NULL,
        rationale            TEXT,
        metadata_json        TEXT,
        valid                INTEGER,
        overrides            TEXT
      );
      -- Ids are unique per trace: an imported copy of a trace under another id keeps its own.
      CREATE UNIQUE INDEX assessments_by_trace ON assessments (trace_row, assessment_id);
      CREATE INDEX assessments_by_name ON assessments (kind, name, value_text);
    `,
  },
  {
    version: 2,
    description: "summary facts: per-trace numbers, latency bins, span rollup (see summary-schema.ts)",
    sql: summarySchemaSql(),
  },
  {
    version: 3,
    description: "summary rows of new traces added by the writer per batch; tag values rolled up per hour (see summary-upkeep-schema.ts)",
    sql: summaryUpkeepSql(),
  },
];

/** Bits of a span's row id that hold its position in the trace (at most 2^20 spans per trace). */
export const SPAN_ROW_BITS = 20;
export const MAX_SPANS_PER_TRACE = 2 ** SPAN_ROW_BITS;

export function firstSpanRow(traceRow: number): number {
  return traceRow * MAX_SPANS_PER_TRACE;
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
