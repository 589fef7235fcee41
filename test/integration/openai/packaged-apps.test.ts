/**
 * autolog() as apps load it: the built package from a CommonJS app, an ESM app, and an
 * esbuild-minified bundle (constructor names mangled), each a child process calling the
 * wire server with clients made before and after autolog().
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatCompletion, chatCompletionStream } from "../../support/llm-replies/openai.js";
import { startLlmWireServer, type LlmWireServer } from "../../support/llm-wire-server.js";

const root = join(import.meta.dirname, "../../..");

const body = (load: string) => `${load}
const exporter = new InMemoryExporter();
setDestination(exporter);
const options = { apiKey: "sk-test", baseURL: process.env.LLM_URL, maxRetries: 0 };
const early = new OpenAI(options);
autolog();
const late = new OpenAI(options);
const messages = [{ role: "user", content: "hi" }];
const run = async () => {
  await withSpan("app", async () => {
    await early.chat.completions.create({ model: "gpt-4o-mini", messages });
    let text = "";
    for await (const chunk of await late.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } })) text += chunk.choices[0]?.delta.content ?? "";
    if (text !== "Hello!") throw new Error("the app saw " + text);
  });
  await flushTraces();
  const spans = exporter.traces.flatMap((t) => t.spans.filter((s) => s.parentId !== null));
  console.log(JSON.stringify(spans.map((s) => ({ name: s.name, type: s.spanType, status: s.status.code, usage: s.getAttribute("mlflow.chat.tokenUsage"), content: s.outputs.choices[0].message.content }))));
};
run();
`;

const CJS_APP = body(`const { InMemoryExporter, setDestination, flushTraces, withSpan } = require("traced");
const { autolog } = require("traced/openai");
const { OpenAI } = require("openai");`);
const ESM_APP = body(`import { InMemoryExporter, setDestination, flushTraces, withSpan } from "traced";
import { autolog } from "traced/openai";
import OpenAI from "openai";`);

let server: LlmWireServer;
let dir: string;

beforeAll(async () => {
  server = await startLlmWireServer();
  server.fallback((request) => ((request.body as { stream?: boolean }).stream ? chatCompletionStream({ includeUsage: true }) : chatCompletion({ content: "plain" })));
  // An app folder whose node_modules hold the built traced and the SDK, as an install would.
  dir = mkdtempSync(join(tmpdir(), "traced-openai-app-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(root, join(dir, "node_modules/traced"));
  symlinkSync(join(root, "node_modules/openai"), join(dir, "node_modules/openai"));
  // A native module stays outside any bundle, as in a real deployment.
  symlinkSync(join(root, "node_modules/better-sqlite3"), join(dir, "node_modules/better-sqlite3"));
  writeFileSync(join(dir, "app.cjs"), CJS_APP);
  writeFileSync(join(dir, "app.mjs"), ESM_APP);
});
afterAll(() => server.close());

// Asynchronous: the wire server answers from this process's event loop.
async function run(file: string): Promise<unknown> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(dir, file)], { cwd: dir, encoding: "utf8", env: { ...process.env, LLM_URL: `${server.url}/v1` } });
  return JSON.parse(stdout);
}

// Same-named siblings get MLflow's numbered suffixes.
const EXPECTED = [
  { name: "Completions.create_1", type: "CHAT_MODEL", status: "OK", usage: { input_tokens: 19, output_tokens: 10, total_tokens: 29, cache_read_input_tokens: 0, reasoning_tokens: 0 }, content: "plain" },
  { name: "Completions.create_2", type: "CHAT_MODEL", status: "OK", usage: { input_tokens: 19, output_tokens: 10, total_tokens: 29, cache_read_input_tokens: 0, reasoning_tokens: 0 }, content: "Hello!" },
];

describe("autolog in a packaged app", () => {
  it("a CommonJS app", async () => {
    expect(await run("app.cjs")).toEqual(EXPECTED);
  });

  it("an ESM app", async () => {
    expect(await run("app.mjs")).toEqual(EXPECTED);
  });

  it.each(["cjs", "esm"] as const)("an esbuild-minified %s bundle", async (format) => {
    const outfile = join(dir, `bundle.${format === "cjs" ? "cjs" : "mjs"}`);
    // An ESM bundle of CommonJS code needs `require` (esbuild's documented banner for Node).
    const banner = format === "esm" ? { js: `import { createRequire } from "node:module"; const require = createRequire(import.meta.url);` } : undefined;
    await build({ entryPoints: [join(dir, format === "cjs" ? "app.cjs" : "app.mjs")], bundle: true, minify: true, platform: "node", format, outfile, banner, external: ["better-sqlite3"], logLevel: "silent" });
    expect(await run(outfile.slice(dir.length + 1))).toEqual(EXPECTED);
  });
});
