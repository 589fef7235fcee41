/** The trace list in a real browser: previews, filtering, inline filter errors, sorting, paging, live traces. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, screenshot, type WatchedPage } from "./support/browser.js";
import { startUiFixture, type UiFixture } from "./support/fixture.js";
import { addLiveTrace, ANTHROPIC_QUESTION, FILLER_COUNT, WEATHER_ANSWER, WEATHER_QUESTION } from "./support/sample-app.js";

let fixture: UiFixture;
let watched: WatchedPage;

beforeAll(async () => {
  fixture = await startUiFixture();
  watched = await openPage(fixture.browser);
});

afterAll(async () => {
  await fixture?.close();
});

const rows = () => watched.page.locator("tbody tr.trace-row");
const rowNamed = (name: string) => rows().filter({ has: watched.page.locator("td.col-name", { hasText: new RegExp(`^${name}$`) }) });

describe("trace list", () => {
  it("shows the newest traces first with their request and response previews", async () => {
    const { page } = watched;
    await page.goto(fixture.ui.url);
    await rows().first().waitFor();
    const first = rows().first();
    await expect(first.locator("td.col-name").textContent()).resolves.toBe("weather_agent");
    await expect(first.locator("td.request-preview").textContent()).resolves.toBe(JSON.stringify({ question: WEATHER_QUESTION }));
    await expect(first.locator("td.response-preview").textContent()).resolves.toBe(JSON.stringify(WEATHER_ANSWER));
    await expect(first.locator("td.col-state").textContent()).resolves.toBe("OK");
    await expect(first.locator("td.col-user").textContent()).resolves.toBe("alice / s-42");
    await expect(first.locator("td.col-tags").textContent()).resolves.toContain("envprod");
    // Token usage is summed over both chat calls: 59 + 59.
    await expect(first.locator("td.col-tokens").textContent()).resolves.toBe("118");
    await expect(rowNamed("booking_agent").locator("td.col-state").textContent()).resolves.toBe("ERROR");
    await expect(rowNamed("summariser").locator("td.request-preview").textContent()).resolves.toContain(ANTHROPIC_QUESTION);
    await screenshot(page, "trace-list.png");
    expect(watched.consoleErrors).toEqual([]);
  });

  it("filters with MLflow's grammar, and keeps the filter in the URL", async () => {
    const { page } = watched;
    await page.getByLabel("filter", { exact: true }).fill("tag.env = 'prod'");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/filter=/);
    await expect.poll(async () => (await rows().locator("td.col-name").allTextContents()).sort()).toEqual(["booking_agent", "weather_agent"]);
  });

  it("shows a bad filter's error inline, marking the position", async () => {
    const { page } = watched;
    await page.getByLabel("filter", { exact: true }).fill("trace.status = 'OK' AND bogus.key = 1");
    await page.getByRole("button", { name: "Search" }).click();
    const error = page.locator(".filter-error");
    await error.waitFor();
    await expect(error.locator(".filter-error-message").textContent()).resolves.toMatch(/position 24/);
    await expect(error.locator("mark").textContent()).resolves.toBe("bogus.key");
    await expect(page.getByLabel("filter", { exact: true }).getAttribute("aria-invalid")).resolves.toBe("true");
    expect(watched.consoleErrors.filter((e) => !/400/.test(e))).toEqual([]);
    watched.consoleErrors.length = 0;
  });

  it("has an errors-only quick filter", async () => {
    const { page } = watched;
    await page.goto(fixture.ui.url);
    await rows().first().waitFor();
    await page.getByLabel("Errors only").check();
    await expect.poll(async () => rows().locator("td.col-name").allTextContents()).toEqual(["booking_agent"]);
    await page.getByLabel("time range").selectOption("1h");
    await expect.poll(async () => rows().locator("td.col-name").allTextContents()).toEqual(["booking_agent"]);
  });

  it("sorts by a column when its header is clicked", async () => {
    const { page } = watched;
    await page.goto(`${fixture.ui.url}?sort=name&dir=asc`);
    await rows().first().waitFor();
    const names = await rows().locator("td.col-name").allTextContents();
    expect(names[0]).toBe("booking_agent");
    await page.getByRole("button", { name: /^Name/ }).click();
    await expect.poll(async () => (await rows().locator("td.col-name").allTextContents())[0]).toBe("weather_agent");
    await expect(page.locator("th[aria-sort]").textContent()).resolves.toContain("Name");
  });

  it("pages through the traces", async () => {
    const { page } = watched;
    await page.goto(fixture.ui.url);
    await rows().first().waitFor();
    const total = FILLER_COUNT + 5;
    const firstPage = await rows().getAttribute("data-trace-id", { timeout: 1000 }).catch(() => null);
    void firstPage;
    const pageOne = await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-trace-id")));
    expect(pageOne).toHaveLength(25);
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(async () => page.locator(".page-number").textContent()).toBe("Page 2");
    await expect.poll(async () => rows().count()).toBe(total - 25);
    const pageTwo = await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-trace-id")));
    expect(pageTwo.filter((id) => pageOne.includes(id))).toEqual([]);
    await expect(page.getByRole("button", { name: "Next" }).isDisabled()).resolves.toBe(true);
    // A deep link to page 2 (a fresh load, no history in the page) still knows its place.
    await page.goto(page.url());
    await expect.poll(async () => page.locator(".page-number").textContent()).toBe("Page 2");
    await page.getByRole("button", { name: "Previous" }).click();
    await expect.poll(async () => page.locator(".page-number").textContent()).toBe("Page 1");
    await expect.poll(async () => rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-trace-id")))).toEqual(pageOne);
  });

  it("shows a new trace live on the first page", async () => {
    const { page } = watched;
    await page.goto(fixture.ui.url);
    await rows().first().waitFor();
    await addLiveTrace("live_arrival");
    await expect.poll(async () => rows().first().locator("td.col-name").textContent(), { timeout: 10_000 }).toBe("live_arrival");
    await expect(rows().first().getAttribute("class")).resolves.toContain("fresh");
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.dialogs).toEqual([]);
  });
});
