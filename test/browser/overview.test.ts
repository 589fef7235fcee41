/**
 * The Overview page in headless Chromium over traces of known durations, errors, tokens and
 * costs: the numbers on screen equal the API's, the charts are drawn (light and dark) with
 * a text summary, hostile span names and tag values stay text, an empty range says so, a
 * click on a bar or a ranked value opens the trace list filtered to it, and over a tracking
 * server the page shows its numbers and says which rankings it cannot give.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TraceStore } from "../../src/query/trace-store.js";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { createMlflowExporter } from "../../src/export/mlflow/index.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { formatCost, formatCount, formatDuration } from "../../ui/src/lib/format.js";
import { HOUR, T0, seededTraces, summaryTrace } from "../integration/summarize-fixture.js";
import { openPage, screenshot, type WatchedPage } from "./support/browser.js";
import { startUiFixture, type UiFixture } from "./support/fixture.js";
import { PWNED_FLAG, XSS_STRINGS } from "./support/hostile-values.js";
import { startUiWith } from "./support/ui-process.js";

const HOSTILE_NAME = XSS_STRINGS[1]!;
const HOSTILE_TAG = XSS_STRINGS[0]!;
const FROM = new Date(T0).toISOString();
const TO = new Date(T0 + 3 * HOUR).toISOString();
const PAGE = `overview?from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}&interval=1h&tag=env`;

let fixture: UiFixture;
let watched: WatchedPage;

async function fill(dbPath: string): Promise<void> {
  const store = TraceStore.open(dbPath);
  store.writeTraces([
    ...seededTraces(),
    summaryTrace({ startMs: T0 + 2 * HOUR + 5_000, durationMs: 30, rootName: HOSTILE_NAME, tags: { env: HOSTILE_TAG } }),
    summaryTrace({ startMs: T0 + 2 * HOUR + 6_000, durationMs: 40, rootName: XSS_STRINGS[2]!, tags: { env: XSS_STRINGS[5]! } }),
  ]);
  store.close();
}

interface ApiSummary {
  available: boolean;
  totals: { traces: number; errors: number; errorRate: number; latency: { p50: number; p95: number; p99: number }; totalTokens: number; cost: number };
  groups: { key: string; byCost: { value: string; count: number; errors: number; avgLatencyMs: number | null; cost: number }[]; byLatency: { value: string; count: number }[] }[];
}

async function api(): Promise<ApiSummary> {
  const query = new URLSearchParams({ from: FROM, to: TO, interval: "1h" });
  for (const key of ["model", "span.name", "tag.env"]) query.append("groupBy", key);
  const response = await fetch(new URL(`api/summary?${query}`, fixture.ui.url));
  expect(response.status).toBe(200);
  return (await response.json()) as ApiSummary;
}

const stat = (name: string) => watched.page.locator(`.stat[data-stat="${name}"] .stat-value`).textContent();
const group = (key: string) => watched.page.locator(`.overview-group[data-group="${key}"]`);

async function expectNothingRan(): Promise<void> {
  await expect(watched.page.evaluate((flag) => (globalThis as unknown as Record<string, unknown>)[flag], PWNED_FLAG)).resolves.toBeUndefined();
  await expect(watched.page.locator("img, iframe, svg[onload], script:not([src]), #injected-link").count()).resolves.toBe(0);
  expect(watched.dialogs).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
}

beforeAll(async () => {
  fixture = await startUiFixture(fill);
  watched = await openPage(fixture.browser);
});
afterAll(async () => {
  await fixture?.close();
});

describe("the Overview page", () => {
  it("shows the API's totals", async () => {
    const summary = await api();
    expect(summary.totals.traces).toBe(8);
    await watched.page.goto(new URL(PAGE, fixture.ui.url).href);
    await watched.page.locator(".overview-totals").waitFor();
    await expect(stat("traces")).resolves.toBe(formatCount(summary.totals.traces));
    await expect(stat("errors")).resolves.toBe(`${summary.totals.errors} (${(summary.totals.errorRate * 100).toFixed(1)}%)`);
    await expect(stat("p50")).resolves.toBe(formatDuration(summary.totals.latency.p50));
    await expect(stat("p95")).resolves.toBe(formatDuration(summary.totals.latency.p95));
    await expect(stat("p99")).resolves.toBe(formatDuration(summary.totals.latency.p99));
    await expect(stat("tokens")).resolves.toBe(formatCount(summary.totals.totalTokens));
    await expect(stat("cost")).resolves.toBe(formatCost(summary.totals.cost));
    expect(watched.consoleErrors).toEqual([]);
  });

  it("draws six uPlot charts, each with a text summary for screen readers", async () => {
    const charts = watched.page.locator("figure.chart");
    await expect.poll(() => charts.count()).toBe(6);
    await expect(watched.page.locator("figure.chart canvas").count()).resolves.toBe(6);
    await expect(watched.page.locator("figure.chart .u-axis").count()).resolves.toBeGreaterThanOrEqual(12);
    const summary = await watched.page.locator("#chart-traces .chart-summary").textContent();
    expect(summary).toContain("8 traces in total; errors: 1.");
    await expect(watched.page.locator("#chart-latency .chart-summary").textContent()).resolves.toContain(`p50 ${formatDuration((await api()).totals.latency.p50)}`);
    await expect(watched.page.locator("#chart-traces .chart-canvas").getAttribute("aria-hidden")).resolves.toBe("true");
    await expect(watched.page.getByRole("figure", { name: "Latency histogram" }).count()).resolves.toBe(1);
  });

  it("shows a tooltip with the hovered interval's numbers", async () => {
    const over = watched.page.locator("#chart-traces .u-over");
    const box = (await over.boundingBox())!;
    await watched.page.mouse.move(box.x + 2, box.y + box.height / 2);
    const tooltip = watched.page.locator("#chart-traces .chart-tooltip");
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    await expect(tooltip.textContent()).resolves.toContain("Traces: 4");
    await expect(tooltip.textContent()).resolves.toContain("Errors: 1");
  });

  it("ranks models, span names and tag values with the API's numbers, hostile strings as text", async () => {
    const summary = await api();
    const models = summary.groups.find((g) => g.key === "model")!;
    const rows = group("model").locator("tbody tr");
    await expect(rows.count()).resolves.toBe(models.byCost.length);
    for (const [i, row] of models.byCost.entries()) {
      await expect(rows.nth(i).locator("a.group-value").textContent()).resolves.toBe(row.value);
      await expect(rows.nth(i).locator('[data-field="count"]').textContent()).resolves.toBe(formatCount(row.count));
      await expect(rows.nth(i).locator('[data-field="cost"]').textContent()).resolves.toBe(formatCost(row.cost));
      await expect(rows.nth(i).locator('[data-field="latency"]').textContent()).resolves.toBe(formatDuration(row.avgLatencyMs));
    }
    await group("span.name").getByRole("button", { name: "by latency" }).click();
    const names = await group("span.name").locator("tbody a.group-value").allTextContents();
    expect(names).toEqual(summary.groups.find((g) => g.key === "span.name")!.byLatency.map((r) => r.value));
    expect(names).toContain(HOSTILE_NAME);
    await group("tag.env").getByRole("button", { name: "by latency" }).click();
    const tags = await group("tag.env").locator("tbody a.group-value").allTextContents();
    expect(tags).toEqual(expect.arrayContaining([HOSTILE_TAG, XSS_STRINGS[5]!, "prod", "dev"]));
    await screenshot(watched.page, "overview-light.png");
    await expectNothingRan();
  });

  it("redraws the charts in the dark theme, with the theme's colours", async () => {
    // uPlot draws axes and series on a canvas: a redraw is a new canvas, read from the CSS variables again.
    const canvas = watched.page.locator("#chart-traces canvas");
    await canvas.evaluate((element) => ((element as unknown as Record<string, unknown>).__before = true));
    await watched.page.getByRole("button", { name: "switch colour theme" }).click();
    await expect.poll(() => watched.page.evaluate(() => (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document.documentElement.dataset.theme)).toBe("dark");
    await expect.poll(() => canvas.evaluate((element) => (element as unknown as Record<string, unknown>).__before === true)).toBe(false);
    await expect(watched.page.locator("figure.chart canvas").count()).resolves.toBe(6);
    await screenshot(watched.page, "overview-dark.png");
    await watched.page.getByRole("button", { name: "switch colour theme" }).click();
    await watched.page.getByRole("button", { name: "switch colour theme" }).click();
    expect(watched.consoleErrors).toEqual([]);
  });

  it("opens the trace list for a clicked bar", async () => {
    await watched.page.goto(new URL(PAGE, fixture.ui.url).href);
    const over = watched.page.locator("#chart-traces .u-over");
    await over.waitFor();
    const box = (await over.boundingBox())!;
    await watched.page.mouse.click(box.x + 2, box.y + box.height / 2);
    await expect.poll(() => new URL(watched.page.url()).searchParams.get("filter")).toBe(`trace.timestamp_ms >= ${T0} AND trace.timestamp_ms < ${T0 + HOUR}`);
    await expect.poll(() => watched.page.locator("tbody tr.trace-row").count()).toBe(4);
  });

  it("opens the trace list for a clicked model, with the page's filter", async () => {
    await watched.page.goto(new URL(`${PAGE}&filter=${encodeURIComponent("trace.execution_time_ms < 100")}`, fixture.ui.url).href);
    await group("model").locator("a.group-value", { hasText: "gpt-4o" }).click();
    const filter = "trace.execution_time_ms < 100 AND trace.timestamp_ms >= " + T0 + " AND trace.timestamp_ms < " + (T0 + 3 * HOUR) + " AND span.attributes.`mlflow.llm.model` = 'gpt-4o'";
    await expect.poll(() => new URL(watched.page.url()).searchParams.get("filter")).toBe(filter);
    await expect.poll(() => watched.page.locator("tbody tr.trace-row").count()).toBe(3);
    await expectNothingRan();
  });

  it("opens the list for a hostile tag value, quoting it in the filter", async () => {
    await watched.page.goto(new URL(PAGE, fixture.ui.url).href);
    await group("tag.env").getByRole("button", { name: "by latency" }).click();
    await group("tag.env").locator("a.group-value", { hasText: HOSTILE_TAG }).click();
    await expect.poll(() => watched.page.locator("tbody tr.trace-row").count()).toBe(1);
    await expectNothingRan();
  });

  it("says when the range holds no traces", async () => {
    await watched.page.goto(new URL(`overview?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`, fixture.ui.url).href);
    await expect(watched.page.getByTestId("overview-empty").textContent()).resolves.toMatch(/^No traces from .* to .*\.$/);
    await expect(watched.page.locator("figure.chart").count()).resolves.toBe(0);
  });

  it("shows a filter error at its place", async () => {
    await watched.page.goto(new URL(`overview?filter=${encodeURIComponent("trace.nope = 1")}`, fixture.ui.url).href);
    await expect(watched.page.locator(".filter-error-message").textContent()).resolves.toMatch(/Unknown trace key "nope"/);
  });

  it("is reached from the header", async () => {
    await watched.page.goto(fixture.ui.url);
    await watched.page.getByRole("link", { name: "Overview" }).click();
    await expect.poll(() => new URL(watched.page.url()).pathname).toBe("/overview");
    await watched.page.locator(".overview-controls").waitFor();
  });
});

describe("the Overview over a tracking server", () => {
  it("shows the server's numbers, and says models and span names are not available there", async () => {
    const mlflow = await FakeMlflowServer.start();
    const exporter = createMlflowExporter({ trackingUri: mlflow.uri, experimentId: "0" }, {}, new Diagnostics());
    await exporter.export(seededTraces());
    await exporter.shutdown();
    const ui = await startUiWith(["--tracking-uri", mlflow.uri], { MLFLOW_TRACKING_URI: "", TRACED_DB: "" });
    try {
      await watched.page.goto(new URL(PAGE, ui.url).href);
      await watched.page.locator(".overview-totals").waitFor();
      await expect(stat("traces")).resolves.toBe("6");
      await expect(stat("cost")).resolves.toBe(formatCost(0.07));
      await expect(group("model").locator(".group-unavailable").textContent()).resolves.toMatch(/Not available from an MLflow tracking server/);
      await expect(group("model").locator("table").count()).resolves.toBe(0);
      await expect(group("tag.env").locator("tbody tr").count()).resolves.toBe(2);
    } finally {
      await ui.stop();
      await mlflow.close();
    }
  });
});
