/**
 * The UI's JSON API over a trace store (the local file or a tracking server, one async API):
 * list/search, one trace in MLflow's dict form, tags, human feedback, and a stream of store
 * changes. Everything goes through the store; a server's credentials stay in this process.
 */
import { userInfo } from "node:os";
import { Hono, type Context } from "hono";
import { streamSSE } from "hono/streaming";
import { AssessmentSourceType } from "../model/assessment.js";
import { stringifyWithBigInts, traceToMlflowDict } from "../model/mlflow-json.js";
import { TraceNotFoundError } from "../query/not-found.js";
import { type TraceStore } from "../query/remote/trace-store-api.js";
import { BadRequestError, errorResponse } from "./api-errors.js";
import { sessionRoutes } from "./session-routes.js";
import { summaryRoutes } from "./summary-routes.js";
import { type StoreWatcher } from "./store-watcher.js";
import { summarizeTrace } from "./trace-summary.js";

/** The assessment name for thumbs up / down given in the UI. */
export const UI_FEEDBACK_NAME = "user_feedback";
const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;

export interface ApiOptions {
  store: TraceStore;
  watcher: StoreWatcher;
  /** Ends open event streams when the server stops. */
  shutdownSignal: AbortSignal;
}

function pageSize(text: string | undefined): number {
  if (text === undefined || text === "") return DEFAULT_PAGE_SIZE;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0 || n > MAX_PAGE_SIZE) throw new BadRequestError(`maxResults must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  return n;
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new BadRequestError("The request body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("The request body must be a JSON object");
  return body as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, key: string, maxLength: number): string | undefined {
  const value = body[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new BadRequestError(`"${key}" must be a string`);
  if (value.length > maxLength) throw new BadRequestError(`"${key}" is longer than ${maxLength} characters`);
  return value;
}

function localUserName(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    return undefined;
  }
}

export function apiRoutes({ store, watcher, shutdownSignal }: ApiOptions): Hono {
  const api = new Hono();
  api.onError((error, c) => errorResponse(c, error));

  api.get("/traces", async (c) => {
    const orderBy = c.req.queries("orderBy") ?? [];
    const pageToken = c.req.query("pageToken");
    const result = await store.searchTraces({
      filter: c.req.query("filter") ?? "",
      orderBy,
      maxResults: pageSize(c.req.query("maxResults")),
      ...(pageToken ? { pageToken } : {}),
      includeSpans: false,
    });
    return c.json({ traces: result.traces.map(summarizeTrace), nextPageToken: result.nextPageToken ?? null });
  });

  api.get("/traces/:traceId", async (c) => {
    const trace = await store.getTrace(c.req.param("traceId"));
    if (trace === undefined) throw new TraceNotFoundError(c.req.param("traceId"));
    // Nanosecond times exceed 2^53: written as bare integers, as MLflow's JSON has them.
    return c.body(stringifyWithBigInts(traceToMlflowDict(trace)), 200, { "Content-Type": "application/json; charset=utf-8" });
  });

  api.put("/traces/:traceId/tags/:key", async (c) => {
    const body = await jsonBody(c);
    const value = body.value;
    if (typeof value !== "string") throw new BadRequestError('"value" must be a string');
    const key = c.req.param("key");
    if (key.trim() === "") throw new BadRequestError("A tag key cannot be empty");
    await store.setTraceTag(c.req.param("traceId"), key, value);
    return c.json({ key, value });
  });

  api.delete("/traces/:traceId/tags/:key", async (c) => {
    const traceId = c.req.param("traceId");
    const deleted = await store.deleteTraceTag(traceId, c.req.param("key"));
    if (!deleted) return c.json({ error: { message: `Trace ${traceId} has no tag ${JSON.stringify(c.req.param("key"))}`, kind: "not_found" } }, 404);
    return c.body(null, 204);
  });

  api.post("/traces/:traceId/feedback", async (c) => {
    const body = await jsonBody(c);
    if (typeof body.value !== "boolean") throw new BadRequestError('"value" must be true (thumbs up) or false (thumbs down)');
    const comment = optionalString(body, "comment", 10_000);
    const spanId = optionalString(body, "spanId", 16);
    const user = localUserName();
    const assessment = await store.logFeedback({
      traceId: c.req.param("traceId"),
      name: UI_FEEDBACK_NAME,
      value: body.value,
      source: { sourceType: AssessmentSourceType.HUMAN, ...(user ? { sourceId: user } : {}) },
      ...(comment !== undefined ? { rationale: comment } : {}),
      ...(spanId !== undefined ? { spanId } : {}),
    });
    return c.json({ assessmentId: assessment.assessmentId }, 201);
  });

  api.route("/sessions", sessionRoutes(store));
  api.route("/summary", summaryRoutes(store));

  api.get("/events", (c) =>
    streamSSE(c, async (stream) => {
      await stream.writeSSE({ event: "hello", data: JSON.stringify(await watcher.currentOrUnknown()) });
      let unsubscribe: () => void = () => {};
      await new Promise<void>((resolve) => {
        unsubscribe = watcher.subscribe((change) => {
          void stream.writeSSE({ event: "traces", data: JSON.stringify(change) });
        });
        stream.onAbort(resolve);
        shutdownSignal.addEventListener("abort", () => resolve(), { once: true });
      });
      unsubscribe();
    }),
  );

  return api;
}
