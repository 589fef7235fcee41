/** The server's session API, typed as src/query/session-types.ts returns it. */
import { ApiError, type ApiErrorDetails } from "./api";

export interface SessionSummary {
  sessionId: string;
  user: string | null;
  users: number;
  turns: number;
  firstTimeMs: number;
  lastTimeMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  turnsWithTokens: number;
  cost: number | null;
  turnsWithCost: number;
  errors: number;
  assessments: number;
}

export interface SessionsIncomplete {
  fields: string[];
  reason: string;
}

export interface SessionPage {
  sessions: SessionSummary[];
  nextPageToken: string | null;
  incomplete: SessionsIncomplete | null;
}

export interface TurnAssessment {
  name: string;
  kind: "feedback" | "expectation";
  value: unknown;
  sourceType: string;
  rationale: string | null;
  error: string | null;
}

export interface SessionTurn {
  traceId: string;
  index: number;
  requestTimeMs: number;
  executionDurationMs: number | null;
  state: string;
  user: string | null;
  input: string | null;
  inputSource: "chat" | "preview" | null;
  answer: string | null;
  answerSource: "chat" | "preview" | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  cost: number | null;
  errorSpans: number;
  errorMessage: string | null;
  assessments: TurnAssessment[];
}

export interface SessionDetail {
  summary: SessionSummary;
  turns: SessionTurn[];
  nextPageToken: string | null;
  incomplete: SessionsIncomplete | null;
}

async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { Accept: "application/json" }, ...(signal ? { signal } : {}) });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const details = (body as { error?: ApiErrorDetails } | null)?.error ?? { message: `HTTP ${response.status}`, kind: "http" };
    throw new ApiError(response.status, details);
  }
  return body as T;
}

export interface SessionListQuery {
  filter: string;
  orderBy: string[];
  pageToken: string | null;
  maxResults: number;
}

export function listSessions(query: SessionListQuery, signal?: AbortSignal): Promise<SessionPage> {
  const params = new URLSearchParams();
  if (query.filter) params.set("filter", query.filter);
  for (const order of query.orderBy) params.append("orderBy", order);
  if (query.pageToken) params.set("pageToken", query.pageToken);
  params.set("maxResults", String(query.maxResults));
  return get(`/api/sessions?${params}`, signal);
}

export function getSession(sessionId: string, pageToken: string | null, signal?: AbortSignal): Promise<SessionDetail> {
  const params = pageToken ? `?${new URLSearchParams({ pageToken })}` : "";
  return get(`/api/sessions/${encodeURIComponent(sessionId)}${params}`, signal);
}

export function sessionPath(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}
