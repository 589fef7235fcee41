/**
 * The Chat view for each provider's LLM spans as traced's SDK integrations record them
 * (OpenAI chat and Responses, Anthropic, Gemini, transformers.js): roles and texts in order, tool calls with
 * their arguments, tool results tied to their calls, thinking collapsed, media named but
 * never loaded, the tools offered, the span's token usage, and the trace list's tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, screenshot, type WatchedPage } from "./support/browser.js";
import { startUiFixture, type UiFixture } from "./support/fixture.js";
import { PWNED_FLAG } from "./support/hostile-values.js";
import { ANTHROPIC, fillProviderStore, GEMINI, OPENAI_CHAT, OPENAI_RESPONSES, TRANSFORMERS } from "./support/llm-spans/index.js";

let fixture: UiFixture;
let watched: WatchedPage;
const foreignRequests: string[] = [];

beforeAll(async () => {
  fixture = await startUiFixture(fillProviderStore);
  watched = await openPage(fixture.browser);
  // Tall enough that a whole conversation fits in the screenshots.
  await watched.page.setViewportSize({ width: 1440, height: 1500 });
  watched.page.on("request", (request) => {
    if (!request.url().startsWith(fixture.ui.url)) foreignRequests.push(request.url());
  });
});

afterAll(async () => {
  await fixture?.close();
});

const page = () => watched.page;
const details = () => page().locator(".span-details");
const input = () => page().getByLabel("Input messages");
const output = () => page().getByLabel("Output messages");
const roles = (section: ReturnType<typeof input>) => section.locator(".chat-role").allTextContents();

async function openChatSpan(traceName: string, spanName: string): Promise<void> {
  await page().goto(fixture.ui.url);
  await page().locator("tbody tr.trace-row td.col-name", { hasText: new RegExp(`^${traceName}$`) }).click();
  await page().locator(".tree-row").first().waitFor();
  await page().locator(".tree-row", { has: page().locator(".span-name", { hasText: new RegExp(`^${spanName.replace(/\./g, "\\.")}$`) }) }).click();
  await expect.poll(() => details().locator(".span-title").textContent()).toBe(spanName);
  await expect.poll(() => page().getByRole("tab", { name: "Chat" }).getAttribute("aria-selected")).toBe("true");
}

async function usage(): Promise<Record<string, string>> {
  const items = details().locator(".token-usage .usage-item");
  const pairs = await items.evaluateAll((nodes) => nodes.map((n) => [n.getAttribute("data-usage") ?? "", n.querySelector(".usage-value")?.textContent ?? ""]));
  return Object.fromEntries(pairs);
}

async function expectThinking(section: ReturnType<typeof input>, text: string): Promise<void> {
  const thinking = section.locator("details.chat-thinking", { hasText: text });
  await expect(thinking.getAttribute("open")).resolves.toBeNull();
  await thinking.locator("summary").click();
  await expect(thinking.getAttribute("open")).resolves.toBe("");
  await expect(thinking.locator(".chat-thinking-text").textContent()).resolves.toBe(text);
}

async function expectNothingLoaded(): Promise<void> {
  await expect(page().locator("img, iframe, video, audio").count()).resolves.toBe(0);
  await expect(page().evaluate((flag) => (globalThis as unknown as Record<string, unknown>)[flag], PWNED_FLAG)).resolves.toBeUndefined();
  expect(foreignRequests).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.dialogs).toEqual([]);
}

describe("chat view per provider", () => {
  it("shows an OpenAI chat completion: developer prompt, image, tool call, tool result and answer", async () => {
    await openChatSpan(OPENAI_CHAT.trace, "Completions.create_1");
    await expect(roles(input())).resolves.toEqual(["developer", "user"]);
    await expect(input().locator(".chat-text").allTextContents()).resolves.toEqual([OPENAI_CHAT.developer, OPENAI_CHAT.question]);
    await expect(input().locator(".chat-media").textContent()).resolves.toBe(`image ${OPENAI_CHAT.imageUrl}`);
    await expect(roles(output())).resolves.toEqual(["assistant"]);
    await expect(output().locator(".chat-note").textContent()).resolves.toBe("finish: tool_calls");
    await expect(output().locator(".chat-tool-name").textContent()).resolves.toBe("get_weather");
    await expect(output().locator(".chat-call-id").textContent()).resolves.toContain(OPENAI_CHAT.toolCallId);
    await expect(output().getByLabel("tool arguments").textContent()).resolves.toBe(JSON.stringify({ city: "Paris", unit: "celsius" }, null, 2));
    await expect(page().locator(".chat-tools .chat-tool-def-name").allTextContents()).resolves.toEqual(["get_weather"]);
    await expect(usage()).resolves.toEqual({ input: "52", output: "18", total: "70", cacheRead: "12" });
    await expect(details().locator(".llm-model").textContent()).resolves.toBe("gpt-4o-mini");
    await screenshot(page(), "chat-openai-chat-1.png");

    await openChatSpan(OPENAI_CHAT.trace, "Completions.create_2");
    await expect(roles(input())).resolves.toEqual(["developer", "user", "assistant", "tool"]);
    const result = input().locator(".chat-tool-result");
    // The result names the call it answers, found by tool_call_id.
    await expect(result.locator(".chat-result-for").textContent()).resolves.toBe("get_weather");
    await expect(result.locator(".chat-call-id").textContent()).resolves.toBe(OPENAI_CHAT.toolCallId);
    await expect(result.getByLabel("tool result").textContent()).resolves.toBe(JSON.stringify(JSON.parse(OPENAI_CHAT.toolResult), null, 2));
    await expect(output().locator(".chat-text").textContent()).resolves.toBe(OPENAI_CHAT.answer);
    await expect(usage()).resolves.toEqual({ input: "90", output: "12", total: "102" });
    await screenshot(page(), "chat-openai-chat-2.png");
    await expectNothingLoaded();
  });

  it("shows an OpenAI Responses call: instructions, function call and output, reasoning and answer", async () => {
    await openChatSpan(OPENAI_RESPONSES.trace, "Responses.create");
    await expect(roles(input())).resolves.toEqual(["system", "user", "assistant", "tool"]);
    await expect(input().locator(".chat-text").allTextContents()).resolves.toEqual([OPENAI_RESPONSES.instructions, OPENAI_RESPONSES.question]);
    const call = input().locator(".chat-tool-call");
    await expect(call.locator(".chat-tool-name").textContent()).resolves.toBe("lookup_population");
    await expect(call.getByLabel("tool arguments").textContent()).resolves.toBe(JSON.stringify({ city: "Lyon" }, null, 2));
    const result = input().locator(".chat-tool-result");
    await expect(result.locator(".chat-result-for").textContent()).resolves.toBe("lookup_population");
    await expect(result.getByLabel("tool result").textContent()).resolves.toContain('"population": 522250');
    await expect(roles(output())).resolves.toEqual(["assistant"]);
    await expectThinking(output(), OPENAI_RESPONSES.reasoning);
    await expect(output().locator(".chat-body > .chat-text").textContent()).resolves.toBe(OPENAI_RESPONSES.answer);
    await expect(page().locator(".chat-tools .chat-tool-def-name").allTextContents()).resolves.toEqual(["lookup_population"]);
    await expect(usage()).resolves.toEqual({ input: "210", output: "64", total: "274", reasoning: "40" });
    await screenshot(page(), "chat-openai-responses.png");
    await expectNothingLoaded();
  });

  it("shows an Anthropic message: system blocks, image, thinking, tool_use and tool_result, cache usage", async () => {
    await openChatSpan(ANTHROPIC.trace, "Messages.create");
    await expect(roles(input())).resolves.toEqual(["system", "user", "assistant", "user"]);
    await expect(input().locator(".chat-body > .chat-text").allTextContents()).resolves.toEqual([ANTHROPIC.system, ANTHROPIC.question]);
    await expect(input().locator(".chat-media").textContent()).resolves.toMatch(/^image image\/png · inline, \d+ chars$/);
    await expectThinking(input(), ANTHROPIC.earlierThinking);
    await expect(input().locator(".chat-tool-name").textContent()).resolves.toBe("fetch_notes");
    await expect(input().getByLabel("tool arguments").textContent()).resolves.toBe(JSON.stringify({ meeting: "retro" }, null, 2));
    const result = input().locator(".chat-tool-result");
    await expect(result.locator(".chat-result-for").textContent()).resolves.toBe("fetch_notes");
    await expect(result.locator(".chat-call-id").textContent()).resolves.toBe(ANTHROPIC.toolUseId);
    await expect(result.getByLabel("tool result").textContent()).resolves.toBe(ANTHROPIC.toolResult);
    await expect(output().locator(".chat-note").textContent()).resolves.toBe("stop: end_turn");
    await expectThinking(output(), ANTHROPIC.thinking);
    await expect(output().locator(".chat-body > .chat-text").textContent()).resolves.toBe(ANTHROPIC.answer);
    await expect(page().locator(".chat-tools .chat-tool-def-name").allTextContents()).resolves.toEqual(["fetch_notes"]);
    await expect(usage()).resolves.toEqual({ input: "300", output: "80", total: "380", cacheRead: "120", cacheCreation: "40" });
    await screenshot(page(), "chat-anthropic.png");
    await expectNothingLoaded();
  });

  it("shows a Gemini call: system instruction, inline image, function call and response, thought and answer", async () => {
    await openChatSpan(GEMINI.trace, "models.generateContent");
    await expect(roles(input())).resolves.toEqual(["system", "user", "assistant", "user"]);
    await expect(input().locator(".chat-body > .chat-text").allTextContents()).resolves.toEqual([GEMINI.system, GEMINI.question]);
    await expect(input().locator(".chat-media").textContent()).resolves.toMatch(/^image image\/jpeg · inline, \d+ chars$/);
    await expect(input().locator(".chat-tool-name").textContent()).resolves.toBe("list_fridge");
    await expect(input().getByLabel("tool arguments").textContent()).resolves.toBe(JSON.stringify({ shelf: "all" }, null, 2));
    const result = input().locator(".chat-tool-result");
    await expect(result.locator(".chat-result-for").textContent()).resolves.toBe("list_fridge");
    await expect(result.locator(".chat-call-id").textContent()).resolves.toBe(GEMINI.callId);
    // The markup in the function's response is shown as text.
    await expect(result.getByLabel("tool result").textContent()).resolves.toBe(JSON.stringify({ output: ["eggs", "spinach", GEMINI.hostileItem] }, null, 2));
    await expect(output().locator(".chat-note").textContent()).resolves.toBe("finish: STOP");
    await expectThinking(output(), GEMINI.thought);
    await expect(output().locator(".chat-body > .chat-text").textContent()).resolves.toBe(GEMINI.answer);
    await expect(page().locator(".chat-tools .chat-tool-def-name").allTextContents()).resolves.toEqual(["list_fridge"]);
    await expect(usage()).resolves.toEqual({ input: "150", output: "55", total: "205", reasoning: "25" });
    await page().locator(".chat-tools summary").first().click();
    await expect(page().getByLabel("tool parameters").textContent()).resolves.toContain('"shelf"');
    await screenshot(page(), "chat-gemini.png");
    await expectNothingLoaded();
  });

  it("shows a transformers.js conversation: system and user messages in, the model's reply out, markup as text", async () => {
    await openChatSpan(TRANSFORMERS.trace, "text-generation");
    await expect(roles(input())).resolves.toEqual(["system", "user"]);
    await expect(input().locator(".chat-body > .chat-text").allTextContents()).resolves.toEqual([TRANSFORMERS.system, TRANSFORMERS.question]);
    await expect(roles(output())).resolves.toEqual(["assistant"]);
    await expect(output().locator(".chat-body > .chat-text").textContent()).resolves.toBe(TRANSFORMERS.answer);
    await expect(usage()).resolves.toEqual({ input: "24", output: "9", total: "33" });
    await screenshot(page(), "chat-transformers.png");
    await expectNothingLoaded();
  });

  it("fills the trace list's tokens column from each trace's summed usage", async () => {
    await page().goto(fixture.ui.url);
    const tokens = async (name: string) =>
      page().locator("tbody tr.trace-row", { has: page().locator("td.col-name", { hasText: new RegExp(`^${name}$`) }) }).locator("td.col-tokens").textContent();
    await page().locator("tbody tr.trace-row").first().waitFor();
    await expect(tokens(OPENAI_CHAT.trace)).resolves.toBe(String(OPENAI_CHAT.traceTotal));
    await expect(tokens(OPENAI_RESPONSES.trace)).resolves.toBe(String(OPENAI_RESPONSES.usage.total_tokens));
    await expect(tokens(ANTHROPIC.trace)).resolves.toBe(String(ANTHROPIC.usage.total_tokens));
    await expect(tokens(GEMINI.trace)).resolves.toBe(String(GEMINI.usage.total_tokens));
    await expect(tokens(TRANSFORMERS.trace)).resolves.toBe(String(TRANSFORMERS.usage.total_tokens));
    await screenshot(page(), "chat-providers-list.png");
    await expectNothingLoaded();
  });
});
