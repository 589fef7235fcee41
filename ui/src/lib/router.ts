/** A small history router: the path and query are the app's state, so every view has a URL. */
import { useEffect, useState } from "preact/hooks";

export interface Location {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();

function read(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  for (const listener of listeners) listener();
}

window.addEventListener("popstate", () => {
  for (const listener of listeners) listener();
});

export function useLocation(): Location {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return location;
}

/** `/traces/<id>` and `/traces/<id>/spans/<spanId>`; anything else is the list. */
export type Route =
  | { page: "list" }
  | { page: "trace"; traceId: string; spanId: string | null }
  | { page: "sessions" }
  | { page: "session"; sessionId: string }
  | { page: "overview" };

export function matchRoute(path: string): Route {
  if (/^\/overview\/?$/.test(path)) return { page: "overview" };
  if (/^\/sessions\/?$/.test(path)) return { page: "sessions" };
  const session = /^\/sessions\/([^/]+)\/?$/.exec(path);
  if (session) return { page: "session", sessionId: decodeURIComponent(session[1]!) };
  const match = /^\/traces\/([^/]+)(?:\/spans\/([0-9a-f]{16}))?\/?$/.exec(path);
  if (!match) return { page: "list" };
  return { page: "trace", traceId: decodeURIComponent(match[1]!), spanId: match[2] ?? null };
}

export function tracePath(traceId: string, spanId?: string | null): string {
  const base = `/traces/${encodeURIComponent(traceId)}`;
  return spanId ? `${base}/spans/${spanId}` : base;
}

// The list's URL (filter, sort, page) when the user left it, for the way back.
let listUrl = "/";

export function rememberListUrl(url: string): void {
  listUrl = url;
}

export function lastListUrl(): string {
  return listUrl;
}
