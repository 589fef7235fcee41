/**
 * A CommonJS app using the built package: `require("traced/anthropic")` and
 * `require("@anthropic-ai/sdk")`, autolog(), one plain and one streamed call to the wire
 * server, in a child process that prints the spans it got. With the current SDK the app sits
 * inside this repository (`traced` resolves to it by self-reference); with the previous
 * major, in a folder whose node_modules hold a copy of the build and that SDK as
 * `@anthropic-ai/sdk`, as an install of it would.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { message, messageStream } from "../../support/llm-replies/anthropic.js";
import { startLlmWireServer, type LlmWireServer } from "../../support/llm-wire-server.js";

const root = join(import.meta.dirname, "../../..");

const APP = `
const { InMemoryExporter, setDestination, flushTraces, withSpan } = require("traced");
const { autolog } = require("traced/anthropic");
const { Anthropic } = require("@anthropic-ai/sdk");
const exporter = new InMemoryExporter();
setDestination(exporter);
const options = { apiKey: "test", baseURL: process.env.LLM_URL, maxRetries: 0 };
const early = new Anthropic(options);
autolog();
const late = new Anthropic(options);
const params = { model: "claude-haiku-4-5", max_tokens: 32, messages: [{ role: "user", content: "hi" }] };
(async () => {
  await withSpan("app", async () => {
    await early.messages.create(params);
    const text = await late.messages.stream(params).finalText();
    if (text !== "Hello!") throw new Error("the app saw " + text);
  });
  await flushTraces();
  const spans = exporter.traces.flatMap((t) => t.spans.filter((s) => s.parentId !== null));
  console.log(JSON.stringify(spans.map((s) => ({
    name: s.name,
    type: s.spanType,
    status: s.status.code,
    format: s.getAttribute("mlflow.message.format"),
    usage: s.getAttribute("mlflow.chat.tokenUsage"),
    content: s.outputs.content,
  }))));
})();
`;

let server: LlmWireServer;
let tmp: string;

beforeAll(async () => {
  server = await startLlmWireServer();
  server.fallback((request) => ((request.body as { stream?: boolean }).stream ? messageStream({ text: ["Hel", "lo!"] }) : message({ text: "plain" })));
  // Inside the repository, so that traced's own dependencies resolve from its node_modules.
  mkdirSync(join(root, ".tmp"), { recursive: true });
  tmp = mkdtempSync(join(root, ".tmp", "anthropic-cjs-"));
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Asynchronously: the wire server answering the app runs in this process. */
async function run(file: string): Promise<unknown> {
  const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: tmp, encoding: "utf8", env: { ...process.env, LLM_URL: server.url } });
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
}

const usage = { input_tokens: 25, output_tokens: 15, total_tokens: 40, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
const EXPECTED = [
  { name: "Messages.create", type: "CHAT_MODEL", status: "OK", format: "anthropic", usage, content: [{ type: "text", text: "plain", citations: null }] },
  { name: "Messages.stream", type: "CHAT_MODEL", status: "OK", format: "anthropic", usage, content: [{ type: "text", text: "Hello!", citations: null }] },
];

describe("a CommonJS app with autolog()", () => {
  it("with @anthropic-ai/sdk 1.x", async () => {
    const file = join(tmp, "app.cjs");
    writeFileSync(file, APP);
    expect(await run(file)).toEqual(EXPECTED);
  });

  it("with @anthropic-ai/sdk 0.137", async () => {
    const app = join(tmp, "v0");
    const modules = join(app, "node_modules");
    mkdirSync(join(modules, "traced"), { recursive: true });
    mkdirSync(join(modules, "@anthropic-ai"));
    cpSync(join(root, "dist"), join(modules, "traced", "dist"), { recursive: true });
    writeFileSync(join(modules, "traced", "package.json"), readFileSync(join(root, "package.json")));
    symlinkSync(join(root, "node_modules/anthropic-sdk-v0"), join(modules, "@anthropic-ai/sdk"));
    // A package of its own, so that "traced" is not this repository by self-reference.
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "anthropic-v0-app", private: true }));
    const file = join(app, "app.cjs");
    writeFileSync(file, APP + `\nif (!require("@anthropic-ai/sdk/version").VERSION.startsWith("0.137.")) throw new Error("not the 0.137 SDK");\n`);
    expect(await run(file)).toEqual(EXPECTED);
  });
});
