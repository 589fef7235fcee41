/** Setting and deleting one trace tag; a new tag goes after the existing ones (tag order is kept). */
import { checkString, describeValue, TracedUsageError } from "../config/errors.js";
import { type TraceDatabase } from "../store/database.js";
import { TraceNotFoundError } from "./not-found.js";

export function setTraceTag(db: TraceDatabase, traceId: string, key: string, value: string): void {
  checkString(key, "key", "setTraceTag");
  checkString(value, "value", "setTraceTag", true);
  const traceRow = rowOf(db, traceId);
  db.prepare(
    `INSERT INTO trace_tags (trace_row, key, value, ordinal)
     VALUES (@traceRow, @key, @value, (SELECT coalesce(max(ordinal), -1) + 1 FROM trace_tags WHERE trace_row = @traceRow))
     ON CONFLICT (trace_row, key) DO UPDATE SET value = excluded.value`,
  ).run({ traceRow, key, value });
}

/** Removes the tag; returns false when the trace had no such tag. */
export function deleteTraceTag(db: TraceDatabase, traceId: string, key: string): boolean {
  checkString(key, "key", "deleteTraceTag");
  const traceRow = rowOf(db, traceId);
  return db.prepare("DELETE FROM trace_tags WHERE trace_row = ? AND key = ?").run(traceRow, key).changes > 0;
}

export function rowOf(db: TraceDatabase, traceId: string): number {
  if (typeof traceId !== "string") throw new TracedUsageError(`Expected a trace id string, got ${describeValue(traceId)}`);
  const row = db.prepare<[string], number>("SELECT trace_row FROM traces WHERE trace_id = ?").pluck().get(traceId);
  if (row === undefined) throw new TraceNotFoundError(traceId);
  return row;
}
