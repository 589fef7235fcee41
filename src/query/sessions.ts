/**
 * searchSessions over the SQLite store: one grouped query over the session metadata index
 * (`trace_metadata (key, value)`, which also carries each trace's row), joined to the
 * matching traces and to their token, cost and user metadata by primary key. No trace is
 * loaded into JavaScript; only a page of session rows comes back.
 */
import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import { TraceMetadataKey } from "../model/keys.js";
import { TRACE_COST_KEY } from "../processing/pricing/span-cost.js";
import { type TraceDatabase } from "../store/database.js";
import { createPageToken, parsePageToken } from "./page-token.js";
import { compileWhere, DEFAULT_MAX_RESULTS } from "./search-traces.js";
import { parseSessionOrderBy, SESSION_ORDER_KEYS, sessionOrderSql, type SessionOrderTerm } from "./session-order-by.js";
import { recentSessionIds } from "./session-recent.js";
import { type SearchSessionsOptions, type SearchSessionsResult, type SessionSummary } from "./session-types.js";

const SEARCH_OPTIONS = ["filter", "orderBy", "maxResults", "pageToken", "experimentIds"];

/** A number inside a JSON metadata value, or NULL (also for a hand-written value that is not JSON). */
const jsonNumber = (column: string, path: string) => `CASE WHEN json_valid(${column}) AND json_type(${column}, '${path}') IN ('integer', 'real') THEN json_extract(${column}, '${path}') END`;

// Per-turn columns, then grouped. Joins on (trace_row, key) are primary-key look-ups.
const TURNS_FROM = `
  FROM trace_metadata s
  JOIN traces t ON t.trace_row = s.trace_row
  LEFT JOIN trace_metadata usage ON usage.trace_row = t.trace_row AND usage.key = '${TraceMetadataKey.TOKEN_USAGE}'
  LEFT JOIN trace_metadata cost ON cost.trace_row = t.trace_row AND cost.key = '${TRACE_COST_KEY}'
  LEFT JOIN trace_metadata u ON u.trace_row = t.trace_row AND u.key = '${TraceMetadataKey.USER}'
  WHERE s.key = '${TraceMetadataKey.SESSION}' AND s.value != ''`;

// Each grouped column as SQL. A page is chosen with only the columns its order needs, then
// only the sessions on it get every column: the JSON of tokens and cost is read for a page,
// not for every session in the store.
const COLUMN_SQL: Record<keyof SessionRow, string> = {
  session_id: "s.value",
  user: "min(u.value)",
  users: "count(DISTINCT u.value)",
  turns: "count(*)",
  first_time_ms: "min(t.request_time_ms)",
  last_time_ms: "max(t.request_time_ms)",
  input_tokens: `sum(${jsonNumber("usage.value", "$.input_tokens")})`,
  output_tokens: `sum(${jsonNumber("usage.value", "$.output_tokens")})`,
  total_tokens: `sum(${jsonNumber("usage.value", "$.total_tokens")})`,
  turns_with_tokens: "count(usage.value)",
  cost: `sum(${jsonNumber("cost.value", "$.total_cost")})`,
  turns_with_cost: `count(${jsonNumber("cost.value", "$.total_cost")})`,
  errors: "sum(t.state = 'ERROR')",
  assessments: "sum((SELECT count(*) FROM assessments a WHERE a.trace_row = t.trace_row AND (a.valid IS NULL OR a.valid = 1)))",
};
const ALL_COLUMNS = Object.keys(COLUMN_SQL) as (keyof SessionRow)[];
// Sessions filled in per query in the second step (well under SQLite's bound-parameter limit).
const FILL_CHUNK = 500;

export interface SessionRow {
  session_id: string;
  user: string | null;
  users: number;
  turns: number;
  first_time_ms: number;
  last_time_ms: number;
  input_tokens: number | null;
  output_tokens: number | null;
  total_tokens: number | null;
  turns_with_tokens: number;
  cost: number | null;
  turns_with_cost: number;
  errors: number;
  assessments: number;
}

// Float sums of many small prices carry noise below a nano-dollar; 12 decimals keep every real digit.
export const roundUsd = (usd: number) => Math.round(usd * 1e12) / 1e12;

