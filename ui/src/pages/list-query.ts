/** The list page's state as URL parameters, and the search it stands for. */

export const TIME_RANGES: Record<string, { label: string; ms: number }> = {
  "15m": { label: "Last 15 minutes", ms: 15 * 60_000 },
  "1h": { label: "Last hour", ms: 3_600_000 },
  "24h": { label: "Last 24 hours", ms: 86_400_000 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000 },
};

export type SortKey = "timestamp_ms" | "execution_time_ms" | "status" | "name" | "request_id";
const SORT_KEYS: SortKey[] = ["timestamp_ms", "execution_time_ms", "status", "name", "request_id"];

export interface ListState {
  filter: string;
  errorsOnly: boolean;
  range: string | null;
  sort: SortKey;
  descending: boolean;
  pageToken: string | null;
}

export function readListState(query: URLSearchParams): ListState {
  const sort = query.get("sort") as SortKey | null;
  const range = query.get("range");
  return {
    filter: query.get("filter") ?? "",
    errorsOnly: query.get("errors") === "1",
    range: range && range in TIME_RANGES ? range : null,
    sort: sort && SORT_KEYS.includes(sort) ? sort : "timestamp_ms",
    descending: query.get("dir") !== "asc",
    pageToken: query.get("page"),
  };
}

export function listStateUrl(state: ListState): string {
  const query = new URLSearchParams();
  if (state.filter) query.set("filter", state.filter);
  if (state.errorsOnly) query.set("errors", "1");
  if (state.range) query.set("range", state.range);
  if (state.sort !== "timestamp_ms") query.set("sort", state.sort);
  if (!state.descending) query.set("dir", "asc");
  if (state.pageToken) query.set("page", state.pageToken);
  const text = query.toString();
  return text ? `/?${text}` : "/";
}

/** The user's filter first (so an error's position points into it), then the quick filters. */
export function combinedFilter(state: ListState, now: number): string {
  const parts = [state.filter];
  if (state.errorsOnly) parts.push("trace.status = 'ERROR'");
  if (state.range) parts.push(`trace.timestamp_ms > ${now - TIME_RANGES[state.range]!.ms}`);
  return parts.filter(Boolean).join(" AND ");
}

export function orderByOf(state: ListState): string[] {
  return [`${state.sort} ${state.descending ? "DESC" : "ASC"}`];
}
