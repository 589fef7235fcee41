/** One store filled by the sample app (or `fill`), `traced ui` serving it, and a Chromium: per test file. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser } from "playwright-core";
import { launchChromium } from "./browser.js";
import { closeSampleStores, fillStore } from "./sample-app.js";
import { startUi, type RunningUi } from "./ui-process.js";

export interface UiFixture {
  dbPath: string;
  ui: RunningUi;
  browser: Browser;
  close(): Promise<void>;
}

export async function startUiFixture(fill: (dbPath: string) => Promise<void> = fillStore): Promise<UiFixture> {
  const dbPath = join(mkdtempSync(join(tmpdir(), "traced-ui-")), "traces.db");
  await fill(dbPath);
  const [ui, browser] = await Promise.all([startUi(dbPath), launchChromium()]);
  return {
    dbPath,
    ui,
    browser,
    async close() {
      await browser.close();
      await ui.stop();
      closeSampleStores();
    },
  };
}
