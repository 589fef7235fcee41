/** The UI server's session API over HTTP, without a browser: what it returns, and how it refuses bad requests. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TraceStore } from "../../src/query/trace-store.js";
import { createUiServer, type UiServer } from "../../src/ui/index.js";
import { HOSTILE_SESSION, seedSessions } from "../support/sessions-seed.js";

let server: UiServer;
let store: TraceStore;

beforeAll(async () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), "traced-sessions-api-")), "traces.db");
  await seedSessions(dbPath);
  store = TraceStore.open(dbPath);
  server = await createUiServer({ dbPath, port: 0 });
});
afterAll(async () => {
  await server?.close();
  store?.close();
});

async function get(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL(path, server.url));
  return { status: response.status, body: await response.json() };
}

describe("GET /api/sessions", () => {
  it("gives searchSessions' page, with its order, filter and page token", async () => {
    const { status, body } = await get("api/sessions?orderBy=turns%20DESC&maxResults=2&filter=" + encodeURIComponent("trace.status != 'IN_PROGRESS'"));
    expect(status).toBe(200);
    const expected = store.searchSessions({ orderBy: ["turns DESC"], maxResults: 2, filter: "trace.status != 'IN_PROGRESS'" });
    expect(body).toEqual({ sessions: expected.sessions, nextPageToken: expected.nextPageToken, incomplete: null });
    const next = await get(`api/sessions?orderBy=turns%20DESC&maxResults=2&pageToken=${encodeURIComponent(body.nextPageToken)}`);
    expect(next.body.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual(store.searchSessions({ orderBy: ["turns DESC"] }).sessions.slice(2).map((s) => s.sessionId));
  });

  it("answers a bad filter, order or page size with 400 and the reason", async () => {
    const filter = await get("api/sessions?filter=" + encodeURIComponent("trace.status ="));
    expect(filter).toMatchObject({ status: 400, body: { error: { kind: "filter" } } });
    await expect(get("api/sessions?orderBy=price")).resolves.toMatchObject({ status: 400, body: { error: { message: expect.stringContaining(`invalid order_by clause "price"`) } } });
    await expect(get("api/sessions?maxResults=0")).resolves.toMatchObject({ status: 400, body: { error: { kind: "bad_request" } } });
  });
});

describe("GET /api/sessions/:id", () => {
  it("gives getSession's summary and turns, for any id, hostile ones included", async () => {
    const { status, body } = await get(`api/sessions/${encodeURIComponent(HOSTILE_SESSION)}`);
    expect(status).toBe(200);
    expect(body).toEqual({ ...store.getSession(HOSTILE_SESSION), nextPageToken: null, incomplete: null });
    const paged = await get("api/sessions/s-alpha?maxResults=2");
    expect(paged.body.turns).toHaveLength(2);
    expect(paged.body.nextPageToken).toEqual(expect.any(String));
  });

  it("is 404 for a session no trace has", async () => {
    await expect(get("api/sessions/nope")).resolves.toEqual({ status: 404, body: { error: { message: 'No session "nope" in the store', kind: "not_found" } } });
    await expect(get(`api/sessions/${encodeURIComponent("a/b?c")}`)).resolves.toEqual({ status: 404, body: { error: { message: 'No session "a/b?c" in the store', kind: "not_found" } } });
  });
});