export function sessionFromRow(row: SessionRow): SessionSummary {
  return {
    sessionId: row.session_id,
    user: row.user,
    users: row.users,
    turns: row.turns,
    firstTimeMs: Number(row.first_time_ms),
    lastTimeMs: Number(row.last_time_ms),
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    totalTokens: row.total_tokens,
    turnsWithTokens: row.turns_with_tokens,
    cost: row.cost === null ? null : roundUsd(row.cost),
    turnsWithCost: row.turns_with_cost,
    errors: row.errors,
    assessments: row.assessments,
  };
}

/** The grouped query for sessions matching a trace filter (exported for inspection and the session reader). */
export function compileSessionSearch(
  search: { filter: string; experimentIds?: readonly string[] | undefined },
  extra: { sql: string; params: unknown[] } = { sql: "", params: [] },
  db?: TraceDatabase,
  columns: readonly (keyof SessionRow)[] = ALL_COLUMNS,
): { sql: string; params: unknown[] } {
  const where = compileWhere({ filter: search.filter, ...(search.experimentIds ? { experimentIds: search.experimentIds } : {}) }, db);
  const condition = where.sql ? ` AND (${where.sql.replace(/^ WHERE /, "")})` : "";
  return {
    sql: `SELECT ${columns.map((c) => `${COLUMN_SQL[c]} AS ${c}`).join(", ")} ${TURNS_FROM}${condition}${extra.sql} GROUP BY s.value`,
    params: [...where.params, ...extra.params],
  };
}

export function checkSearchSessionsOptions(options: SearchSessionsOptions): { filter: string; maxResults: number; offset: number } {
  if (typeof options !== "object" || options === null) throw new TracedUsageError(`searchSessions: expected an options object, got ${describeValue(options)}`);
  checkKnownKeys(options, SEARCH_OPTIONS, "searchSessions");
  const filter = options.filter ?? "";
  if (typeof filter !== "string") throw new TracedUsageError(`searchSessions: "filter" must be a string, got ${describeValue(filter)}`);
  const maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS;
  if (!Number.isInteger(maxResults) || maxResults <= 0) throw new TracedUsageError(`searchSessions: "maxResults" must be a positive integer, got ${describeValue(maxResults)}`);
  return { filter, maxResults, offset: parsePageToken(options.pageToken) };
}

export function searchSessions(db: TraceDatabase, options: SearchSessionsOptions = {}): SearchSessionsResult {
  // One read transaction: both steps see the same snapshot, even while the app writes.
  return db.transaction(() => searchSessionsNow(db, options))();
}

const isMostRecentFirst = (terms: readonly SessionOrderTerm[]) =>
  terms.length === 2 && terms[0]!.key === "last_time_ms" && terms[0]!.descending && terms[1]!.key === "session_id" && !terms[1]!.descending;

function searchSessionsNow(db: TraceDatabase, options: SearchSessionsOptions): SearchSessionsResult {
  const { filter, maxResults, offset } = checkSearchSessionsOptions(options);
  const terms = parseSessionOrderBy(options.orderBy);
  const search = { filter, experimentIds: options.experimentIds };
  // Step 1: the page's session ids, in order, from the order's columns alone (one row more
  // than asked tells whether another page exists).
  let ids: string[];
  if (isMostRecentFirst(terms)) {
    ids = recentSessionIds(db, search, offset + maxResults + 1).slice(offset);
  } else {
    const keys = compileSessionSearch(search, undefined, db, [...new Set<keyof SessionRow>(["session_id", ...terms.map((t) => SESSION_ORDER_KEYS[t.key] as keyof SessionRow)])]);
    ids = db
      .prepare<unknown[], { session_id: string }>(`${keys.sql} ORDER BY ${sessionOrderSql(terms)} LIMIT ? OFFSET ?`)
      .all(...keys.params, maxResults + 1, offset)
      .map((row) => row.session_id);
  }
  const page = ids.slice(0, maxResults);
  // Step 2: every number, for those sessions only.
  const byId = new Map<string, SessionRow>();
  for (let i = 0; i < page.length; i += FILL_CHUNK) {
    const chunk = page.slice(i, i + FILL_CHUNK);
    const full = compileSessionSearch(search, { sql: ` AND s.value IN (${chunk.map(() => "?").join(", ")})`, params: chunk }, db);
    for (const row of db.prepare<unknown[], SessionRow>(full.sql).all(...full.params)) byId.set(row.session_id, row);
  }
  const sessions = page.flatMap((id) => {
    const row = byId.get(id);
    return row ? [sessionFromRow(row)] : [];
  });
  return ids.length > maxResults ? { sessions, nextPageToken: createPageToken(offset + maxResults) } : { sessions };
}
