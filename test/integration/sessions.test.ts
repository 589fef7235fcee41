/**
 * searchSessions and getSession on a real SQLite store filled through traced's own capture
 * and pricing: sessions of known length, tokens and prices, an ERROR turn, an unpriced
 * model, a turn without a model call, and the empty store.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TracedUsageError } from "../../src/config/errors.js";
import { FilterError } from "../../src/query/filter-error.js";
import { LocalTraceStore } from "../../src/query/local-trace-store.js";
import { Trace } from "../../src/model/trace.js";
import { TraceStore } from "../../src/query/trace-store.js";
import { BASE_MS, HOSTILE_SESSION, HOSTILE_USER, priceOf, seedSessions } from "../support/sessions-seed.js";

let store: TraceStore;

beforeAll(async () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), "traced-sessions-")), "traces.db");
  await seedSessions(dbPath);
  store = TraceStore.open(dbPath);
});
afterAll(() => store.close());

const alphaCost = priceOf([100, 10]) + priceOf([200, 20]) + priceOf([300, 30]);

describe("searchSessions", () => {
  it("groups the traces by mlflow.trace.session, most recently active first", () => {
    const { sessions, nextPageToken } = store.searchSessions();
    expect(sessions.map((s) => s.sessionId)).toEqual([HOSTILE_SESSION, "s-gamma", "s-beta", "s-alpha"]);
    expect(nextPageToken).toBeUndefined();
  });

  it("counts turns, times, tokens, cost and errors of a session", () => {
    const alpha = store.searchSessions().sessions.find((s) => s.sessionId === "s-alpha")!;
    expect(alpha).toEqual({
      sessionId: "s-alpha",
      user: "alice",
      users: 1,
      turns: 3,
      firstTimeMs: BASE_MS,
      lastTimeMs: BASE_MS + 2000,
      inputTokens: 600,
      outputTokens: 60,
      totalTokens: 660,
      turnsWithTokens: 3,
      cost: expect.closeTo(alphaCost, 12),
      turnsWithCost: 3,
      errors: 1,
      assessments: 0,
    });
    expect(alpha.cost).toBe(0.00072);
  });

  it("leaves the cost empty for an unpriced model and says how many turns a partial sum covers", () => {
    const byId = Object.fromEntries(store.searchSessions().sessions.map((s) => [s.sessionId, s]));
    expect(byId["s-beta"]).toMatchObject({ totalTokens: 10, cost: null, turnsWithCost: 0, turnsWithTokens: 1 });
    expect(byId["s-gamma"]).toMatchObject({ turns: 2, totalTokens: 1100, turnsWithTokens: 1, cost: priceOf([1000, 100]), turnsWithCost: 1, errors: 0 });
    expect(byId[HOSTILE_SESSION]).toMatchObject({ user: HOSTILE_USER, turns: 1 });
  });

  it("orders by any number, missing ones last, and pages with MLflow's tokens", () => {
    const ids = (orderBy: string[]) => store.searchSessions({ orderBy }).sessions.map((s) => s.sessionId);
    expect(ids(["turns DESC"])).toEqual(["s-alpha", "s-gamma", HOSTILE_SESSION, "s-beta"]);
    expect(ids(["cost DESC"])).toEqual(["s-gamma", "s-alpha", HOSTILE_SESSION, "s-beta"]);
    expect(ids(["cost ASC"])).toEqual([HOSTILE_SESSION, "s-alpha", "s-gamma", "s-beta"]);
    expect(ids(["user ASC"])).toEqual([HOSTILE_SESSION, "s-alpha", "s-beta", "s-gamma"]);
    const first = store.searchSessions({ orderBy: ["first_time_ms ASC"], maxResults: 3 });
    expect(first.sessions.map((s) => s.sessionId)).toEqual(["s-alpha", "s-beta", "s-gamma"]);
    const second = store.searchSessions({ orderBy: ["first_time_ms ASC"], maxResults: 3, pageToken: first.nextPageToken! });
    expect(second.sessions.map((s) => s.sessionId)).toEqual([HOSTILE_SESSION]);
    expect(second.nextPageToken).toBeUndefined();
  });

  it("the default order (walked through the time index) equals the grouped query's, ties and pages included", () => {
    const grouped = (options: { filter?: string; maxResults?: number; pageToken?: string } = {}) =>
      store.searchSessions({ ...options, orderBy: ["last_time_ms DESC", "session_id ASC", "turns DESC"] });
    for (const options of [{}, { filter: "trace.status = 'OK'" }, { maxResults: 2 }, { maxResults: 1, pageToken: store.searchSessions({ maxResults: 2 }).nextPageToken! }]) {
      expect(store.searchSessions(options)).toEqual(grouped(options));
    }
    // Every turn at one instant: sessions tie on their last time and go by id.
    const tied = TraceStore.open(join(mkdtempSync(join(tmpdir(), "traced-sessions-tied-")), "traces.db"));
    try {
      const all = store.searchTraces({ maxResults: 1000 }).traces;
      tied.writeTraces(all.map((t) => new Trace({ ...t.info, requestTimeMs: BASE_MS }, t.spans)));
      const ids = (options: { maxResults?: number; pageToken?: string } = {}) => tied.searchSessions(options).sessions.map((s) => s.sessionId);
      expect(ids()).toEqual([HOSTILE_SESSION, "s-alpha", "s-beta", "s-gamma"]);
      const first = tied.searchSessions({ maxResults: 3 });
      expect(ids({ maxResults: 3, pageToken: first.nextPageToken! })).toEqual(["s-gamma"]);
    } finally {
      tied.close();
    }
  });

  it("filters the traces with searchTraces' grammar, and counts only the matching ones", () => {
    const errors = store.searchSessions({ filter: "trace.status = 'ERROR'" }).sessions;
    expect(errors.map((s) => [s.sessionId, s.turns, s.errors])).toEqual([["s-alpha", 1, 1]]);
    const late = store.searchSessions({ filter: `trace.timestamp_ms >= ${BASE_MS + 1000}` }).sessions.find((s) => s.sessionId === "s-alpha")!;
    expect(late).toMatchObject({ turns: 2, firstTimeMs: BASE_MS + 1000, totalTokens: 550 });
    const bob = store.searchSessions({ filter: "metadata.`mlflow.trace.user` = 'bob'" }).sessions;
    expect(bob.map((s) => s.sessionId)).toEqual(["s-beta"]);
    expect(store.searchSessions({ filter: "trace.cost > 0.001" }).sessions.map((s) => s.sessionId)).toEqual(["s-gamma"]);
  });

  it("counts valid assessments, not overridden ones", () => {
    const turn = store.getSession("s-beta")!.turns[0]!;
    const first = store.logFeedback({ traceId: turn.traceId, name: "helpful", value: true, source: { sourceType: "HUMAN", sourceId: "qa" } });
    store.logFeedback({ traceId: turn.traceId, name: "helpful", value: false, source: { sourceType: "HUMAN", sourceId: "qa" }, overrides: first.assessmentId });
    expect(store.searchSessions({ filter: "metadata.`mlflow.trace.user` = 'bob'" }).sessions[0]!.assessments).toBe(1);
    expect(store.getSession("s-beta")!.turns[0]!.assessments).toEqual([{ name: "helpful", kind: "feedback", value: false, sourceType: "HUMAN", rationale: null, error: null }]);
  });

  it("rejects a bad filter, order or page size with a clear error", () => {
    expect(() => store.searchSessions({ filter: "trace.status = " })).toThrow(FilterError);
    expect(() => store.searchSessions({ orderBy: ["price DESC"] })).toThrow(/invalid order_by clause "price DESC".*last_time_ms/);
    expect(() => store.searchSessions({ maxResults: 0 })).toThrow(TracedUsageError);
    expect(() => store.searchSessions({ pageSize: 3 } as never)).toThrow(/pageSize/);
  });

  it("an empty store has no sessions", async () => {
    const empty = TraceStore.open(join(mkdtempSync(join(tmpdir(), "traced-sessions-empty-")), "traces.db"));
    try {
      expect(empty.searchSessions()).toEqual({ sessions: [] });
      expect(empty.getSession("s-alpha")).toBeUndefined();
    } finally {
      empty.close();
    }
  });
});

describe("getSession", () => {
  it("reads the turns in order: the user's input and the app's answer, with latency, tokens, cost and errors", () => {
    const session = store.getSession("s-alpha")!;
    expect(session.summary).toEqual(store.searchSessions().sessions.find((s) => s.sessionId === "s-alpha"));
    expect(session.nextPageToken).toBeUndefined();
    expect(session.turns.map((t) => [t.index, t.input, t.answer, t.state, t.totalTokens, t.cost])).toEqual([
      [1, "What is 2+2?", "4", "OK", 110, priceOf([100, 10])],
      [2, "And times 3?", "12", "ERROR", 220, priceOf([200, 20])],
      [3, "Thanks!", "You're welcome.", "OK", 330, priceOf([300, 30])],
    ]);
    const [first, failed] = session.turns;
    expect(first).toMatchObject({ inputSource: "chat", answerSource: "chat", user: "alice", errorSpans: 0, errorMessage: null, requestTimeMs: BASE_MS });
    expect(first!.executionDurationMs).toBeGreaterThanOrEqual(0);
    // The failing turn's answer is the model's reply: the root threw before returning one.
    expect(failed).toMatchObject({ errorSpans: 1, errorMessage: expect.stringContaining("tool crashed: calculator offline"), inputTokens: 200, outputTokens: 20 });
    expect(store.getTrace(failed!.traceId)!.info.state).toBe("ERROR");
  });

  it("falls back to the previews when no span holds a chat message", () => {
    const [, echo] = store.getSession("s-gamma")!.turns;
    expect(echo).toMatchObject({ input: '{"question":"No model here"}', inputSource: "preview", answer: "echo: No model here", answerSource: "chat", totalTokens: null, cost: null });
  });

  it("pages through the turns", () => {
    const first = store.getSession("s-alpha", { maxResults: 2 })!;
    expect(first.turns.map((t) => t.index)).toEqual([1, 2]);
    const rest = store.getSession("s-alpha", { maxResults: 2, pageToken: first.nextPageToken! })!;
    expect(rest.turns.map((t) => [t.index, t.input])).toEqual([[3, "Thanks!"]]);
    expect(rest.summary.turns).toBe(3);
  });

  it("keeps hostile strings as they are (escaping is the UI's job)", () => {
    const session = store.getSession(HOSTILE_SESSION)!;
    expect(session.summary.user).toBe(HOSTILE_USER);
    expect(session.turns[0]).toMatchObject({ input: "<b onmouseover=alert(22)>hi</b>", answer: "<img src=x onerror=alert(23)>" });
  });

  it("is the same through the asynchronous store API", async () => {
    const local = new LocalTraceStore(store);
    await expect(local.searchSessions({ orderBy: ["turns DESC"], maxResults: 1 })).resolves.toMatchObject({ sessions: [{ sessionId: "s-alpha", turns: 3 }] });
    await expect(local.getSession("s-alpha")).resolves.toEqual(store.getSession("s-alpha"));
    await expect(local.getSession("")).rejects.toThrow(TracedUsageError);
  });
});
