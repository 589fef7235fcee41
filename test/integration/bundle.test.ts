/**
 * An app using traced (`@trace` decorators — experimentalDecorators, which Vite's compiler
 * lowers; TC39 ones it leaves as they are —, trace(), a block span, the OpenAI SDK under
 * traced/openai's autolog against the local wire server, OTLP export) runs the same when
 * bundled: fixtures/bundle-app/app.ts is run unbundled (compiled file by file, traced and
 * openai loaded from node_modules), as esbuild bundles and as a Vite SSR build (minified,
 * every dependency bundled), each in a child process of Node. Every build must record the
 * same trace trees (names, types, statuses, outputs, token usage, nesting) and send them to
 * the OTLP receiver. The minimal autolog bundle (CommonJS and ESM) is in
 * openai/packaged-apps.test.ts.
 *
 * Inputs are named after parameters read from the function's source, which bundlers may
 * rename: Vite without mangling keeps every name; esbuild renames a parameter that shares
 * another bundled module's top-level name (`count` → `count3`), and mangling renames all.
 * Names given with `@parameterNames` (as the @traced transformer writes them) always survive.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { build as esbuild, transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatCompletion, chatCompletionStream } from "../support/llm-replies/openai.js";
import { startLlmWireServer, type LlmWireServer, type ScriptedReply } from "../support/llm-wire-server.js";
import { type DecodedSpan } from "../support/otlp-decode.js";
import { OtlpReceiver } from "../support/otlp-receiver.js";
import { root } from "../support/toolchains.js";

const dir = join(root, ".tmp/bundle-app");

/** Replies with fixed ids and times, so every build's recorded outputs can be compared. */
function fixed(reply: ScriptedReply): ScriptedReply {
  const pin = (data: unknown) => (typeof data === "object" && data !== null ? { ...data, id: "chatcmpl-fixed", created: 1_700_000_000 } : data);
  if (reply.kind === "json") return { ...reply, body: pin(reply.body) };
  if (reply.kind === "sse") return { ...reply, events: reply.events.map((event) => ({ ...event, data: pin(event.data) })) };
  return reply;
}

let server: LlmWireServer;

beforeAll(async () => {
  server = await startLlmWireServer();
  server.fallback((request) => fixed((request.body as { stream?: boolean }).stream ? chatCompletionStream({ includeUsage: true, content: ["str", "eamed"] }) : chatCompletion({ content: "plain" })));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  // An app folder as an install makes it: the built traced and the SDK in node_modules.
  symlinkSync(root, join(dir, "node_modules/traced"), "dir");
  symlinkSync(join(root, "node_modules/openai"), join(dir, "node_modules/openai"), "dir");
  cpSync(join(import.meta.dirname, "fixtures/bundle-app"), dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
}, 60_000);
afterAll(() => server?.close());

type Tree = [string, string, string, unknown, unknown, Record<string, unknown>, Tree[]];
interface Summary {
  answer: string;
  flushed: boolean;
  traces: Tree[];
  diagnostics: string[];
}

/** Runs one build of the app against the wire server and a fresh OTLP receiver. */
async function run(file: string): Promise<{ summary: Summary; received: DecodedSpan[] }> {
  const receiver = await OtlpReceiver.start();
  try {
    // Asynchronous: the servers answer from this process's event loop.
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [file], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", LLM_URL: `${server.url}/v1`, OTLP_URL: receiver.url },
      timeout: 60_000,
    });
    expect(stderr).toBe("");
    return { summary: JSON.parse(stdout) as Summary, received: receiver.spans };
  } finally {
    await receiver.close();
  }
}

/** The OTLP spans as [name, spanType, children] trees. */
function otlpShape(spans: DecodedSpan[]): unknown[] {
  const node = (span: DecodedSpan): unknown[] => [
    span.name,
    span.attributes["mlflow.spanType"]?.value,
    spans.filter((s) => s.traceId === span.traceId && s.parentSpanId === span.spanId).map(node),
  ];
  return spans.filter((s) => s.parentSpanId === "").map(node);
}
const shape = (trees: Tree[]): unknown[] => trees.map(([name, type, , , , , children]) => [name, type, shape(children)]);

// esbuild's documented banner for CommonJS code in an ESM bundle (the alias keeps clear of traced's own import).
const banner = { js: `import { createRequire as bannerCreateRequire } from "node:module"; const require = bannerCreateRequire(import.meta.url);` };

/** One esbuild bundle for Node, as ESM. */
async function esbuildBundle(out: string, minify: { minifyWhitespace: boolean; minifySyntax: boolean; minifyIdentifiers: boolean }): Promise<string> {
  await esbuild({
    entryPoints: [join(dir, "app.ts")],
    bundle: true,
    ...minify,
    keepNames: true,
    platform: "node",
    format: "esm",
    target: "es2022",
    tsconfig: join(dir, "tsconfig.json"),
    banner,
    outfile: join(dir, out),
    logLevel: "silent",
  });
  return out;
}

