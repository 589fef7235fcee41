/**
 * The Sessions page and the session page in headless Chromium, over seeded sessions of known
 * length, tokens and prices: the numbers on screen equal the API's, the ERROR turn shows its
 * error, a turn links to its trace, hostile session ids and user names stay text, and an
 * empty store says it has no sessions.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TraceStore } from "../../src/query/trace-store.js";
import { HOSTILE_SESSION, HOSTILE_USER, seedSessions } from "../support/sessions-seed.js";
import { formatTraceDuration } from "../../ui/src/lib/format.js";
import { openPage, screenshot, type WatchedPage } from "./support/browser.js";
import { startUiFixture, type UiFixture } from "./support/fixture.js";
import { PWNED_FLAG } from "./support/hostile-values.js";
import { startUi } from "./support/ui-process.js";

let fixture: UiFixture;
let watched: WatchedPage;

async function fill(dbPath: string): Promise<void> {
  await seedSessions(dbPath);
  const store = TraceStore.open(dbPath);
  const first = store.getSession("s-alpha")!.turns[0]!;
  store.logFeedback({ traceId: first.traceId, name: "helpful", value: true, source: { sourceType: "HUMAN", sourceId: "qa" }, rationale: "right answer" });
  store.close();
}

beforeAll(async () => {
  fixture = await startUiFixture(fill);
  watched = await openPage(fixture.browser);
});
afterAll(async () => {
  await fixture?.close();
});

async function api<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, fixture.ui.url));
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

interface ApiSession {
  sessionId: string;
  user: string | null;
  turns: number;
  totalTokens: number | null;
  cost: number | null;
  errors: number;
}
interface ApiTurn {
  traceId: string;
  index: number;
  state: string;
  executionDurationMs: number | null;
  input: string;
  answer: string;
  totalTokens: number | null;
  cost: number | null;
  errorMessage: string | null;
}

const cost = (usd: number) => (usd >= 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toPrecision(3)}`);
const rows = () => watched.page.locator("tbody tr.session-row");
const rowOf = (id: string) => rows().filter({ has: watched.page.locator("td.col-session a", { hasText: id }) });

async function expectNothingRan(): Promise<void> {
  await expect(watched.page.evaluate((flag) => (globalThis as unknown as Record<string, unknown>)[flag], PWNED_FLAG)).resolves.toBeUndefined();
  await expect(watched.page.locator("img, script:not([src]), b[onmouseover]").count()).resolves.toBe(0);
  expect(watched.dialogs).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
}

describe("the Sessions page", () => {
  it("lists every session with the API's numbers", async () => {
    const { sessions } = await api<{ sessions: ApiSession[] }>("api/sessions");
    expect(sessions.map((s) => s.sessionId)).toEqual([HOSTILE_SESSION, "s-gamma", "s-beta", "s-alpha"]);
    await watched.page.goto(new URL("sessions", fixture.ui.url).href);
    await rows().first().waitFor();
    await expect(rows().locator("td.col-session").allTextContents()).resolves.toEqual(sessions.map((s) => s.sessionId));
    const alpha = sessions.find((s) => s.sessionId === "s-alpha")!;
    expect(alpha).toMatchObject({ turns: 3, totalTokens: 660, cost: 0.00072, errors: 1, user: "alice" });
    const cells = async (id: string) => rowOf(id).locator("td").allTextContents();
    expect(await cells("s-alpha")).toEqual(["s-alpha", "alice", "3", expect.any(String), expect.any(String), "660", cost(alpha.cost!), "1"]);
    const gamma = sessions.find((s) => s.sessionId === "s-gamma")!;
    expect((await cells("s-gamma")).slice(2)).toEqual([String(gamma.turns), expect.any(String), expect.any(String), "1,100 (1 of 2 turns)", `${cost(gamma.cost!)} (1 of 2 turns)`, "0"]);
    expect((await cells("s-beta")).slice(5)).toEqual(["10", "—", "0"]);
    await expect(rowOf("s-alpha").locator("td.col-errors").getAttribute("class")).resolves.toContain("has-errors");
    await screenshot(watched.page, "sessions-list.png");
    await expectNothingRan();
  });

  it("sorts by a clicked column and filters with the trace grammar", async () => {
    await watched.page.getByRole("button", { name: "Turns" }).click();
    await expect.poll(() => rows().locator("td.col-session").first().textContent()).toBe("s-alpha");
    expect(watched.page.url()).toContain("sort=turns");
    await watched.page.getByLabel("filter", { exact: true }).fill("metadata.`mlflow.trace.user` = 'bob'");
    await watched.page.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => rows().locator("td.col-session").allTextContents()).toEqual(["s-beta"]);
    await watched.page.getByLabel("filter", { exact: true }).fill("trace.status = 'IN_PROGRESS'");
    await watched.page.getByRole("button", { name: "Search" }).click();
    await expect(watched.page.locator(".empty").textContent()).resolves.toBe("No sessions match.");
  });

  it("shows hostile session ids and user names as text", async () => {
    await watched.page.goto(new URL("sessions", fixture.ui.url).href);
    await rowOf(HOSTILE_SESSION).waitFor();
    await expect(rowOf(HOSTILE_SESSION).locator("td.col-session-user").textContent()).resolves.toBe(HOSTILE_USER);
    await rowOf(HOSTILE_SESSION).locator("td.col-session a").click();
    await watched.page.locator("article.turn").first().waitFor();
    await expect(watched.page.locator(".session-id").textContent()).resolves.toBe(HOSTILE_SESSION);
    await expect(watched.page.locator(".fact-user dd").textContent()).resolves.toBe(HOSTILE_USER);
    await expect(watched.page.locator(".turn-user .turn-text").textContent()).resolves.toBe("<b onmouseover=alert(22)>hi</b>");
    await expect(watched.page.locator(".turn-answer .turn-text").textContent()).resolves.toBe("<img src=x onerror=alert(23)>");
    await expectNothingRan();
  });
});

describe("a session page", () => {
  it("reads as the conversation, each turn with the API's latency, tokens, cost, errors and assessments", async () => {
    const detail = await api<{ summary: ApiSession; turns: ApiTurn[] }>("api/sessions/s-alpha");
    await watched.page.goto(new URL("sessions", fixture.ui.url).href);
    await rowOf("s-alpha").locator("td.col-turns").click();
    await watched.page.waitForURL(/\/sessions\/s-alpha$/);
    const turns = watched.page.locator("article.turn");
    await turns.first().waitFor();
    await expect(turns.count()).resolves.toBe(3);
    await expect(watched.page.locator(".fact-tokens dd").textContent()).resolves.toBe("660");
    await expect(watched.page.locator(".fact-cost dd").textContent()).resolves.toBe(cost(detail.summary.cost!));
    await expect(watched.page.locator(".fact-errors dd").textContent()).resolves.toBe("1");
    for (const [i, turn] of detail.turns.entries()) {
      const shown = turns.nth(i);
      await expect(shown.locator(".turn-index").textContent()).resolves.toBe(`Turn ${turn.index}`);
      await expect(shown.locator(".turn-user .turn-text").textContent()).resolves.toBe(turn.input);
      await expect(shown.locator(".turn-answer .turn-text").textContent()).resolves.toBe(turn.answer);
      await expect(shown.locator(".turn-tokens").textContent()).resolves.toBe(`${turn.totalTokens} tokens`);
      await expect(shown.locator(".turn-cost").textContent()).resolves.toBe(cost(turn.cost!));
      await expect(shown.locator(".state").textContent()).resolves.toBe(turn.state);
      await expect(shown.locator(".turn-latency").textContent()).resolves.toBe(formatTraceDuration(turn.executionDurationMs));
      await expect(shown.getAttribute("data-trace-id")).resolves.toBe(turn.traceId);
    }
    expect(detail.turns.map((t) => t.input)).toEqual(["What is 2+2?", "And times 3?", "Thanks!"]);
    const failed = turns.nth(1);
    await expect(failed.getAttribute("class")).resolves.toContain("turn-failed");
    await expect(failed.locator(".turn-errors").textContent()).resolves.toBe("1 error");
    await expect(failed.locator(".turn-error").textContent()).resolves.toBe(detail.turns[1]!.errorMessage);
    await expect(turns.nth(0).locator(".turn-assessments").textContent()).resolves.toBe("helpful = true");
    await screenshot(watched.page, "session-page.png");
    await expectNothingRan();
  });

  it("links each turn into its trace", async () => {
    const detail = await api<{ turns: ApiTurn[] }>("api/sessions/s-alpha");
    await watched.page.locator("article.turn").nth(2).getByRole("link", { name: "Open trace" }).click();
    await watched.page.waitForURL(new RegExp(`/traces/${detail.turns[2]!.traceId}$`));
    await watched.page.locator(".tree-row").first().waitFor();
    await watched.page.goBack();
    await watched.page.locator("article.turn").first().waitFor();
  });

  it("an unknown session says so", async () => {
    await watched.page.goto(new URL("sessions/nope", fixture.ui.url).href);
    await expect(watched.page.getByRole("alert").textContent()).resolves.toBe('No session "nope" in this store.');
  });
});

describe("an empty store", () => {
  it("says there are no sessions yet", async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), "traced-ui-empty-")), "traces.db");
    TraceStore.open(dbPath).close();
    const ui = await startUi(dbPath);
    try {
      await watched.page.goto(new URL("sessions", ui.url).href);
      await expect(watched.page.locator(".empty").textContent()).resolves.toBe("No sessions yet: traces join a session with updateCurrentTrace({ session }).");
      await expect(watched.page.locator("tbody tr").count()).resolves.toBe(0);
    } finally {
      await ui.stop();
    }
  });
});
