/**
 * The store's schema as an ordered list of migrations. `PRAGMA user_version` records the
 * last one applied; a migration is never edited once released, only followed by a new one.
 *
 * Layout choices, driven by search:
 * - traces get an integer row id (`trace_row`) that every child table uses, so span rows and
 *   their indexes carry 8 bytes instead of the 35-character trace id;
 * - span rows keep everything needed to rebuild MLflow's JSON exactly: attributes as a JSON
 *   object of JSON texts, events as JSON, nanosecond times as 64-bit integers; span order is
 *   rowid order (all spans of a trace are written together);
 * - indexes cover what the filter grammar compares: span name/type/status, tag and metadata
 *   key/value pairs, assessment name/value, trace time, state and duration.
 */
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
      CREATE INDEX traces_by_time ON traces (request_time_ms, trace_id);
      CREATE INDEX traces_by_state ON traces (state, request_time_ms);
      CREATE INDEX traces_by_duration ON traces (execution_time_ms);
      CREATE INDEX traces_by_client_request ON traces (client_request_id) WHERE client_request_id IS NOT NULL;

      CREATE TABLE spans (
        trace_row       INTEGER NOT NULL,
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
      CREATE INDEX spans_by_trace ON spans (trace_row);
      CREATE INDEX spans_by_name ON spans (name, trace_row);
      CREATE INDEX spans_by_type ON spans (span_type, trace_row);
      CREATE INDEX spans_by_status ON spans (status_code, trace_row);

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
        assessment_id        TEXT NOT NULL UNIQUE,
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
      CREATE INDEX assessments_by_trace ON assessments (trace_row);
      CREATE INDEX assessments_by_name ON assessments (kind, name, value_text);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
