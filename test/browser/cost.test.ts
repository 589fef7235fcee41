/** Cost in `traced ui`: the list's Cost column and the trace page's cost, for traces priced by the real pipeline. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure, flushTraces, InMemoryExporter, reset, setDestination, withSpan } from "../../src/index.js";
import { TraceStore } from "../../src/query/index.js";
import { openPage, type WatchedPage } from "./support/browser.js";
import { startUiFixture, type UiFixture } from "./support/fixture.js";

let fixture: UiFixture;
let watched: WatchedPage;

/** Three traces through traced itself: a priced gpt-4o call, a user-priced model, an unpriced one. */
async function fill(dbPath: string): Promise<void> {
  reset();
  const exporter = new InMemoryExporter();
  setDestination(exporter);
  configure({ onDiagnostic: () => {}, pricing: { "acme-ft": { input: 1, output: 1 } } });
  const call = (trace: string, model: string, input: number, output: number) =>
    withSpan(trace, () =>
      withSpan({ name: "chat", spanType: "CHAT_MODEL" }, (span) => {
        span.setAttribute("mlflow.llm.model", model);
        span.setTokenUsage({ input_tokens: input, output_tokens: output });
      }),
    );
  call("priced", "gpt-4o-2024-08-06", 10_000, 1_000); // $0.025 + $0.01
  call("own-price", "acme-ft", 500_000, 500_000); // $0.50 + $0.50
  call("unpriced", "mystery-model", 10, 10);
  await flushTraces();
  const store = TraceStore.open(dbPath);
  store.writeTraces(exporter.take());
  store.close();
  reset();
}

beforeAll(async () => {
  fixture = await startUiFixture(fill);
  watched = await openPage(fixture.browser);
});

afterAll(async () => {
  await fixture?.close();
});

const rowNamed = (name: string) =>
  watched.page.locator("tbody tr.trace-row").filter({ has: watched.page.locator("td.col-name", { hasText: new RegExp(`^${name}$`) }) });

describe("cost in traced ui", () => {
  it("the trace list shows each trace's cost, and a dash for an unpriced one", async () => {
    await watched.page.goto(fixture.ui.url);
    await rowNamed("priced").waitFor();
    await expect(rowNamed("priced").locator("td.col-cost").textContent()).resolves.toBe("$0.0350");
    await expect(rowNamed("own-price").locator("td.col-cost").textContent()).resolves.toBe("$1.00");
    await expect(rowNamed("unpriced").locator("td.col-cost").textContent()).resolves.toBe("—");
    expect(watched.consoleErrors).toEqual([]);
  });

  it("filters the list with trace.cost", async () => {
    await watched.page.getByLabel("filter", { exact: true }).fill("trace.cost > 0.5");
    await watched.page.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => watched.page.locator("tbody tr.trace-row td.col-name").allTextContents()).toEqual(["own-price"]);
  });

  it("the trace page shows the trace's cost and the LLM span's cost", async () => {
    await watched.page.goto(fixture.ui.url);
    await rowNamed("priced").locator("td.col-name").click();
    await watched.page.locator(".tree-row").first().waitFor();
    await expect(watched.page.locator(".trace-cost dd").textContent()).resolves.toBe("$0.0350 ($0.0250 in · $0.0100 out)");
    await watched.page.locator(".tree-row", { has: watched.page.locator(".span-name", { hasText: /^chat$/ }) }).click();
    await expect(watched.page.locator(".span-details .llm-cost").textContent()).resolves.toBe("$0.0350");
    expect(watched.consoleErrors).toEqual([]);
  });
});
