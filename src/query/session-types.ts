/**
 * Sessions: the traces that share `mlflow.trace.session` (set by
 * `updateCurrentTrace({ session })`), read as one conversation. The shapes both stores
 * return: a summary per session, and a session's turns in order.
 */

export interface SessionSummary {
  sessionId: string;
  /** The user (`mlflow.trace.user`) of the session's turns; the first in sort order when there are several. */
  user: string | null;
  /** How many different users the turns name (0 when none does). */
  users: number;
  turns: number;
  /** Start of the first and of the last turn, ms since the epoch. */
  firstTimeMs: number;
  lastTimeMs: number;
  /** Sums over the turns that record token usage; null when none does. */
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  /** How many turns record token usage, so a partial sum can say so. */
  turnsWithTokens: number;
  /** Total cost in USD over the turns with `mlflow.trace.cost`; null when none has one. */
  cost: number | null;
  /** How many turns were priced: fewer than `turns` means the cost covers only those. */
  turnsWithCost: number;
  /** Turns that ended in ERROR. */
  errors: number;
  /** Valid assessments (feedback and expectations) on the turns. */
  assessments: number;
}

export interface SearchSessionsOptions {
  /** searchTraces' filter, applied to the traces: a session lists when one of its traces matches, and its numbers count the matching ones. */
  filter?: string;
  /** e.g. `["cost DESC"]`; keys: last_time_ms (default, DESC), first_time_ms, turns, total_tokens, input_tokens, output_tokens, cost, errors, assessments, session_id, user. Ties go by session_id. */
  orderBy?: readonly string[];
  /** Page size; default 100. */
  maxResults?: number;
  /** The `nextPageToken` of the previous page. */
  pageToken?: string;
  /** Only traces of these experiments. */
  experimentIds?: readonly string[];
}

/** Why some numbers are not the whole truth, when a store cannot give them exactly. */
export interface SessionsIncomplete {
  /** The summary fields that are lower bounds or missing. */
  fields: readonly string[];
  reason: string;
}

export interface SearchSessionsResult {
  sessions: SessionSummary[];
  nextPageToken?: string;
  /** Present when the store could not count everything (a tracking server read only in part). */
  incomplete?: SessionsIncomplete;
}

export interface TurnAssessment {
  name: string;
  kind: "feedback" | "expectation";
  value: unknown;
  sourceType: string;
  rationale: string | null;
  /** A feedback that records an error instead of a value (a judge that failed). */
  error: string | null;
}

/** Where a turn's text came from: a chat message in a span, or the trace's preview. */
export type TurnTextSource = "chat" | "preview";

export interface SessionTurn {
  traceId: string;
  /** The turn's place in the session, from 1. */
  index: number;
  requestTimeMs: number;
  executionDurationMs: number | null;
  state: string;
  user: string | null;
  input: string | null;
  inputSource: TurnTextSource | null;
  answer: string | null;
  answerSource: TurnTextSource | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  cost: number | null;
  /** Spans that ended in ERROR, and the first one's message. */
  errorSpans: number;
  errorMessage: string | null;
  assessments: TurnAssessment[];
}

export interface GetSessionOptions {
  /** Turns per page; default 500. */
  maxResults?: number;
  pageToken?: string;
}

export interface Session {
  summary: SessionSummary;
  /** This page of turns, oldest first. */
  turns: SessionTurn[];
  nextPageToken?: string;
  incomplete?: SessionsIncomplete;
}

export const DEFAULT_SESSION_TURNS = 500;
