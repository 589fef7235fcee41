/** SQL functions the compiled filters use: REGEXP (SQLite calls regexp(pattern, value)) for RLIKE. */
import { type TraceDatabase } from "../store/database.js";
import { rlikeMatches } from "./rlike-pattern.js";

export function registerSqlFunctions(db: TraceDatabase): void {
  // Linear-time matching (see rlike-pattern.ts); the pattern was compiled, and checked, when
  // the filter was parsed, so each row only looks it up.
  db.function("regexp", { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (typeof pattern !== "string" || value === null || value === undefined) return 0;
    return rlikeMatches(pattern, String(value)) ? 1 : 0;
  });
}
