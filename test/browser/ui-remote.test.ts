/**
 * `traced ui --tracking-uri http://…` in a real browser: the same UI over the fake MLflow
 * server's traces (list, a trace's tree, tags and feedback written to the server), the UI's
 * server talking to MLflow with the token, and the browser seeing neither the token nor the
 * MLflow server itself.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { createMlflowExporter } from "../../src/export/mlflow/index.js";
import { TraceStore } from "../../src/query/trace-store.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { launchChromium, openPage, screenshot, type WatchedPage } from "./support/browser.js";
import { closeSampleStores, fillStore, WEATHER_ANSWER, WEATHER_QUESTION } from "./support/sample-app.js";
import { startUiWith, type RunningUi } from "./support/ui-process.js";

const TOKEN = "browser-must-never-see-this-token";
const EXPERIMENT = "12";

let mlflow: FakeMlflowServer;
let ui: RunningUi;
let browser: Browser;
let watched: WatchedPage;
/** Everything the browser received: each response's URL, headers and body. */
const seen: { url: string; headers: string; body: string }[] = [];

beforeAll(async () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), "traced-ui-remote-")), "app.db");
  await fillStore(dbPath);
  closeSampleStores();
  const local = TraceStore.open(dbPath);
  const traces = local.searchTraces({ maxResults: 500 }).traces;
  local.close();

  mlflow = await FakeMlflowServer.start();
  mlflow.experiments.add(EXPERIMENT);
  const exporter = createMlflowExporter({ trackingUri: mlflow.uri, experimentId: EXPERIMENT }, {}, new Diagnostics());
  await exporter.export(traces);
  await exporter.shutdown();
  mlflow.requiredAuthorization = `Bearer ${TOKEN}`;

  [ui, browser] = await Promise.all([
    startUiWith(["--tracking-uri", mlflow.uri, "--experiment-id", EXPERIMENT], { MLFLOW_TRACKING_TOKEN: TOKEN, MLFLOW_TRACKING_URI: "", TRACED_DB: "" }),
    launchChromium(),
  ]);
  watched = await openPage(browser);
  watched.page.on("response", (response) => {
    const record = { url: response.url(), headers: JSON.stringify(response.headers()), body: "" };
    seen.push(record);
    // The event stream never ends: its headers are kept, its body is not awaited.
    if (!response.url().endsWith("/api/events")) {
      void response.text().then(
        (body) => (record.body = body),
        () => undefined,
      );
    }
  });
});

afterAll(async () => {
  await browser?.close();
  await ui?.stop();
  await mlflow?.close();
});

const rows = () => watched.page.locator("tbody tr.trace-row");

function serverTraceNamed(name: string): { id: string; tags: Record<string, string>; assessments: Record<string, unknown>[] } {
  for (const [id, trace] of mlflow.traces) {
    const tags = trace.info.tags as Record<string, string>;
    if (tags["mlflow.traceName"] === name) return { id, tags, assessments: trace.assessments };
  }
  throw new Error(`no trace named ${name} on the fake server`);
}

