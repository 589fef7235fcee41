/**
 * The UI's session API: `GET /sessions` (a page of session summaries, filtered and sorted as
 * searchSessions takes them) and `GET /sessions/:sessionId` (the summary and a page of
 * turns). `incomplete` is passed on so the page can say which numbers are lower bounds.
 */
import { Hono } from "hono";
import { type TraceStore } from "../query/remote/trace-store-api.js";
import { BadRequestError, errorResponse } from "./api-errors.js";

const MAX_SESSIONS_PAGE = 500;
const DEFAULT_SESSIONS_PAGE = 50;
const MAX_TURNS_PAGE = 1000;
const DEFAULT_TURNS_PAGE = 500;

function pageSize(text: string | undefined, fallback: number, max: number): number {
  if (text === undefined || text === "") return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0 || n > max) throw new BadRequestError(`maxResults must be an integer from 1 to ${max}`);
  return n;
}

export function sessionRoutes(store: TraceStore): Hono {
  const api = new Hono();
  api.onError((error, c) => errorResponse(c, error));

  api.get("/", async (c) => {
    const pageToken = c.req.query("pageToken");
    const result = await store.searchSessions({
      filter: c.req.query("filter") ?? "",
      orderBy: c.req.queries("orderBy") ?? [],
      maxResults: pageSize(c.req.query("maxResults"), DEFAULT_SESSIONS_PAGE, MAX_SESSIONS_PAGE),
      ...(pageToken ? { pageToken } : {}),
    });
    return c.json({ sessions: result.sessions, nextPageToken: result.nextPageToken ?? null, incomplete: result.incomplete ?? null });
  });

  api.get("/:sessionId", async (c) => {
    const sessionId = c.req.param("sessionId");
    const pageToken = c.req.query("pageToken");
    const session = await store.getSession(sessionId, {
      maxResults: pageSize(c.req.query("maxResults"), DEFAULT_TURNS_PAGE, MAX_TURNS_PAGE),
      ...(pageToken ? { pageToken } : {}),
    });
    if (session === undefined) return c.json({ error: { message: `No session ${JSON.stringify(sessionId)} in the store`, kind: "not_found" } }, 404);
    return c.json({ ...session, nextPageToken: session.nextPageToken ?? null, incomplete: session.incomplete ?? null });
  });

  return api;
}
