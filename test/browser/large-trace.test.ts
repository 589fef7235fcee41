/**
 * A 10,000-span trace: the tree renders only the rows in view, and the keyboard still
 * reaches the last span.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeTraceStores, configure, flushTraces, reset, withSpan } from "../../src/index.js";
import { launchChromium, openPage } from "./support/browser.js";
import { startUi, type RunningUi } from "./support/ui-process.js";

const SPANS = 10_000;
let ui: RunningUi;
let browser: Browser;

beforeAll(async () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), "traced-ui-large-")), "traces.db");
  reset();
  configure({ destination: { store: { path: dbPath } }, onDiagnostic: () => {} });
  withSpan({ name: "batch", spanType: "CHAIN" }, () => {
    for (let i = 1; i < SPANS; i++) withSpan({ name: `item ${i}`, spanType: i % 2 ? "TOOL" : "LLM", inputs: { i } }, () => i);
  });
  await flushTraces();
  closeTraceStores();
  reset();
  [ui, browser] = await Promise.all([startUi(dbPath), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await ui?.stop();
});

describe("a 10k-span trace", () => {
  it("keeps the tree virtualised and navigable to the end", async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(ui.url);
    await page.locator("td.col-name", { hasText: "batch" }).click();
    await page.locator(".tree-row").first().waitFor();
    await expect(page.locator(".span-tree .tree-head").textContent()).resolves.toContain("10,000");
    const rendered = await page.locator(".tree-row").count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100);
    await page.locator("[role=tree]").focus();
    await page.keyboard.press("End");
    await expect.poll(() => page.locator(".span-details .span-title").textContent()).toBe(`item ${SPANS - 1}`);
    await expect(page.locator(`.tree-row[aria-selected=true] .span-name`).textContent()).resolves.toBe(`item ${SPANS - 1}`);
    await expect(page.locator(".tree-row").count()).resolves.toBeLessThan(100);
    expect(consoleErrors).toEqual([]);
  });
});
