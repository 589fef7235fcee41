/**
 * getSession over the SQLite store: the session's summary (the grouped query of sessions.ts,
 * for this one id) and a page of its turns, oldest first. Each turn reads its trace row and
 * metadata by key, its spans' small columns (type, status) by row range, and the decoded
 * inputs and outputs of at most three spans: the root and the first and last model call.
 */
import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import { SpanAttributeKey, TraceMetadataKey } from "../model/keys.js";
import { TRACE_COST_KEY } from "../processing/pricing/span-cost.js";
import { type TraceDatabase } from "../store/database.js";
import { firstSpanRow } from "../store/schema.js";
import { type TraceRow } from "../store/trace-row.js";
import { totalCost } from "../view/cost.js";
import { createPageToken, parsePageToken } from "./page-token.js";
import { compileSessionSearch, roundUsd, sessionFromRow, type SessionRow } from "./sessions.js";
import { decodeAttribute, turnText, type TurnSpanValues } from "./session-turn-text.js";
import { DEFAULT_SESSION_TURNS, type GetSessionOptions, type Session, type SessionTurn, type TurnAssessment } from "./session-types.js";

const MODEL_SPAN_TYPES = new Set(["LLM", "CHAT_MODEL"]);

interface TurnRow extends TraceRow {
  user: string | null;
  token_usage: string | null;
  cost: string | null;
}

interface SpanFacts {
  span_row: number;
  is_root: number;
  span_type: string;
  status_code: string;
  status_message: string;
}

interface SpanValuesRow {
  inputs: string | null;
  outputs: string | null;
}

interface TurnAssessmentRow {
  name: string;
  kind: "feedback" | "expectation";
  value_json: string | null;
  error_json: string | null;
  source_type: string;
  rationale: string | null;
}

export function checkSessionId(sessionId: unknown, where: string): string {
  if (typeof sessionId !== "string" || sessionId === "") throw new TracedUsageError(`${where}: expected a session id string, got ${describeValue(sessionId)}`);
  return sessionId;
}

export function checkGetSessionOptions(options: GetSessionOptions): { maxResults: number; offset: number } {
  if (typeof options !== "object" || options === null) throw new TracedUsageError(`getSession: expected an options object, got ${describeValue(options)}`);
  checkKnownKeys(options, ["maxResults", "pageToken"], "getSession");
  const maxResults = options.maxResults ?? DEFAULT_SESSION_TURNS;
  if (!Number.isInteger(maxResults) || maxResults <= 0) throw new TracedUsageError(`getSession: "maxResults" must be a positive integer, got ${describeValue(maxResults)}`);
  return { maxResults, offset: parsePageToken(options.pageToken) };
}

