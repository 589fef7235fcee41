/**
 * Deleting traces by id or by age (MLflow's delete_traces: request_ids, or
 * max_timestamp_millis with an optional max_traces, oldest first). Children rows go in the
 * same transaction.
 */
import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import { type TraceDatabase } from "../store/database.js";
import { firstSpanRow } from "../store/schema.js";

export interface DeleteTracesOptions {
  /** Delete exactly these traces. */
  traceIds?: readonly string[];
  /** Delete traces that started before this time (ms since the epoch). */
  maxTimestampMs?: number;
  /** With maxTimestampMs: delete at most this many, oldest first. */
  maxTraces?: number;
}

/** Checks deleteTraces' options, for the local file and the tracking-server store alike. */
export function checkDeleteTracesOptions(options: DeleteTracesOptions): DeleteTracesOptions {
  if (typeof options !== "object" || options === null) throw new TracedUsageError(`deleteTraces: expected an options object, got ${describeValue(options)}`);
  checkKnownKeys(options, ["traceIds", "maxTimestampMs", "maxTraces"], "deleteTraces");
  const { traceIds, maxTimestampMs, maxTraces } = options;
  if ((traceIds === undefined) === (maxTimestampMs === undefined)) {
    throw new TracedUsageError("deleteTraces: give exactly one of traceIds or maxTimestampMs");
  }
  if (traceIds !== undefined && (!Array.isArray(traceIds) || traceIds.some((id) => typeof id !== "string"))) {
    throw new TracedUsageError(`deleteTraces: "traceIds" must be an array of strings, got ${describeValue(traceIds)}`);
  }
  if (maxTimestampMs !== undefined && !Number.isFinite(maxTimestampMs)) {
    throw new TracedUsageError(`deleteTraces: "maxTimestampMs" must be a number, got ${describeValue(maxTimestampMs)}`);
  }
  if (maxTraces !== undefined && (!Number.isInteger(maxTraces) || maxTraces <= 0)) {
    throw new TracedUsageError(`deleteTraces: "maxTraces" must be a positive integer, got ${describeValue(maxTraces)}`);
  }
  return options;
}

export function deleteTraces(db: TraceDatabase, options: DeleteTracesOptions): number {
  const { traceIds, maxTimestampMs, maxTraces } = checkDeleteTracesOptions(options);

  const byId = db.prepare<[string], number>("SELECT trace_row FROM traces WHERE trace_id = ?").pluck();
  const byAge = db
    .prepare<[number, number], number>("SELECT trace_row FROM traces WHERE request_time_ms < ? ORDER BY request_time_ms, trace_id LIMIT ?")
    .pluck();
  const removals = [
    db.prepare<[number]>("DELETE FROM trace_tags WHERE trace_row = ?"),
    db.prepare<[number]>("DELETE FROM trace_metadata WHERE trace_row = ?"),
    db.prepare<[number]>("DELETE FROM assessments WHERE trace_row = ?"),
    db.prepare<[number]>("DELETE FROM traces WHERE trace_row = ?"),
  ];
  const removeSpans = db.prepare<[number, number]>("DELETE FROM spans WHERE span_row >= ? AND span_row < ?");

  const run = db.transaction((): number => {
    const rows =
      traceIds !== undefined
        ? traceIds.map((id) => byId.get(id)).filter((row): row is number => row !== undefined)
        : byAge.all(maxTimestampMs!, maxTraces ?? -1);
    for (const row of new Set(rows)) {
      removeSpans.run(firstSpanRow(row), firstSpanRow(row + 1));
      for (const statement of removals) statement.run(row);
    }
    return new Set(rows).size;
  });
  return run.immediate();
}