describe("traced ui over an MLflow tracking server", () => {
  it("lists the server's traces with their previews, searched on the server with the token", async () => {
    const { page } = watched;
    await page.goto(ui.url);
    await rows().first().waitFor();
    const first = rows().first();
    await expect(first.locator("td.col-name").textContent()).resolves.toBe("weather_agent");
    await expect(first.locator("td.request-preview").textContent()).resolves.toBe(JSON.stringify({ question: WEATHER_QUESTION }));
    const search = mlflow.calls.filter((c) => c.path === "/api/3.0/mlflow/traces/search").at(-1)!;
    expect(search.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(search.body.toString()).locations).toEqual([{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: EXPERIMENT } }]);

    await page.getByLabel("filter", { exact: true }).fill("trace.status = 'ERROR'");
    await page.getByRole("button", { name: "Search" }).click();
    await expect.poll(async () => rows().locator("td.col-name").allTextContents()).toEqual(["booking_agent"]);
    await screenshot(page, "ui-remote-list.png");
  });

  it("opens a trace read from the server: span tree and outputs", async () => {
    const { page } = watched;
    await page.goto(ui.url);
    await page.locator("tbody tr.trace-row td.col-name", { hasText: "weather_agent" }).click();
    await page.waitForURL(/\/traces\/tr-/);
    await page.locator(".tree-row").first().waitFor();
    expect(await page.locator(".tree-row .span-name").allTextContents()).toEqual(["weather_agent", "openai.chat.completions_1", "tools", "get_weather", "openai.chat.completions_2"]);
    await expect(page.locator(".span-details").getByLabel("Outputs", { exact: true }).textContent()).resolves.toContain(WEATHER_ANSWER);
    expect(mlflow.calls.some((c) => c.path === "/api/3.0/mlflow/traces/get")).toBe(true);
  });

  it("writes a tag and thumbs-down feedback to the server", async () => {
    const { page } = watched;
    const booking = serverTraceNamed("booking_agent");
    await page.goto(`${ui.url}traces/${booking.id}`);
    await page.locator(".tree-row").first().waitFor();
    await page.getByLabel("tag key").fill("reviewed");
    await page.getByLabel("tag value").fill("yes");
    await page.getByRole("button", { name: "Set tag" }).click();
    await page.locator(".tag-item", { hasText: "reviewed" }).waitFor();
    expect(serverTraceNamed("booking_agent").tags.reviewed).toBe("yes");

    await page.getByRole("button", { name: "Bad" }).click();
    await page.getByLabel("feedback comment").fill("It should have retried");
    await page.getByRole("button", { name: "Save feedback" }).click();
    await page.locator(".assessment").first().waitFor();
    expect(serverTraceNamed("booking_agent").assessments).toEqual([
      expect.objectContaining({ assessment_name: "user_feedback", feedback: { value: false }, rationale: "It should have retried", source: expect.objectContaining({ source_type: "HUMAN" }) }),
    ]);

    await page.getByRole("button", { name: "delete tag reviewed" }).click();
    await page.locator(".tag-item", { hasText: "reviewed" }).waitFor({ state: "detached" });
    expect(serverTraceNamed("booking_agent").tags).not.toHaveProperty("reviewed");
    expect(watched.consoleErrors).toEqual([]);
  });

  it("shows the server's refusal as an error, without the token", async () => {
    const { page } = watched;
    mlflow.requiredAuthorization = "Bearer another-token";
    try {
      const reply = await page.request.get(`${ui.url}api/traces`);
      expect(reply.status()).toBe(502);
      const body = (await reply.json()) as { error: { message: string; kind: string } };
      expect(body.error.kind).toBe("server");
      expect(body.error.message).toContain(`The MLflow tracking server at ${mlflow.uri} refused POST /api/3.0/mlflow/traces/search (HTTP 401)`);
      seen.push({ url: reply.url(), headers: JSON.stringify(reply.headers()), body: JSON.stringify(body) });

      // The page shows it where filter errors go.
      await page.goto(ui.url);
      const shown = page.locator(".filter-error-message");
      await shown.waitFor();
      await expect(shown.textContent()).resolves.toContain("(HTTP 401): check MLFLOW_TRACKING_TOKEN");
      await screenshot(page, "ui-remote-refused.png");
    } finally {
      mlflow.requiredAuthorization = `Bearer ${TOKEN}`;
    }
  });

  it("never gave the browser the token, and the browser never talked to the MLflow server", async () => {
    // Let bodies still being read settle.
    await watched.page.waitForTimeout(200);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.filter((r) => r.url.startsWith(ui.url)).length).toBe(seen.length);
    const basic = Buffer.from(TOKEN).toString("base64");
    for (const response of seen) {
      for (const text of [response.url, response.headers, response.body]) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(basic);
        expect(text).not.toMatch(/authorization/i);
      }
    }
    // Only the UI's own server was asked for anything.
    expect(seen.some((r) => r.url.includes(`:${new URL(mlflow.uri).port}/`))).toBe(false);
  });
});
