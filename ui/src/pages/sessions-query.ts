/** The sessions page's state as URL parameters. */

export type SessionSortKey = "last_time_ms" | "first_time_ms" | "turns" | "total_tokens" | "cost" | "errors" | "session_id" | "user";
const SORT_KEYS: SessionSortKey[] = ["last_time_ms", "first_time_ms", "turns", "total_tokens", "cost", "errors", "session_id", "user"];

export interface SessionListState {
  filter: string;
  sort: SessionSortKey;
  descending: boolean;
  pageToken: string | null;
}

export function readSessionListState(query: URLSearchParams): SessionListState {
  const sort = query.get("sort") as SessionSortKey | null;
  return {
    filter: query.get("filter") ?? "",
    sort: sort && SORT_KEYS.includes(sort) ? sort : "last_time_ms",
    descending: query.get("dir") !== "asc",
    pageToken: query.get("page"),
  };
}

export function sessionListUrl(state: SessionListState): string {
  const query = new URLSearchParams();
  if (state.filter) query.set("filter", state.filter);
  if (state.sort !== "last_time_ms") query.set("sort", state.sort);
  if (!state.descending) query.set("dir", "asc");
  if (state.pageToken) query.set("page", state.pageToken);
  const text = query.toString();
  return text ? `/sessions?${text}` : "/sessions";
}

/** Text keys read best A→Z first; numbers and times largest first. */
export function defaultDescending(key: SessionSortKey): boolean {
  return key !== "session_id" && key !== "user";
}
