/**
 * MLflow's order_by for traces: "<key> [ASC|DESC]" clauses, then the fixed tie-breakers
 * timestamp_ms DESC and request_id ASC (each added unless already given), so paging is
 * stable. Tag and metadata values sort through a bound key, never spliced text.
 */
import { TracedUsageError } from "../config/errors.js";
import { type SqlFragment } from "./filter-sql.js";

const COLUMNS: Record<string, string> = {
  timestamp_ms: "t.request_time_ms",
  timestamp: "t.request_time_ms",
  execution_time_ms: "t.execution_time_ms",
  execution_time: "t.execution_time_ms",
  end_time_ms: "(t.request_time_ms + t.execution_time_ms)",
  status: "t.state",
  request_id: "t.trace_id",
  client_request_id: "t.client_request_id",
  experiment_id: "json_extract(t.location, '$.experimentId')",
};

const VALUE_OF = {
  tag: "(SELECT value FROM trace_tags WHERE trace_row = t.trace_row AND key = ?)",
  metadata: "(SELECT value FROM trace_metadata WHERE trace_row = t.trace_row AND key = ?)",
};

const CLAUSE = /^\s*(?:(trace|attributes?|tags?|metadata|request_metadata)\.)?(`[^`]+`|[A-Za-z_][\w.\-]*)\s*(ASC|DESC)?\s*$/i;

export function compileOrderBy(orderBy: readonly string[] = []): SqlFragment {
  const terms: string[] = [];
  const params: unknown[] = [];
  const seen = new Set<string>();
  for (const clause of orderBy) {
    const match = CLAUSE.exec(clause);
    if (!match) throw new TracedUsageError(`Invalid order_by clause ${JSON.stringify(clause)}: expected "<key> [ASC|DESC]"`);
    const prefix = (match[1] ?? "trace").toLowerCase();
    const key = match[2]!.replace(/^`|`$/g, "");
    const direction = (match[3] ?? "ASC").toUpperCase();
    let expr: string;
    if (prefix.startsWith("tag") || prefix.endsWith("metadata")) {
      expr = prefix.startsWith("tag") ? VALUE_OF.tag : VALUE_OF.metadata;
      params.push(key);
    } else if (key.toLowerCase() === "name") {
      expr = VALUE_OF.tag;
      params.push("mlflow.traceName");
    } else if (key.toLowerCase() === "run_id") {
      expr = VALUE_OF.metadata;
      params.push("mlflow.sourceRun");
    } else {
      const column = COLUMNS[key.toLowerCase()];
      if (!column) {
        throw new TracedUsageError(
          `Invalid order_by key ${JSON.stringify(key)}: expected one of ${[...Object.keys(COLUMNS), "name", "run_id", "tag.<key>", "metadata.<key>"].join(", ")}`,
        );
      }
      expr = column;
    }
    seen.add(expr);
    terms.push(`${expr} ${direction}`);
  }
  if (!seen.has(COLUMNS.timestamp_ms!)) terms.push(`${COLUMNS.timestamp_ms} DESC`);
  if (!seen.has(COLUMNS.request_id!)) terms.push(`${COLUMNS.request_id} ASC`);
  return { sql: terms.join(", "), params };
}
