/**
 * Sessions through a tracking server. MLflow's REST API has no grouped query, so the store
 * searches the traces that carry `mlflow.trace.session` (trace info only, 500 a page) and
 * counts them here, up to SESSION_SCAN_LIMIT traces. Past that the result carries
 * `incomplete`, naming the numbers that are then lower bounds, instead of passing them off
 * as totals. A session's turns are read by an exact filter on its id.
 */
import { TracedUsageError } from "../../config/errors.js";
import { SpanAttributeKey, TraceMetadataKey } from "../../model/keys.js";
import { Trace } from "../../model/trace.js";
import { type TraceInfo } from "../../model/trace-info.js";
import { TRACE_COST_KEY } from "../../processing/pricing/span-cost.js";
import { totalCost } from "../../view/cost.js";
import { createPageToken } from "../page-token.js";
import { type SearchTracesOptions, type SearchTracesResult } from "../search-traces.js";
import { parseSessionOrderBy, type SessionOrderTerm } from "../session-order-by.js";
import { turnText } from "../session-turn-text.js";
import { checkGetSessionOptions, checkSessionId } from "../session-turns.js";
import { checkSearchSessionsOptions, roundUsd } from "../sessions.js";
import { type GetSessionOptions, type SearchSessionsOptions, type SearchSessionsResult, type Session, type SessionSummary, type SessionTurn, type SessionsIncomplete } from "../session-types.js";

/** At most this many traces are read to count sessions (20 pages of the server's 500). */
export const SESSION_SCAN_LIMIT = 10_000;
const PAGE = 500;
const TRACE_READS_IN_FLIGHT = 8;
const SESSION_FIELD = "metadata.`mlflow.trace.session`";
const COUNTED_FIELDS = ["turns", "firstTimeMs", "inputTokens", "outputTokens", "totalTokens", "turnsWithTokens", "cost", "turnsWithCost", "errors", "assessments"];

/** What the session reader needs of a store. */
export interface TraceSource {
  searchTraces(options: SearchTracesOptions): Promise<SearchTracesResult>;
  getTrace(traceId: string): Promise<Trace | undefined>;
}

/** A filter literal for the server: single quotes, or double when the id holds a single one. */
function quoted(value: string): string {
  if (value.includes("\\") || (value.includes("'") && value.includes('"'))) {
    throw new TracedUsageError(`getSession: a tracking server's filter cannot express the session id ${JSON.stringify(value)} (it holds a backslash, or both quote kinds)`);
  }
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}

/** Trace infos matching `filter`, newest first, up to the scan limit; `cut` when more exist. */
async function scan(source: TraceSource, filter: string, orderBy: string[], experimentIds?: readonly string[]): Promise<{ infos: TraceInfo[]; cut: boolean }> {
  const infos: TraceInfo[] = [];
  let pageToken: string | undefined;
  do {
    const page = await source.searchTraces({
      filter,
      orderBy,
      maxResults: PAGE,
      includeSpans: false,
      ...(pageToken ? { pageToken } : {}),
      ...(experimentIds?.length ? { experimentIds } : {}),
    });
    infos.push(...page.traces.map((t) => t.info));
    pageToken = page.nextPageToken;
  } while (pageToken && infos.length < SESSION_SCAN_LIMIT);
  return { infos, cut: pageToken !== undefined };
}

function incompleteAfter(scanned: number): SessionsIncomplete {
  return {
    fields: COUNTED_FIELDS,
    reason: `The tracking server has more than ${SESSION_SCAN_LIMIT} matching traces and no grouped query: sessions are counted over ${scanned} of them only, so these numbers are lower bounds.`,
  };
}

