/**
 * The order of a session list: "<key> [ASC|DESC]" clauses over the session's numbers, ending
 * with session_id ASC so paging is stable. Keys map to fixed column names, never spliced text.
 */
import { TracedUsageError } from "../config/errors.js";

export const SESSION_ORDER_KEYS: Record<string, string> = {
  last_time_ms: "last_time_ms",
  first_time_ms: "first_time_ms",
  turns: "turns",
  total_tokens: "total_tokens",
  input_tokens: "input_tokens",
  output_tokens: "output_tokens",
  cost: "cost",
  errors: "errors",
  assessments: "assessments",
  session_id: "session_id",
  user: "user",
};

export interface SessionOrderTerm {
  key: string;
  descending: boolean;
}

const CLAUSE = /^\s*(?:session\.)?([A-Za-z_]+)\s*(ASC|DESC)?\s*$/i;

export function parseSessionOrderBy(orderBy: readonly string[] | undefined, where = "searchSessions"): SessionOrderTerm[] {
  if (orderBy !== undefined && !Array.isArray(orderBy)) throw new TracedUsageError(`${where}: "orderBy" must be an array of strings`);
  const terms: SessionOrderTerm[] = [];
  for (const clause of orderBy?.length ? orderBy : ["last_time_ms DESC"]) {
    const match = typeof clause === "string" ? CLAUSE.exec(clause) : null;
    const key = match?.[1]?.toLowerCase();
    if (!match || key === undefined || !(key in SESSION_ORDER_KEYS)) {
      throw new TracedUsageError(`${where}: invalid order_by clause ${JSON.stringify(clause)}: expected "<key> [ASC|DESC]" with a key of ${Object.keys(SESSION_ORDER_KEYS).join(", ")}`);
    }
    terms.push({ key, descending: match[2]?.toUpperCase() === "DESC" });
  }
  if (!terms.some((t) => t.key === "session_id")) terms.push({ key: "session_id", descending: false });
  return terms;
}

/** The ORDER BY list for the grouped query; missing numbers (no tokens, no cost) sort last either way. */
export function sessionOrderSql(terms: readonly SessionOrderTerm[]): string {
  return terms.map(({ key, descending }) => `${SESSION_ORDER_KEYS[key]} IS NULL, ${SESSION_ORDER_KEYS[key]} ${descending ? "DESC" : "ASC"}`).join(", ");
}
