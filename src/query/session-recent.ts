/**
 * The ids of the most recently active sessions (the default order: last turn newest first,
 * ties by id) without grouping the whole store: the matching traces are walked newest first
 * through the time index, and the walk stops once enough distinct sessions have been seen.
 * A session first appears at its latest turn, so the order of first appearance is the order.
 */
import { TraceMetadataKey } from "../model/keys.js";
import { type TraceDatabase } from "../store/database.js";
import { compileWhere } from "./search-traces.js";

export function recentSessionIds(db: TraceDatabase, search: { filter: string; experimentIds?: readonly string[] | undefined }, wanted: number): string[] {
  const where = compileWhere({ filter: search.filter, ...(search.experimentIds ? { experimentIds: search.experimentIds } : {}) }, db);
  const condition = where.sql ? ` AND (${where.sql.replace(/^ WHERE /, "")})` : "";
  // CROSS JOIN keeps traces as the outer loop, so rows come in the time index's order.
  const rows = db
    .prepare<unknown[], { session_id: string; time: number }>(
      `SELECT s.value AS session_id, t.request_time_ms AS time FROM traces t CROSS JOIN trace_metadata s
       WHERE s.trace_row = t.trace_row AND s.key = '${TraceMetadataKey.SESSION}' AND s.value != ''${condition}
       ORDER BY t.request_time_ms DESC`,
    )
    .iterate(...where.params);
  const ids: string[] = [];
  const seen = new Set<string>();
  // Sessions whose latest turn shares one timestamp are ordered by id, as the grouped query orders them.
  let tied: string[] = [];
  let tiedTime: number | undefined;
  const flush = () => {
    ids.push(...tied.sort());
    tied = [];
  };
  for (const row of rows) {
    if (row.time !== tiedTime) {
      flush();
      if (ids.length >= wanted) break;
      tiedTime = row.time;
    }
    if (!seen.has(row.session_id)) {
      seen.add(row.session_id);
      tied.push(row.session_id);
    }
  }
  flush();
  return ids.slice(0, wanted);
}
