/** API failures as JSON: `{ error: { message, kind, position?, token? } }` with a fitting status. */
import { type Context } from "hono";
import { TracedUsageError } from "../config/errors.js";
import { FilterError } from "../query/filter-error.js";
import { MlflowServerError } from "../query/remote/mlflow-rest-client.js";
import { TraceNotFoundError } from "../query/not-found.js";

export interface ApiErrorBody {
  error: { message: string; kind: "filter" | "usage" | "not_found" | "bad_request" | "server" | "internal"; position?: number; token?: string };
}

/** A request the API refuses (a missing field, a wrong type). */
export class BadRequestError extends Error {}

export function errorResponse(c: Context, error: unknown): Response {
  if (error instanceof FilterError) {
    // The first line only: the rest draws a caret under the filter, which the page does itself.
    const message = error.message.split("\n")[0]!;
    return c.json({ error: { message, kind: "filter", position: error.position, token: error.token } } satisfies ApiErrorBody, 400);
  }
  if (error instanceof TraceNotFoundError) return c.json({ error: { message: error.message, kind: "not_found" } } satisfies ApiErrorBody, 404);
  if (error instanceof BadRequestError) return c.json({ error: { message: error.message, kind: "bad_request" } } satisfies ApiErrorBody, 400);
  if (error instanceof TracedUsageError) return c.json({ error: { message: error.message, kind: "usage" } } satisfies ApiErrorBody, 400);
  // The tracking server refused or failed: its message names the server and the call, never the credentials.
  if (error instanceof MlflowServerError) return c.json({ error: { message: error.message, kind: "server" } } satisfies ApiErrorBody, 502);
  return c.json({ error: { message: "Internal error", kind: "internal" } } satisfies ApiErrorBody, 500);
}
