/**
 * A trace's page in a real browser: span tree and timeline, inputs and outputs, the chat
 * view (OpenAI and Anthropic shapes), an error span's exception, stream chunks, deep links,
 * keyboard navigation, and feedback and tags written back to the store.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TraceStore } from "../../src/query/index.js";
import { openPage, screenshot, type WatchedPage } from "./support/browser.js";
import { startUiFixture, type UiFixture } from "./support/fixture.js";
import { FAILURE_MESSAGE, WEATHER_ANSWER } from "./support/sample-app.js";

let fixture: UiFixture;
let watched: WatchedPage;

beforeAll(async () => {
  fixture = await startUiFixture();
  watched = await openPage(fixture.browser);
});

afterAll(async () => {
  await fixture?.close();
});

function traceIdNamed(name: string): string {
  const store = TraceStore.open(fixture.dbPath);
  try {
    return store.searchTraces({ filter: `trace.name = '${name}'`, includeSpans: false }).traces[0]!.traceId;
  } finally {
    store.close();
  }
}

async function openTrace(name: string): Promise<void> {
  await watched.page.goto(`${fixture.ui.url}traces/${traceIdNamed(name)}`);
  await watched.page.locator(".tree-row").first().waitFor();
}

const treeRow = (name: string) => watched.page.locator(".tree-row", { has: watched.page.locator(".span-name", { hasText: new RegExp(`^${name}$`) }) });
const details = () => watched.page.locator(".span-details");

describe("trace detail", () => {
  it("opens from the list and shows the span tree beside the timeline", async () => {
    const { page } = watched;
    await page.goto(fixture.ui.url);
    await page.locator("tbody tr.trace-row td.col-name", { hasText: "weather_agent" }).click();
    await page.waitForURL(/\/traces\/tr-/);
    await page.locator(".tree-row").first().waitFor();
    const names = await page.locator(".tree-row .span-name").allTextContents();
    // Repeated span names are numbered, as MLflow 3.0–3.3 does by default.
    expect(names).toEqual(["weather_agent", "openai.chat.completions_1", "tools", "get_weather", "openai.chat.completions_2"]);
    const levels = await page.locator(".tree-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("aria-level")));
    expect(levels).toEqual(["1", "2", "2", "3", "2"]);
    await expect(page.locator(".tree-row .gantt-bar").count()).resolves.toBe(5);
    await expect(page.locator(".tree-row .type-icon").first().getAttribute("title")).resolves.toBe("AGENT");
    // The root is selected first, with its inputs and outputs.
    await expect(details().locator(".span-title").textContent()).resolves.toBe("weather_agent");
    await expect(details().getByLabel("Outputs", { exact: true }).textContent()).resolves.toContain(WEATHER_ANSWER);
    await screenshot(page, "trace-detail.png");
  });

  it("shows a selected span's inputs and outputs, and gives it a deep link", async () => {
    const { page } = watched;
    await treeRow("get_weather").click();
    await page.waitForURL(/\/spans\/[0-9a-f]{16}$/);
    await expect(details().getByLabel("Inputs", { exact: true }).textContent()).resolves.toContain('"Paris"');
    await expect(details().getByLabel("Outputs", { exact: true }).textContent()).resolves.toContain('"sunny"');
    await page.reload();
    await details().waitFor();
    await expect(details().locator(".span-title").textContent()).resolves.toBe("get_weather");
    await expect(treeRow("get_weather").getAttribute("aria-selected")).resolves.toBe("true");
  });

  it("moves through the tree with the keyboard and collapses with ←", async () => {
    const { page } = watched;
    await page.locator("[role=tree]").focus();
    await page.keyboard.press("Home");
    await expect.poll(() => details().locator(".span-title").textContent()).toBe("weather_agent");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => details().locator(".span-title").textContent()).toBe("tools");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => page.locator(".tree-row").count()).toBe(4);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.locator(".tree-row").count()).toBe(5);
  });

  it("shows OpenAI messages, tool calls and tool results in the chat view", async () => {
    const { page } = watched;
    await treeRow("openai.chat.completions_1").click();
    await expect.poll(() => page.getByRole("tab", { name: "Chat" }).getAttribute("aria-selected")).toBe("true");
    const input = page.getByLabel("Input messages");
    await expect(input.locator(".chat-role").allTextContents()).resolves.toEqual(["system", "user"]);
    const output = page.getByLabel("Output messages");
    await expect(output.locator(".chat-tool-name").textContent()).resolves.toBe("get_weather");
    await expect(output.locator(".chat-tool-call").textContent()).resolves.toContain('"Paris"');

    await treeRow("openai.chat.completions_2").click();
    await expect(page.getByLabel("Input messages").locator(".chat-tool-result").textContent()).resolves.toContain("call_weather_1");
    await expect(page.getByLabel("Output messages").locator(".chat-text").textContent()).resolves.toBe(WEATHER_ANSWER);
  });

  it("shows Anthropic messages with the system prompt, tool_use and tool_result blocks", async () => {
    const { page } = watched;
    await openTrace("summariser");
    await treeRow("anthropic.messages.create").click();
    const input = page.getByLabel("Input messages");
    await expect(input.locator(".chat-role").allTextContents()).resolves.toEqual(["system", "user", "assistant", "user"]);
    await expect(input.locator(".chat-tool-result").textContent()).resolves.toContain("weekly sync, retro");
    const output = page.getByLabel("Output messages");
    await expect(output.locator(".chat-text").textContent()).resolves.toBe("Let me look up the notes.");
    await expect(output.locator(".chat-tool-name").textContent()).resolves.toBe("fetch_notes");
  });

  it("marks the error span and shows its exception with the stack trace", async () => {
    const { page } = watched;
    await openTrace("booking_agent");
    await expect(treeRow("reserve_table").locator(".error-mark").count()).resolves.toBe(1);
    await treeRow("reserve_table").click();
    await expect.poll(() => page.getByRole("tab", { name: /^Events/ }).getAttribute("aria-selected")).toBe("true");
    const exception = page.getByRole("group", { name: "exception" });
    await expect(exception.locator(".exception-type").textContent()).resolves.toBe("Error");
    await expect(exception.locator(".exception-message").textContent()).resolves.toContain(FAILURE_MESSAGE);
    await expect(exception.locator(".stacktrace").textContent()).resolves.toMatch(/\n\s+at /);
    await expect(details().locator(".status-message").textContent()).resolves.toContain(FAILURE_MESSAGE);
  });

  it("gathers a stream's chunk events", async () => {
    const { page } = watched;
    await openTrace("stream_count");
    await page.getByRole("tab", { name: /^Events/ }).click();
    const stream = page.getByRole("group", { name: "stream chunks" });
    await expect(stream.locator(".event-head").textContent()).resolves.toContain("5 chunks");
    await expect(stream.locator(".chunk-text").textContent()).resolves.toBe("one two three four five");
  });

  it("saves thumbs-down feedback with a comment as a HUMAN assessment in the store", async () => {
    const { page } = watched;
    await openTrace("booking_agent");
    await page.getByRole("button", { name: "Bad" }).click();
    await page.getByLabel("feedback comment").fill("It should have retried");
    await page.getByRole("button", { name: "Save feedback" }).click();
    await page.locator(".assessment").first().waitFor();
    await expect(page.locator(".assessment-rationale").textContent()).resolves.toBe("It should have retried");

    const store = TraceStore.open(fixture.dbPath);
    try {
      const assessments = store.getTrace(traceIdNamed("booking_agent"))!.info.assessments;
      expect(assessments).toHaveLength(1);
      expect(assessments[0]).toMatchObject({ name: "user_feedback", feedback: { value: false }, rationale: "It should have retried", source: { sourceType: "HUMAN" } });
    } finally {
      store.close();
    }
  });

  it("sets and deletes a tag from the side pane", async () => {
    const { page } = watched;
    await page.getByLabel("tag key").fill("reviewed");
    await page.getByLabel("tag value").fill("yes");
    await page.getByRole("button", { name: "Set tag" }).click();
    await page.locator(".tag-item", { hasText: "reviewed" }).waitFor();
    const tagsInStore = () => {
      const store = TraceStore.open(fixture.dbPath);
      try {
        return store.getTrace(traceIdNamed("booking_agent"))!.info.tags;
      } finally {
        store.close();
      }
    };
    expect(tagsInStore().reviewed).toBe("yes");
    await page.getByRole("button", { name: "delete tag reviewed" }).click();
    await page.locator(".tag-item", { hasText: "reviewed" }).waitFor({ state: "detached" });
    expect(tagsInStore().reviewed).toBeUndefined();
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.dialogs).toEqual([]);
  });
});