const numberIn = (json: string | undefined, key: string): number | null => {
  if (json === undefined) return null;
  try {
    const value = (JSON.parse(json) as Record<string, unknown>)[key];
    return typeof value === "number" && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
};
const add = (sum: number | null, n: number | null) => (n === null ? sum : (sum ?? 0) + n);

/** The same numbers the SQLite store's grouped query gives, from trace infos. */
export function summarize(sessionId: string, infos: readonly TraceInfo[]): SessionSummary {
  const users = new Set<string>();
  const summary: SessionSummary = {
    sessionId,
    user: null,
    users: 0,
    turns: infos.length,
    firstTimeMs: Math.min(...infos.map((i) => i.requestTimeMs)),
    lastTimeMs: Math.max(...infos.map((i) => i.requestTimeMs)),
    inputTokens: null,
    outputTokens: null,
    totalTokens: null,
    turnsWithTokens: 0,
    cost: null,
    turnsWithCost: 0,
    errors: 0,
    assessments: 0,
  };
  for (const info of infos) {
    const user = info.metadata[TraceMetadataKey.USER];
    if (user !== undefined) users.add(user);
    const usage = info.metadata[TraceMetadataKey.TOKEN_USAGE];
    if (usage !== undefined) summary.turnsWithTokens++;
    summary.inputTokens = add(summary.inputTokens, numberIn(usage, "input_tokens"));
    summary.outputTokens = add(summary.outputTokens, numberIn(usage, "output_tokens"));
    summary.totalTokens = add(summary.totalTokens, numberIn(usage, "total_tokens"));
    const cost = totalCost(info.metadata[TRACE_COST_KEY]);
    if (cost !== undefined) {
      summary.turnsWithCost++;
      summary.cost = roundUsd((summary.cost ?? 0) + cost);
    }
    if (info.state === "ERROR") summary.errors++;
    summary.assessments += info.assessments.filter((a) => a.valid !== false).length;
  }
  summary.users = users.size;
  summary.user = [...users].sort()[0] ?? null;
  return summary;
}

function compareBy(terms: readonly SessionOrderTerm[]): (a: SessionSummary, b: SessionSummary) => number {
  const value = (s: SessionSummary, key: string): number | string | null =>
    ({ last_time_ms: s.lastTimeMs, first_time_ms: s.firstTimeMs, turns: s.turns, total_tokens: s.totalTokens, input_tokens: s.inputTokens, output_tokens: s.outputTokens, cost: s.cost, errors: s.errors, assessments: s.assessments, session_id: s.sessionId, user: s.user })[key] ?? null;
  return (a, b) => {
    for (const { key, descending } of terms) {
      const x = value(a, key);
      const y = value(b, key);
      if (x === y) continue;
      // Missing numbers sort last either way, as in the SQLite store.
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (descending ? -1 : 1);
    }
    return 0;
  };
}

export async function searchServerSessions(source: TraceSource, options: SearchSessionsOptions = {}): Promise<SearchSessionsResult> {
  const { filter, maxResults, offset } = checkSearchSessionsOptions(options);
  const terms = parseSessionOrderBy(options.orderBy);
  const withSession = [filter, `${SESSION_FIELD} LIKE '%'`].filter(Boolean).join(" AND ");
  const { infos, cut } = await scan(source, withSession, ["timestamp_ms DESC"], options.experimentIds);
  const bySession = new Map<string, TraceInfo[]>();
  for (const info of infos) {
    const id = info.metadata[TraceMetadataKey.SESSION];
    if (!id) continue;
    let turns = bySession.get(id);
    if (turns === undefined) bySession.set(id, (turns = []));
    turns.push(info);
  }
  const sorted = [...bySession].map(([id, turns]) => summarize(id, turns)).sort(compareBy(terms));
  const sessions = sorted.slice(offset, offset + maxResults);
  return {
    sessions,
    ...(offset + maxResults < sorted.length ? { nextPageToken: createPageToken(offset + maxResults) } : {}),
    ...(cut ? { incomplete: incompleteAfter(infos.length) } : {}),
  };
}

function turnFromTrace(trace: Trace, index: number): SessionTurn {
  const { info } = trace;
  const models = trace.spans.filter((s) => s.spanType === "LLM" || s.spanType === "CHAT_MODEL");
  const values = (span: (typeof trace.spans)[number] | undefined) => span && { inputs: span.getAttribute(SpanAttributeKey.INPUTS), outputs: span.getAttribute(SpanAttributeKey.OUTPUTS) };
  const errors = trace.spans.filter((s) => s.status.code === "ERROR");
  const usage = info.metadata[TraceMetadataKey.TOKEN_USAGE];
  const cost = totalCost(info.metadata[TRACE_COST_KEY]);
  return {
    traceId: info.traceId,
    index,
    requestTimeMs: info.requestTimeMs,
    executionDurationMs: info.executionDurationMs,
    state: info.state,
    user: info.metadata[TraceMetadataKey.USER] ?? null,
    ...turnText(values(trace.rootSpan), values(models[0]), values(models.at(-1)), { request: info.requestPreview ?? null, response: info.responsePreview ?? null }),
    inputTokens: numberIn(usage, "input_tokens"),
    outputTokens: numberIn(usage, "output_tokens"),
    totalTokens: numberIn(usage, "total_tokens"),
    cost: cost === undefined ? null : roundUsd(cost),
    errorSpans: errors.length,
    errorMessage: errors.find((s) => s.status.message !== "")?.status.message ?? null,
    assessments: info.assessments
      .filter((a) => a.valid !== false)
      .map((a) => ({
        name: a.name,
        kind: a.feedback ? ("feedback" as const) : ("expectation" as const),
        value: (a.feedback ? a.feedback.value : a.expectation?.value) ?? null,
        sourceType: a.source.sourceType,
        rationale: a.rationale ?? null,
        error: a.feedback?.error ? (a.feedback.error.errorMessage ?? a.feedback.error.errorCode ?? "error") : null,
      })),
  };
}

export async function getServerSession(source: TraceSource, sessionId: string, options: GetSessionOptions = {}): Promise<Session | undefined> {
  checkSessionId(sessionId, "getSession");
  const { maxResults, offset } = checkGetSessionOptions(options);
  const { infos, cut } = await scan(source, `${SESSION_FIELD} = ${quoted(sessionId)}`, ["timestamp_ms ASC"]);
  if (infos.length === 0) return undefined;
  const page = infos.slice(offset, offset + maxResults);
  const traces: Trace[] = new Array(page.length);
  let next = 0;
  const worker = async () => {
    while (next < page.length) {
      const i = next++;
      const info = page[i]!;
      // A trace deleted between the search and this read keeps its info, without spans.
      traces[i] = (await source.getTrace(info.traceId)) ?? new Trace(info, []);
    }
  };
  await Promise.all(Array.from({ length: Math.min(TRACE_READS_IN_FLIGHT, page.length) }, worker));
  return {
    summary: summarize(sessionId, infos),
    turns: traces.map((trace, i) => turnFromTrace(trace, offset + i + 1)),
    ...(offset + maxResults < infos.length ? { nextPageToken: createPageToken(offset + maxResults) } : {}),
    ...(cut ? { incomplete: incompleteAfter(infos.length) } : {}),
  };
}
