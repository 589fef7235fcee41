/**
 * The trace list: filter box, quick filters, sortable table, paging, and live updates. New
 * traces are merged in only on the first page while the user is at the top; otherwise a
 * banner offers them, so the user's place is never lost.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, listTraces, type ApiErrorDetails, type TraceSummary } from "../lib/api";
import { useStoreChanges } from "../lib/live-updates";
import { pageOffset, pageTokenAt } from "../lib/page-token";
import { navigate, rememberListUrl, type Location } from "../lib/router";
import { FilterBox } from "../components/filter-box";
import { TraceTable } from "../components/trace-table";
import { combinedFilter, listStateUrl, orderByOf, readListState, TIME_RANGES, type ListState, type SortKey } from "./list-query";

const PAGE_SIZE = 25;

export function TraceListPage({ location }: { location: Location }) {
  const state = readListState(location.query);
  rememberListUrl(listStateUrl(state));
  const [traces, setTraces] = useState<TraceSummary[] | null>(null);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorDetails | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [pendingNew, setPendingNew] = useState(false);
  const [reloadCount, setReloadCount] = useState(0);
  const shownIds = useRef<Set<string>>(new Set());
  const quietReload = useRef(false);

  useEffect(() => {
    const abort = new AbortController();
    listTraces({ filter: combinedFilter(state, Date.now()), orderBy: orderByOf(state), pageToken: state.pageToken, maxResults: PAGE_SIZE }, abort.signal)
      .then((page) => {
        const before = shownIds.current;
        setFresh(quietReload.current ? new Set(page.traces.map((t) => t.traceId).filter((id) => !before.has(id))) : new Set());
        quietReload.current = false;
        shownIds.current = new Set(page.traces.map((t) => t.traceId));
        setTraces(page.traces);
        setNextToken(page.nextPageToken);
        setError(null);
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        setTraces([]);
        setNextToken(null);
        setError(e instanceof ApiError ? e.details : { message: String(e), kind: "network" });
      });
    return () => abort.abort();
  }, [location.query.toString(), reloadCount]);

  useStoreChanges(() => {
    const atTop = state.pageToken === null && window.scrollY < 80;
    if (atTop && state.sort === "timestamp_ms" && state.descending) {
      quietReload.current = true;
      setReloadCount((n) => n + 1);
    } else {
      setPendingNew(true);
    }
  });

  const go = (next: Partial<ListState>) => {
    setPendingNew(false);
    navigate(listStateUrl({ ...state, pageToken: null, ...next }));
  };
  const onSort = (key: SortKey) => go({ sort: key, descending: key === state.sort ? !state.descending : key !== "name" && key !== "request_id" });
  const offset = pageOffset(state.pageToken);
  const pageNumber = Math.floor(offset / PAGE_SIZE) + 1;

  return (
    <main class="list-page">
      <div class="toolbar">
        <FilterBox value={state.filter} error={error} onSubmit={(filter) => go({ filter })} />
        <div class="quick-filters" role="group" aria-label="quick filters">
          <label class="check">
            <input type="checkbox" checked={state.errorsOnly} onChange={(e) => go({ errorsOnly: (e.target as HTMLInputElement).checked })} /> Errors only
          </label>
          <label>
            <span class="muted">Time </span>
            <select aria-label="time range" value={state.range ?? ""} onChange={(e) => go({ range: (e.target as HTMLSelectElement).value || null })}>
              <option value="">All time</option>
              {Object.entries(TIME_RANGES).map(([key, range]) => (
                <option key={key} value={key}>
                  {range.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {pendingNew && (
        <div class="new-traces-banner" role="status">
          New traces have arrived.{" "}
          <button type="button" class="link-button" onClick={() => (window.scrollTo(0, 0), go({}), setReloadCount((n) => n + 1))}>
            Show the newest
          </button>
        </div>
      )}
      {traces === null ? (
        <p class="muted">Loading…</p>
      ) : traces.length === 0 && !error ? (
        <p class="empty muted">No traces match.</p>
      ) : (
        <TraceTable traces={traces} sort={state.sort} descending={state.descending} freshIds={fresh} onSort={onSort} />
      )}
      <nav class="pager" aria-label="pages">
        <button type="button" class="secondary" disabled={state.pageToken === null} onClick={() => go({})}>
          First
        </button>
        <button
          type="button"
          class="secondary"
          disabled={state.pageToken === null}
          onClick={() => navigate(listStateUrl({ ...state, pageToken: pageTokenAt(offset - PAGE_SIZE) }))}
        >
          Previous
        </button>
        <span class="page-number">Page {pageNumber}</span>
        <button
          type="button"
          class="secondary"
          disabled={nextToken === null}
          onClick={() => navigate(listStateUrl({ ...state, pageToken: nextToken }))}
        >
          Next
        </button>
      </nav>
    </main>
  );
}
