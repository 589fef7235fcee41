/** SQL functions the compiled filters use: REGEXP (SQLite calls regexp(pattern, value)) for RLIKE. */
import { type TraceDatabase } from "../store/database.js";

export function registerSqlFunctions(db: TraceDatabase): void {
  const compiled = new Map<string, RegExp>();
  db.function("regexp", { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (typeof pattern !== "string" || value === null || value === undefined) return 0;
    let regex = compiled.get(pattern);
    if (regex === undefined) {
      // Patterns were checked when the filter was parsed; cache them for the rows of a scan.
      regex = new RegExp(pattern);
      if (compiled.size > 100) compiled.clear();
      compiled.set(pattern, regex);
    }
    return regex.test(String(value)) ? 1 : 0;
  });
}
