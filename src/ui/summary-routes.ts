/**
 * The UI's summary API: `GET /summary?from&to&interval&filter&groupBy…&limit`, the numbers
 * of the Overview page, from summarizeTraces. A store that cannot compute them (a tracking
 * server) answers `{ available: false, reason }`, which the page shows instead of numbers.
 */
import { Hono } from "hono";
import { type TraceStore } from "../query/remote/trace-store-api.js";
import { type SummarizeTracesOptions } from "../query/summarize-types.js";
import { BadRequestError, errorResponse } from "./api-errors.js";

function optionalLimit(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0 || n > 100) throw new BadRequestError("limit must be an integer from 1 to 100");
  return n;
}

export function summaryRoutes(store: TraceStore): Hono {
  const api = new Hono();
  api.onError((error, c) => errorResponse(c, error));

  api.get("/", async (c) => {
    const query = (name: string) => {
      const value = c.req.query(name);
      return value === undefined || value === "" ? undefined : value;
    };
    const groupBy = c.req.queries("groupBy")?.filter((key) => key !== "");
    const limit = optionalLimit(query("limit"));
    const options: SummarizeTracesOptions = {
      filter: query("filter") ?? "",
      ...(query("from") !== undefined ? { from: query("from")! } : {}),
      ...(query("to") !== undefined ? { to: query("to")! } : {}),
      ...(query("interval") !== undefined ? { interval: query("interval")! } : {}),
      ...(groupBy?.length ? { groupBy } : {}),
      ...(limit !== undefined ? { limit } : {}),
    };
    return c.json(await store.summarizeTraces(options));
  });

  return api;
}
