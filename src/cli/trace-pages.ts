/** Every trace a search selects, a page at a time through the store's page tokens: what export and copy read. */
import { type Trace } from "../model/trace.js";
import { LocalTraceStore } from "../query/local-trace-store.js";
import { type SearchTracesOptions } from "../query/search-traces.js";
import { type CliStore } from "./open-store.js";

export type PageSearch = Pick<SearchTracesOptions, "filter" | "orderBy" | "experimentIds">;

// A server's page is read in a few requests (batchGet), or one per trace on a server without
// it: smaller pages keep progress moving.
const FILE_PAGE = 500;
const SERVER_PAGE = 100;

/** How many traces the search selects, when the store can say without reading them (a file can; a server cannot). */
export async function knownTotal(store: CliStore, search: PageSearch): Promise<number | undefined> {
  return store instanceof LocalTraceStore ? store.countTraces({ ...(search.filter !== undefined ? { filter: search.filter } : {}), ...(search.experimentIds ? { experimentIds: search.experimentIds } : {}) }) : undefined;
}

/**
 * Yields the selected traces with their spans, page by page. With `limit` (the count taken
 * first) it stops there: traces written meanwhile by another process wait for the next run,
 * so a progress total holds.
 */
export async function* tracePages(store: CliStore, search: PageSearch, limit?: number): AsyncGenerator<Trace[]> {
  const maxResults = store instanceof LocalTraceStore ? FILE_PAGE : SERVER_PAGE;
  let remaining = limit ?? Infinity;
  let pageToken: string | undefined;
  do {
    if (remaining <= 0) return;
    const page = await store.searchTraces({ ...search, maxResults, ...(pageToken ? { pageToken } : {}) });
    const traces = page.traces.length > remaining ? page.traces.slice(0, remaining) : page.traces;
    remaining -= traces.length;
    if (traces.length > 0) yield traces;
    pageToken = page.nextPageToken;
  } while (pageToken);
}
