/**
 * Trace content is untrusted. A trace built from script tags, event-handler attributes,
 * javascript: URLs, bidi and zero-width characters, a 300k-character string and JSON nested
 * 300 deep is shown in the list and on its page: nothing runs, nothing is injected, the
 * layout holds, and the page logs no errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, screenshot, type WatchedPage } from "./support/browser.js";
import { startUiFixture, type UiFixture } from "./support/fixture.js";
import { HUGE_STRING, PWNED_FLAG, XSS_STRINGS } from "./support/hostile-values.js";

let fixture: UiFixture;
let watched: WatchedPage;

beforeAll(async () => {
  fixture = await startUiFixture();
  watched = await openPage(fixture.browser, { colorScheme: "dark" });
});

afterAll(async () => {
  await fixture?.close();
});

// Code run inside the page (by page.evaluate) sees the DOM; this file is typechecked without it.
interface PageGlobals {
  document: { querySelectorAll(selector: string): { length: number }; documentElement: { scrollWidth: number; clientWidth: number } };
}

/** Elements the payloads would create if any of them were parsed as HTML. */
async function injectedElements(): Promise<number> {
  return watched.page.evaluate(
    () => (globalThis as unknown as PageGlobals).document.querySelectorAll("script:not([src]), iframe, #injected-link, img[src='x'], svg[onload], details[ontoggle], b[onmouseover], style").length,
  );
}

async function expectNothingRan(): Promise<void> {
  await expect(watched.page.evaluate((flag) => (globalThis as unknown as Record<string, unknown>)[flag], PWNED_FLAG)).resolves.toBeUndefined();
  await expect(injectedElements()).resolves.toBe(0);
  expect(watched.dialogs).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
}

/** The page never scrolls sideways because of a long value. */
async function expectNoHorizontalOverflow(): Promise<void> {
  const { scrollWidth, clientWidth } = await watched.page.evaluate(() => {
    const root = (globalThis as unknown as PageGlobals).document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

describe("hostile trace content", () => {
  it("is shown as text in the list", async () => {
    const { page } = watched;
    await page.goto(fixture.ui.url);
    const row = page.locator("tbody tr.trace-row", { has: page.locator("td.col-name", { hasText: "hostile <b>trace</b>" }) });
    await row.waitFor();
    await expect(row.locator("td.col-name").textContent()).resolves.toBe("hostile <b>trace</b>");
    await expect(row.locator("td.col-user").textContent()).resolves.toContain(XSS_STRINGS[1]);
    await expect(row.locator("td.response-preview").textContent()).resolves.toContain("<script>");
    await expectNothingRan();
    await expectNoHorizontalOverflow();
    await screenshot(page, "hostile-list-dark.png");
  });

  it("is shown as text on the trace page, in every tab", async () => {
    const { page } = watched;
    await page.locator("td.col-name", { hasText: "hostile <b>trace</b>" }).click();
    await page.locator(".tree-row").first().waitFor();
    await expect(page.locator(".tree-row .span-name").nth(1).textContent()).resolves.toBe(XSS_STRINGS[0]);
    await page.locator(".tree-row").nth(1).click();
    // Chat view of the hostile LLM span: message text, tool call name and id.
    await expect(page.getByLabel("Output messages").locator(".chat-text").textContent()).resolves.toBe(XSS_STRINGS[6]);
    await expect(page.getByLabel("Output messages").locator(".chat-tool-name").textContent()).resolves.toBe(XSS_STRINGS[1]);
    await page.getByRole("tab", { name: /^Attributes/ }).click();
    await expect(page.locator(".attributes").textContent()).resolves.toContain(XSS_STRINGS[5]);
    await page.getByRole("tab", { name: /^Events/ }).click();
    await expect(page.getByRole("group", { name: "exception" }).locator(".exception-message").textContent()).resolves.toBe(XSS_STRINGS[1]);
    await page.getByRole("tab", { name: /^Inputs/ }).click();
    await expectNothingRan();

    // The span with the huge string and the deep JSON: folded, and opening it stays contained.
    await page.locator(".tree-row").nth(2).click();
    const inputs = page.getByLabel("Inputs", { exact: true });
    await expect(inputs.locator(".fold-toggle").first().textContent()).resolves.toBe(`show all ${HUGE_STRING.length.toLocaleString("en-US")} chars`);
    await inputs.locator(".fold-toggle").first().click();
    for (let i = 0; i < 5; i++) await inputs.locator(".json-toggle[aria-expanded=false]").first().click();
    await expectNothingRan();
    await expectNoHorizontalOverflow();
    await screenshot(page, "hostile-detail-dark.png");
  });

  it("arrives under a strict Content-Security-Policy", async () => {
    const response = await fetch(fixture.ui.url);
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
  });
});
