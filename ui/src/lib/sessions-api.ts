/** The server's session API, typed as src/query/session-types.ts returns it. */
import type { SessionSummary, SessionsIncomplete, SessionTurn } from "../../../src/query/session-types";
import { ApiError, type ApiErrorDetails } from "./api";

// The server's own types for a session and its turns; the page shapes below are the routes' (null, not absent).
export type { SessionSummary, SessionsIncomplete, SessionTurn, TurnAssessment } from "../../../src/query/session-types";

export interface SessionPage {
  sessions: SessionSummary[];
  nextPageToken: string | null;
  incomplete: SessionsIncomplete | null;
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
