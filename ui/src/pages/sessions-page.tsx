/** The sessions list: filter box (the trace grammar, applied to the sessions' traces), sortable table, paging. */
import { useEffect, useState } from "preact/hooks";
import { FilterBox } from "../components/filter-box";
import { ApiError, type ApiErrorDetails } from "../lib/api";
import { formatTime, instantTitle } from "../lib/format";
import { pageOffset, pageTokenAt } from "../lib/page-token";
import { navigate, type Location } from "../lib/router";
import { listSessions, sessionPath, type SessionPage } from "../lib/sessions-api";
import { sessionCost, sessionTokens, sessionUser } from "./session-format";
import { defaultDescending, readSessionListState, sessionListUrl, type SessionListState, type SessionSortKey } from "./sessions-query";
import "./sessions.css";

const PAGE_SIZE = 50;

const COLUMNS: { title: string; sort: SessionSortKey; class: string }[] = [
  { title: "Session", sort: "session_id", class: "col-session" },
  { title: "User", sort: "user", class: "col-session-user" },
  { title: "Turns", sort: "turns", class: "col-num" },
  { title: "First turn", sort: "first_time_ms", class: "col-when" },
  { title: "Last turn", sort: "last_time_ms", class: "col-when" },
  { title: "Tokens", sort: "total_tokens", class: "col-num col-wide-num" },
  { title: "Cost", sort: "cost", class: "col-num col-wide-num" },
  { title: "Errors", sort: "errors", class: "col-num" },
];

// The last session list the user saw, for the session page's way back.
let lastSessionsUrl = "/sessions";
export const sessionsBackUrl = () => lastSessionsUrl;

export function SessionsPage({ location }: { location: Location }) {
  const state = readSessionListState(location.query);
  lastSessionsUrl = sessionListUrl(state);
  const [page, setPage] = useState<SessionPage | null>(null);
  const [error, setError] = useState<ApiErrorDetails | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    listSessions({ filter: state.filter, orderBy: [`${state.sort} ${state.descending ? "DESC" : "ASC"}`], pageToken: state.pageToken, maxResults: PAGE_SIZE }, abort.signal)
      .then((result) => {
        setPage(result);
        setError(null);
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        setPage({ sessions: [], nextPageToken: null, incomplete: null });
        setError(e instanceof ApiError ? e.details : { message: String(e), kind: "network" });
      });
    return () => abort.abort();
  }, [location.query.toString()]);

  const go = (next: Partial<SessionListState>) => navigate(sessionListUrl({ ...state, pageToken: null, ...next }));
  const onSort = (key: SessionSortKey) => go({ sort: key, descending: key === state.sort ? !state.descending : defaultDescending(key) });
  const offset = pageOffset(state.pageToken);

  return (
    <main class="list-page sessions-page">
      <h1 class="page-title">Sessions</h1>
      <div class="toolbar">
        <FilterBox value={state.filter} error={error} onSubmit={(filter) => go({ filter })} />
      </div>
      {page?.incomplete && (
        <div class="sessions-incomplete" role="status">
          {page.incomplete.reason}
        </div>
      )}
      {page === null ? (
        <p class="muted">Loading…</p>
      ) : page.sessions.length === 0 && !error ? (
        <p class="empty muted">{state.filter ? "No sessions match." : "No sessions yet: traces join a session with updateCurrentTrace({ session })."}</p>
      ) : (
        <div class="table-scroll">
          <table class="sessions-table">
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th key={column.sort} class={column.class} aria-sort={state.sort === column.sort ? (state.descending ? "descending" : "ascending") : undefined}>
                    <button type="button" class="sort-button" onClick={() => onSort(column.sort)}>
                      {column.title}
                      {state.sort === column.sort && <span class="sort-mark">{state.descending ? " ▼" : " ▲"}</span>}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.sessions.map((s) => (
                <tr key={s.sessionId} class="session-row" onClick={() => navigate(sessionPath(s.sessionId))}>
                  <td class="col-session">
                    <a
                      href={sessionPath(s.sessionId)}
                      class="cell-text"
                      title={s.sessionId}
                      onClick={(event) => {
                        event.preventDefault();
                        event.stopPropagation();
                        navigate(sessionPath(s.sessionId));
                      }}
                    >
                      {s.sessionId}
                    </a>
                  </td>
                  <td class="col-session-user">
                    <span class="cell-text" title={s.user ?? ""}>
                      {sessionUser(s)}
                    </span>
                  </td>
                  <td class="col-num col-turns">{s.turns}</td>
                  <td class="col-when col-first" title={instantTitle(s.firstTimeMs)}>
                    {formatTime(s.firstTimeMs)}
                  </td>
                  <td class="col-when col-last" title={instantTitle(s.lastTimeMs)}>
                    {formatTime(s.lastTimeMs)}
                  </td>
                  <td class="col-num col-wide-num col-tokens">{sessionTokens(s)}</td>
                  <td class="col-num col-wide-num col-cost">{sessionCost(s)}</td>
                  <td class={`col-num col-errors${s.errors > 0 ? " has-errors" : ""}`}>{s.errors}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label="pages">
        <button type="button" class="secondary" disabled={state.pageToken === null} onClick={() => navigate(sessionListUrl({ ...state, pageToken: pageTokenAt(offset - PAGE_SIZE) }))}>
          Previous
        </button>
        <span class="page-number">Page {Math.floor(offset / PAGE_SIZE) + 1}</span>
        <button type="button" class="secondary" disabled={!page?.nextPageToken} onClick={() => navigate(sessionListUrl({ ...state, pageToken: page!.nextPageToken }))}>
          Next
        </button>
      </nav>
    </main>
  );
}
