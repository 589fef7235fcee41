/**
 * searchTraces: filter, order, page. Only one page of trace rows is read; their tags,
 * metadata, assessments (and spans, unless not wanted) are loaded per trace afterwards.
 */
import { describeValue, TracedUsageError, checkKnownKeys } from "../config/errors.js";
import { type Trace } from "../model/trace.js";
import { type TraceDatabase } from "../store/database.js";
import { type TraceReader } from "../store/trace-reader.js";
import { type TraceRow } from "../store/trace-row.js";
import { resolveCondition, type Condition } from "./filter-fields.js";
import { parseFilter } from "./filter-parser.js";
import { childMatch, compileConditions, type Strategy } from "./filter-sql.js";
import { compileOrderBy } from "./order-by.js";
import { createPageToken, parsePageToken } from "./page-token.js";

export interface SearchTracesOptions {
  /** MLflow search_traces filter, e.g. `trace.status = 'ERROR' AND span.type = 'LLM'`. */
  filter?: string;
  /** e.g. `["timestamp_ms DESC"]`; always ends with timestamp_ms DESC, request_id ASC. */
  orderBy?: readonly string[];
  /** Page size; default 100. */
  maxResults?: number;
  /** The `nextPageToken` of the previous page. */
  pageToken?: string;
  /** Only traces of these experiments. */
  experimentIds?: readonly string[];
  /** Load each trace's spans (default true); false reads trace info only, for listings. */
  includeSpans?: boolean;
}

export interface SearchTracesResult {
  traces: Trace[];
  /** Present when more traces match: pass it as `pageToken` for the next page. */
  nextPageToken?: string;
}

export const DEFAULT_MAX_RESULTS = 100;
const SEARCH_OPTIONS = ["filter", "orderBy", "maxResults", "pageToken", "experimentIds", "includeSpans"];

// A child-table condition matching at least this many rows is "dense": probing traces in
// result order finds a page sooner than collecting every match first.
const DENSE_ROWS = 2000;
// Comparators an index can serve; counting matches for the others could read a whole table.
const INDEXABLE: ReadonlySet<string> = new Set(["=", "IN", "LIKE"]);

/**
 * Chooses how each condition runs: an indexable one by counting (up to DENSE_ROWS) the rows
 * it matches through its index; any other is probed, which stops early when matches are dense.
 */
function strategyByCount(db: TraceDatabase | undefined): (condition: Condition) => Strategy {
  return (condition) => {
    if (db === undefined) return "drive";
    if (!INDEXABLE.has(condition.comparator) || condition.value.kind === "number") return "probe";
    const params: unknown[] = [];
    const child = childMatch(condition, params);
    if (child === undefined) return "drive";
    const count = db
      .prepare<unknown[], number>(`SELECT count(*) FROM (SELECT 1 FROM ${child.table} WHERE ${child.match} LIMIT ${DENSE_ROWS})`)
      .pluck()
      .get(...params)!;
    return count >= DENSE_ROWS ? "probe" : "drive";
  };
}

/** The WHERE clause (with the keyword, or empty) and its parameters for a filter and experiment list. */
export function compileWhere(options: Pick<SearchTracesOptions, "filter" | "experimentIds">, db?: TraceDatabase): { sql: string; params: unknown[] } {
  const filter = options.filter ?? "";
  if (typeof filter !== "string") throw new TracedUsageError(`searchTraces: "filter" must be a string, got ${describeValue(filter)}`);
  const where = compileConditions(
    parseFilter(filter).map((comparison) => resolveCondition(comparison, filter)),
    strategyByCount(db),
  );
  const clauses = where.sql ? [where.sql] : [];
  const params = [...where.params];
  if (options.experimentIds?.length) {
    clauses.push(`json_extract(t.location, '$.experimentId') IN (${options.experimentIds.map(() => "?").join(", ")})`);
    params.push(...options.experimentIds);
  }
  return { sql: clauses.length ? ` WHERE ${clauses.join(" AND ")}` : "", params };
}

/** The SQL and parameters for one page of matching trace rows (exported for inspection and tests). */
export function compileSearch(
  options: SearchTracesOptions,
  offset: number,
  limit: number,
  db?: TraceDatabase,
): { sql: string; params: unknown[] } {
  const where = compileWhere(options, db);
  const order = compileOrderBy(options.orderBy);
  return {
    sql: `SELECT t.* FROM traces t${where.sql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`,
    params: [...where.params, ...order.params, limit, offset],
  };
}

/** How many traces match (for progress and summaries). */
export function countTraces(db: TraceDatabase, options: Pick<SearchTracesOptions, "filter" | "experimentIds"> = {}): number {
  const where = compileWhere(options);
  return db.prepare<unknown[], number>(`SELECT count(*) FROM traces t${where.sql}`).pluck().get(...where.params)!;
}

export function searchTraces(db: TraceDatabase, reader: TraceReader, options: SearchTracesOptions = {}): SearchTracesResult {
  if (typeof options !== "object" || options === null) throw new TracedUsageError(`searchTraces: expected an options object, got ${describeValue(options)}`);
  checkKnownKeys(options, SEARCH_OPTIONS, "searchTraces");
  const maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS;
  if (!Number.isInteger(maxResults) || maxResults <= 0) {
    throw new TracedUsageError(`searchTraces: "maxResults" must be a positive integer, got ${describeValue(maxResults)}`);
  }
  if (options.orderBy !== undefined && !Array.isArray(options.orderBy)) {
    throw new TracedUsageError(`searchTraces: "orderBy" must be an array of strings, got ${describeValue(options.orderBy)}`);
  }
  const offset = parsePageToken(options.pageToken);
  // One row more than asked tells whether another page exists.
  const { sql, params } = compileSearch(options, offset, maxResults + 1, db);
  const rows = db.prepare<unknown[], TraceRow>(sql).all(...params);
  const page = rows.slice(0, maxResults);
  const withSpans = options.includeSpans !== false;
  const traces = page.map((row) => reader.traceAt(row.trace_row, withSpans)!);
  return rows.length > maxResults ? { traces, nextPageToken: createPageToken(offset + maxResults) } : { traces };
}
