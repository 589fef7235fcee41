/**
 * The trace list's layout at the widths people use (1280, 1400, 1920 px): a request or
 * response preview shows a readable sentence, every tag of a trace with five is there to
 * see, no header is cut off, the table needs no sideways scrolling, and times carry
 * their zone. Measured on screen (what is drawn inside the clip), not in the DOM.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flushTraces, getLastActiveTrace, getTraceStore, setSpanAttribute, trace, updateCurrentTrace } from "../../src/index.js";
import { openPage, screenshot, type WatchedPage } from "./support/browser.js";
import { startUiFixture, type UiFixture } from "./support/fixture.js";
import { fillStore } from "./support/sample-app.js";
import { allFullyVisible, clippedElements, visibleText } from "./support/visibility.js";

const QUESTION = "My order #4821 arrived with a cracked screen protector. Could you ship a replacement to my office address instead of my home?";
const ANSWER = "Yes. I have opened replacement order #4822 and set the delivery address to your office; it should arrive within three working days.";
const TAGS = { env: "prod", team: "support", model: "gpt-4o-mini", region: "eu-west-1", release: "2026.12.1" };

const supportAgent = trace(
  (question: string) => {
    updateCurrentTrace({ tags: TAGS, user: "dana", session: "s-1093" });
    setSpanAttribute("mlflow.chat.tokenUsage", { input_tokens: 312, output_tokens: 64, total_tokens: 376 });
    void question;
    return ANSWER;
  },
  { name: "support_agent", spanType: "AGENT" },
);

const MANY_TAGS = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`label${i + 1}`, `v${i + 1}`]));
const manyTags = trace(() => updateCurrentTrace({ tags: MANY_TAGS }), { name: "many_tags", spanType: "CHAIN" });

let fixture: UiFixture;

beforeAll(async () => {
  fixture = await startUiFixture(async (dbPath) => {
    await fillStore(dbPath);
    manyTags();
    supportAgent(QUESTION);
    await flushTraces();
    // With feedback too, every column of the row has something in it: the tightest case.
    const traceId = (await getLastActiveTrace())!.info.traceId;
    await getTraceStore(dbPath).logFeedback({ traceId, name: "resolved", value: true, source: { sourceType: "HUMAN", sourceId: "dana" } });
  });
});

afterAll(async () => {
  await fixture?.close();
});

async function openList(options: { width: number; timezoneId?: string }): Promise<WatchedPage> {
  const watched = await openPage(fixture.browser, options);
  await watched.page.goto(fixture.ui.url);
  await supportRow(watched).waitFor();
  return watched;
}

const supportRow = (watched: WatchedPage) =>
  watched.page.locator("tbody tr.trace-row", { has: watched.page.locator("td.col-name", { hasText: /^support_agent$/ }) });

const compact = (text: string) => text.replace(/\s+/g, "");

describe.each([1280, 1400, 1920])("the trace list at %i px", (width) => {
  let watched: WatchedPage;
  beforeAll(async () => {
    watched = await openList({ width });
    await screenshot(watched.page, `trace-list-${width}.png`);
  });
  afterAll(async () => {
    await watched?.page.context().close();
  });

  it("shows a useful sentence of the request and the response", async () => {
    const row = supportRow(watched);
    const request = await visibleText(row.locator("td.request-preview"));
    const response = await visibleText(row.locator("td.response-preview"));
    // The preview is the inputs as JSON ({"question": …}): 60 characters of it are most of a sentence.
    expect(request.visible.length, `request preview shows "${request.visible}"`).toBeGreaterThanOrEqual(60);
    expect(response.visible.length, `response preview shows "${response.visible}"`).toBeGreaterThanOrEqual(60);
    expect(JSON.stringify({ question: QUESTION })).toContain(request.visible);
    expect(JSON.stringify(ANSWER)).toContain(response.visible);
  });

  it("shows all five tags of a trace", async () => {
    const pills = supportRow(watched).locator("td.col-tags .tag-pill");
    await expect(pills.count()).resolves.toBe(5);
    await expect(allFullyVisible(pills)).resolves.toEqual([true, true, true, true, true]);
    const shown = await visibleText(supportRow(watched).locator("td.col-tags"));
    for (const [key, value] of Object.entries(TAGS)) expect(compact(shown.visible)).toContain(compact(key + value));
  });

  it("cuts off no column header", async () => {
    const headers = watched.page.locator("thead th");
    await expect(clippedElements(headers)).resolves.toEqual([]);
    await expect(clippedElements(headers.locator("button"))).resolves.toEqual([]);
    const duration = await visibleText(watched.page.locator("thead th.col-duration"));
    expect(duration.visible).toBe("Execution time");
  });

  it("fits the table in the window, without sideways scrolling", async () => {
    const { scrollWidth, clientWidth } = await watched.page.locator(".table-scroll").evaluate((box) => ({ scrollWidth: box.scrollWidth, clientWidth: box.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(watched.consoleErrors).toEqual([]);
  });
});

describe("a trace with many tags", () => {
  it("shows six and reaches the rest with one click, staying on the list", async () => {
    const watched = await openList({ width: 1400 });
    const row = watched.page.locator("tbody tr.trace-row", { has: watched.page.locator("td.col-name", { hasText: /^many_tags$/ }) });
    await expect(row.locator(".tag-pill").count()).resolves.toBe(6);
    const more = row.getByRole("button", { name: "+3 more" });
    await more.click();
    await expect(row.locator(".tag-pill").count()).resolves.toBe(9);
    await expect(allFullyVisible(row.locator(".tag-pill"))).resolves.toEqual(Array(9).fill(true));
    expect(new URL(watched.page.url()).pathname).toBe("/");
    await watched.page.context().close();
  });
});

describe("times in the trace list", () => {
  async function requestTimeMs(): Promise<number> {
    const response = await fetch(`${fixture.ui.url}api/traces?maxResults=100`);
    const page = (await response.json()) as { traces: { name: string | null; requestTimeMs: number }[] };
    return page.traces.find((t) => t.name === "support_agent")!.requestTimeMs;
  }

  /** The wall-clock time of `ms` in a zone `offsetMinutes` east of UTC, as "YYYY-MM-DD HH:MM:SS". */
  const wallClock = (ms: number, offsetMinutes: number) => new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19).replace("T", " ");

  it("shows the zone, UTC here", async () => {
    const watched = await openList({ width: 1400, timezoneId: "UTC" });
    const ms = await requestTimeMs();
    const cell = supportRow(watched).locator("td.col-time");
    await expect(cell.innerText().then((t) => t.replace(/\s+/g, " ").trim())).resolves.toBe(`${wallClock(ms, 0)} UTC`);
    await watched.page.context().close();
  });

  it("shows a local time with its offset, in the list and on the trace's page", async () => {
    const watched = await openList({ width: 1400, timezoneId: "Asia/Kolkata" });
    const ms = await requestTimeMs();
    const cell = supportRow(watched).locator("td.col-time");
    await expect(cell.innerText().then((t) => t.replace(/\s+/g, " ").trim())).resolves.toBe(`${wallClock(ms, 330)} UTC+05:30`);
    // The full instant, in UTC and with the zone's name, is a hover away.
    // (Chromium may give the zone's older name, Asia/Calcutta.)
    await expect(cell.getAttribute("title")).resolves.toMatch(new RegExp(`^${new Date(ms).toISOString().replace(/\./g, "\\.")} \\(Asia/(Kolkata|Calcutta)\\)$`));
    await supportRow(watched).locator("td.col-name").click();
    await watched.page.locator(".detail-header").waitFor();
    await expect(watched.page.locator(".detail-header").innerText()).resolves.toContain(`${wallClock(ms, 330)} UTC+05:30`);
    expect(watched.consoleErrors).toEqual([]);
    await watched.page.context().close();
  });
});