function tokenNumber(usage: unknown, key: string): number | null {
  const value = typeof usage === "object" && usage !== null ? (usage as Record<string, unknown>)[key] : undefined;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function errorText(json: string | null): string | null {
  const error = decodeAttribute(json) as { error_message?: unknown; error_code?: unknown } | undefined;
  if (error === undefined) return null;
  return typeof error.error_message === "string" ? error.error_message : typeof error.error_code === "string" ? error.error_code : "error";
}

export class SessionReader {
  private readonly turnsOf;
  private readonly spanFactsOf;
  private readonly spanValuesAt;
  private readonly assessmentsOf;

  constructor(private readonly db: TraceDatabase) {
    this.turnsOf = db.prepare<[string, number, number], TurnRow>(`
      SELECT t.*, u.value AS user, usage.value AS token_usage, cost.value AS cost
      FROM trace_metadata s
      JOIN traces t ON t.trace_row = s.trace_row
      LEFT JOIN trace_metadata usage ON usage.trace_row = t.trace_row AND usage.key = '${TraceMetadataKey.TOKEN_USAGE}'
      LEFT JOIN trace_metadata cost ON cost.trace_row = t.trace_row AND cost.key = '${TRACE_COST_KEY}'
      LEFT JOIN trace_metadata u ON u.trace_row = t.trace_row AND u.key = '${TraceMetadataKey.USER}'
      WHERE s.key = '${TraceMetadataKey.SESSION}' AND s.value = ?
      ORDER BY t.request_time_ms ASC, t.trace_id ASC
      LIMIT ? OFFSET ?`);
    this.spanFactsOf = db.prepare<[number, number], SpanFacts>(
      "SELECT span_row, parent_span_id IS NULL AS is_root, span_type, status_code, status_message FROM spans WHERE span_row >= ? AND span_row < ? ORDER BY span_row",
    );
    this.spanValuesAt = db.prepare<[string, string, number], SpanValuesRow>(
      "SELECT json_extract(attributes, ?) AS inputs, json_extract(attributes, ?) AS outputs FROM spans WHERE span_row = ?",
    );
    this.assessmentsOf = db.prepare<[number], TurnAssessmentRow>(
      "SELECT name, kind, value_json, error_json, source_type, rationale FROM assessments WHERE trace_row = ? AND (valid IS NULL OR valid = 1) ORDER BY create_time_ms, rowid",
    );
  }

  read(sessionId: string, options: GetSessionOptions = {}): Session | undefined {
    checkSessionId(sessionId, "getSession");
    const { maxResults, offset } = checkGetSessionOptions(options);
    // One read transaction: the summary and the turns come from the same snapshot.
    return this.db.transaction(() => this.readNow(sessionId, maxResults, offset))();
  }

  private readNow(sessionId: string, maxResults: number, offset: number): Session | undefined {
    const grouped = compileSessionSearch({ filter: "" }, { sql: " AND s.value = ?", params: [sessionId] });
    const summaryRow = this.db.prepare<unknown[], SessionRow>(grouped.sql).get(...grouped.params);
    if (summaryRow === undefined) return undefined;
    const rows = this.turnsOf.all(sessionId, maxResults + 1, offset);
    const turns = rows.slice(0, maxResults).map((row, i) => this.turn(row, offset + i + 1));
    const session: Session = { summary: sessionFromRow(summaryRow), turns };
    return rows.length > maxResults ? { ...session, nextPageToken: createPageToken(offset + maxResults) } : session;
  }

  private spanValues(spanRow: number | undefined): TurnSpanValues | undefined {
    if (spanRow === undefined) return undefined;
    const row = this.spanValuesAt.get(`$."${SpanAttributeKey.INPUTS}"`, `$."${SpanAttributeKey.OUTPUTS}"`, spanRow);
    return row && { inputs: decodeAttribute(row.inputs), outputs: decodeAttribute(row.outputs) };
  }

  private turn(row: TurnRow, index: number): SessionTurn {
    const spans = this.spanFactsOf.all(firstSpanRow(row.trace_row), firstSpanRow(row.trace_row + 1));
    const root = spans.find((s) => s.is_root === 1);
    const models = spans.filter((s) => MODEL_SPAN_TYPES.has(s.span_type));
    const errors = spans.filter((s) => s.status_code === "ERROR");
    const text = turnText(this.spanValues(root?.span_row), this.spanValues(models[0]?.span_row), this.spanValues(models.at(-1)?.span_row), {
      request: row.request_preview,
      response: row.response_preview,
    });
    const usage = decodeAttribute(row.token_usage);
    const cost = totalCost(row.cost);
    const failed = errors.find((s) => s.status_message !== "");
    return {
      traceId: row.trace_id,
      index,
      requestTimeMs: Number(row.request_time_ms),
      executionDurationMs: row.execution_time_ms === null ? null : Number(row.execution_time_ms),
      state: row.state,
      user: row.user,
      ...text,
      inputTokens: tokenNumber(usage, "input_tokens"),
      outputTokens: tokenNumber(usage, "output_tokens"),
      totalTokens: tokenNumber(usage, "total_tokens"),
      cost: cost === undefined ? null : roundUsd(cost),
      errorSpans: errors.length,
      errorMessage: failed?.status_message ?? null,
      assessments: this.assessmentsOf.all(row.trace_row).map(turnAssessment),
    };
  }
}

function turnAssessment(row: TurnAssessmentRow): TurnAssessment {
  return {
    name: row.name,
    kind: row.kind,
    value: row.value_json === null ? null : decodeAttribute(row.value_json) ?? null,
    sourceType: row.source_type,
    rationale: row.rationale,
    error: errorText(row.error_json),
  };
}