const builds: Record<string, () => Promise<string>> = {
  // Compiled file by file (decorators lowered as tsconfig.json says), traced and openai imported from node_modules.
  unbundled: async () => {
    const { code } = await transform(readFileSync(join(dir, "app.ts"), "utf8"), { loader: "ts", format: "esm", target: "es2022", tsconfigRaw: readFileSync(join(dir, "tsconfig.json"), "utf8") });
    writeFileSync(join(dir, "app.mjs"), code);
    return "app.mjs";
  },
  // Whitespace and syntax minified, identifiers as written, names kept.
  esbuild: () => esbuildBundle("esbuild/app.mjs", { minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: false }),
  // `minify: true`: parameters renamed too.
  "esbuild, identifiers mangled": () => esbuildBundle("esbuild-mangled/app.mjs", { minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: true }),
  vite: async () => {
    const { build } = await import("vite");
    await build({
      configFile: false,
      root: dir,
      logLevel: "silent",
      // Every dependency in the bundle, as for a serverless deployment.
      ssr: { noExternal: true },
      build: {
        ssr: "app.ts",
        outDir: "vite",
        minify: true,
        target: "node20",
        // Oxc's minifier, compressing and without whitespace, but not renaming; function names kept.
        rollupOptions: { output: { entryFileNames: "app.mjs", keepNames: true, minify: { compress: true, mangle: false, codegen: { removeWhitespace: true } } } },
      },
    });
    return "vite/app.mjs";
  },
};

/** The inputs of the root's child span `name`. */
const inputsOf = (trees: Tree[], name: string): unknown => trees[0]![6].find(([child]) => child === name)![3];

/** The trees with each span's inputs reduced to their values (the keys are parameter names). */
const withoutInputNames = (trees: Tree[]): Tree[] =>
  trees.map(([name, type, status, inputs, outputs, attributes, children]) => [
    name,
    type,
    status,
    inputs !== null && typeof inputs === "object" ? Object.values(inputs) : inputs,
    outputs,
    attributes,
    withoutInputNames(children),
  ]);

describe("an app using traced, bundled", () => {
  const results: Record<string, { summary: Summary; received: DecodedSpan[] }> = {};

  beforeAll(async () => {
    for (const [name, make] of Object.entries(builds)) results[name] = await run(await make());
  }, 120_000);

  it("runs unbundled: the expected answer and trace, exported over OTLP", () => {
    const { summary, received } = results.unbundled!;
    expect(summary).toMatchObject({ answer: "plain / streamed", flushed: true, diagnostics: [] });
    expect(shape(summary.traces)).toEqual([
      ["answer", "AGENT", [
        ["retrieve", "RETRIEVER", []],
        ["rank", "RERANKER", []],
        ["build_prompt", "PARSER", []],
        ["Completions.create_1", "CHAT_MODEL", []],
        ["stream", "CHAIN", [["Completions.create_2", "CHAT_MODEL", []]]],
      ]],
    ]);
    const [root] = summary.traces;
    expect(root![3]).toEqual({ question: "why" });
    expect(otlpShape(received)).toEqual(shape(summary.traces));
  });

  it("bundled and minified by Vite (Rolldown, names kept, no mangling): the same traces as unbundled", () => {
    const { summary, received } = results.vite!;
    expect(summary).toMatchObject({ answer: "plain / streamed", flushed: true, diagnostics: [] });
    expect(summary.traces).toEqual(results.unbundled!.summary.traces);
    expect(otlpShape(received)).toEqual(otlpShape(results.unbundled!.received));
  });

  it("bundled and minified by esbuild (keepNames, no mangling): the same traces, but a parameter that shares a bundled module's top-level name is renamed", () => {
    const { summary, received } = results.esbuild!;
    expect(summary).toMatchObject({ answer: "plain / streamed", flushed: true, diagnostics: [] });
    expect(withoutInputNames(summary.traces)).toEqual(withoutInputNames(results.unbundled!.summary.traces));
    // esbuild's renamer gives such a parameter a number (`count` → `count3`); every other name is as written.
    const keys = (trees: Tree[]): string[] => trees.flatMap(([, , , inputs, , , children]) => [...Object.keys(inputs ?? {}), ...keys(children)]);
    const bundled = keys(summary.traces);
    const written = keys(results.unbundled!.summary.traces);
    expect(bundled).toHaveLength(written.length);
    bundled.forEach((key, i) => expect(key).toMatch(new RegExp(`^${written[i]}\\d*$`)));
    // Names given with @parameterNames are kept whatever the bundler does.
    expect(inputsOf(summary.traces, "retrieve")).toEqual({ query: "why", count: 3 });
    expect(otlpShape(received)).toEqual(otlpShape(results.unbundled!.received));
  });

  it("with identifiers mangled: the same traces, but inputs are keyed by the renamed parameters", () => {
    const { summary, received } = results["esbuild, identifiers mangled"]!;
    expect(summary).toMatchObject({ answer: "plain / streamed", flushed: true, diagnostics: [] });
    expect(withoutInputNames(summary.traces)).toEqual(withoutInputNames(results.unbundled!.summary.traces));
    expect(Object.keys(summary.traces[0]![3] as object)).not.toEqual(["question"]);
    expect(inputsOf(summary.traces, "retrieve")).toEqual({ query: "why", count: 3 });
    // The SDK call's inputs are the request itself, not parameter names: unchanged.
    const llm = (trees: Tree[]) => trees[0]![6].find(([name]) => name === "Completions.create_1")![3];
    expect(llm(summary.traces)).toEqual(llm(results.unbundled!.summary.traces));
    expect(otlpShape(received)).toEqual(otlpShape(results.unbundled!.received));
  });
});
