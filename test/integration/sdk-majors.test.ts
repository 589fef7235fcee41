/**
 * The SDKs' current majors that need Node 22 (openai 7; @google/genai 3 in its own test):
 * an app folder under Node 22 from test/toolchains, with the built traced and that major
 * installed beside it, runs against the wire server started here.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embedContentResponse, generateContentResponse, generateContentStream, geminiError } from "../support/llm-replies/gemini.js";
import { chatCompletion, chatCompletionStream, openaiError, responseStream } from "../support/llm-replies/openai.js";
import { startLlmWireServer, type LlmWireServer } from "../support/llm-wire-server.js";
import { ensureToolchains, root, toolchain, toolchainDir } from "../support/toolchains.js";

const work = join(root, ".tmp/sdk-majors");
let server: LlmWireServer;

/** An app folder that installed the built package and `sdks` (name → installed folder), with better-sqlite3 for Node 22. */
function makeApp(name: string, sdks: Record<string, string>): string {
  const app = join(work, name);
  const traced = join(app, "node_modules/traced");
  mkdirSync(traced, { recursive: true });
  cpSync(join(root, "package.json"), join(traced, "package.json"));
  for (const build of ["esm", "bundle", "cjs"]) cpSync(join(root, "dist", build), join(traced, "dist", build), { recursive: true });
  symlinkSync(toolchain.betterSqlite3.node22, join(app, "node_modules/better-sqlite3"), "dir");
  for (const [sdk, folder] of Object.entries(sdks)) {
    mkdirSync(join(app, "node_modules", sdk, ".."), { recursive: true });
    symlinkSync(folder, join(app, "node_modules", sdk), "dir");
  }
  cpSync(join(import.meta.dirname, "fixtures/sdk-majors"), app, { recursive: true });
  writeFileSync(join(app, "package.json"), '{ "private": true, "type": "module" }\n');
  return app;
}

async function runApp(app: string, script: string): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(toolchain.node22, [join(app, script)], { cwd: app, encoding: "utf8", env: { ...process.env, LLM_URL: `${server.url}/v1`, GEMINI_BASE_URL: server.url } });
  return JSON.parse(stdout);
}

beforeAll(async () => {
  ensureToolchains();
  rmSync(work, { recursive: true, force: true });
  server = await startLlmWireServer();
}, 600_000);
afterAll(() => server?.close());

describe("openai 7 under Node 22", () => {
  it("traces plain and streamed calls, helpers, retries, the Responses API, aborts and errors", async () => {
    const app = makeApp("openai7", { openai: join(toolchainDir, "node_modules/openai7") });
    const path = "/v1/chat/completions";
    server.reply(path, chatCompletion({ content: "plain" }), chatCompletionStream({ content: ["str", "eamed"], includeUsage: true }));
    server.reply(path, chatCompletionStream({ toolCalls: [{ id: "call_1", name: "lookup", arguments: { q: "x" } }] }));
    server.reply(path, openaiError(429, "slow down", { retryAfter: "0" }), chatCompletion({ content: "retried" }));
    server.reply(path, chatCompletionStream({ content: ["a", "b", "c"], delayMs: 20 }), openaiError(400, "bad request"));
    server.reply("/v1/responses", responseStream({ outputText: ["Hi"] }));

    const results = await runApp(app, "openai.mjs");
    expect(results).toMatchObject({ plain: "plain", streamed: "streamed", helper: JSON.stringify({ q: "x" }), retried: "retried", responseEvents: true, error: ["BadRequestError", 400] });
    expect(results.spans).toEqual([
      { name: "Completions.create_1", status: "OK", usage: 29, attempts: 0, exception: false },
      { name: "Completions.create_2", status: "OK", usage: 29, attempts: 0, exception: false },
      { name: "Completions.stream", status: "OK", usage: null, attempts: 0, exception: false },
      { name: "Completions.create_3", status: "OK", usage: 29, attempts: 2, exception: false },
      { name: "Responses.create", status: "OK", usage: 123, attempts: 0, exception: false },
      { name: "Completions.create_4", status: "ERROR", usage: null, attempts: 0, exception: true },
      { name: "Completions.create_5", status: "ERROR", usage: null, attempts: 0, exception: true },
    ]);
  });
});

describe("@google/genai 3 under Node 22", () => {
  it("traces generateContent, streams, embeddings and errors", async () => {
    const app = makeApp("genai3", { "@google/genai": join(toolchainDir, "node_modules/genai3") });
    // @google/genai 3 calls the API's v1 (2 called v1beta).
    server.reply(/\/models\/gemini-2\.5-flash:generateContent$/, generateContentResponse({ text: "plain" }), geminiError(400, "bad request"));
    server.reply(/\/models\/gemini-2\.5-flash:streamGenerateContent$/, generateContentStream({ text: "str" }, { text: "eamed" }));
    server.reply(/:batchEmbedContents$/, embedContentResponse({ vectors: [[1], [2]] }));

    const results = await runApp(app, "gemini.mjs");
    expect(results).toMatchObject({ plain: "plain", streamed: "streamed", vectors: 2, error: "ApiError" });
    expect(results.spans).toEqual([
      { name: "Models.generateContent_1", type: "CHAT_MODEL", status: "OK", usage: expect.any(Number) },
      { name: "Models.generateContentStream", type: "CHAT_MODEL", status: "OK", usage: expect.any(Number) },
      { name: "Models.embedContent", type: "EMBEDDING", status: "OK", usage: null },
      { name: "Models.generateContent_2", type: "CHAT_MODEL", status: "ERROR", usage: null },
    ]);
  });
});
