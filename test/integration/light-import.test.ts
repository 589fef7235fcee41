/**
 * A light import (issue 17): `import "traced"` and `traced/runtime` load the capture path,
 * and the heavy parts load when first used — the OTLP and MLflow exporters' delivery code
 * (HTTP client, retries, message building) and the protobuf encoder (@bufbuild/protobuf)
 * when such an exporter is created, the store's writing code and its SQLite driver when a
 * store exporter is. Each case runs the built package in a child process that lists
 * the modules it has loaded (an ESM resolve hook, or `require.cache` for CommonJS), then
 * checks that first use still works: the default store, searchTraces, OTLP export.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTraceStore, closeTraceStores } from "../../src/index.js";
import { OtlpReceiver } from "../support/otlp-receiver.js";

const root = join(import.meta.dirname, "../..");

/** What the entries must not load until used, by the module URL or path that gives it away. */
const LOADED_ON_USE: Record<string, RegExp> = {
  "@bufbuild/protobuf": /node_modules\/@bufbuild\/protobuf\//,
  "better-sqlite3": /node_modules\/better-sqlite3\//,
  "the OTLP encoder": /dist\/(esm|cjs|bundle)\/export\/otlp\/otlp-proto\.js$/,
  "the store's writing code": /dist\/(esm|cjs|bundle)\/store\/trace-file-writer\.js$/,
  "the OTLP delivery code": /dist\/(esm|cjs|bundle)\/export\/otlp\/(otlp-delivery|retrying-client|otlp-transport|delivery-queue|otlp-message|http-post|post-sync)\.js$/,
  "the MLflow delivery code": /dist\/(esm|cjs|bundle)\/export\/mlflow\/mlflow-delivery\.js$/,
};

/** What traced/runtime (the transformer's entry) never loads, even after traced calls. */
const NEVER_IN_RUNTIME: Record<string, RegExp> = {
  "@bufbuild/protobuf": LOADED_ON_USE["@bufbuild/protobuf"]!,
  re2js: /node_modules\/re2js\//,
  "the query modules": /dist\/(esm|cjs|bundle)\/query\//,
  "the tree view": /dist\/(esm|cjs|bundle)\/view\//,
  "the OTLP and MLflow exporters": /dist\/(esm|cjs|bundle)\/export\/(otlp|mlflow)\//,
  "the CLI and UI": /dist\/(esm|cjs|bundle)\/(cli|ui)\//,
};

/** The main entry's small query facades (getTraceStore's URI check, the module functions, parseFilter) are all it loads of the query code at import. */
const QUERY_FACADES = ["lazy-trace-store", "lazy-functions", "load-query", "store-location", "store-uri", "filter-parser", "filter-tokenizer", "filter-error", "not-found"];

/** What the main entry loads when getTraceStore's store or a module function is first used, not before. */
const MAIN_LOADS_ON_QUERY: Record<string, RegExp> = {
  re2js: NEVER_IN_RUNTIME.re2js!,
  "the query code": new RegExp(`dist/(esm|cjs|bundle)/query/(?!(${QUERY_FACADES.join("|")})\\.js$)`),
  "the store classes": /dist\/(esm|cjs|bundle)\/query\/(trace-store|local-trace-store|remote\/mlflow-server-store)\.js$/,
  "the SQLite driver layer": /dist\/(esm|cjs|bundle)\/store\/(sqlite-driver|database|schema)\.js$/,
};

/** At import it loads no store code either: the default destination's loads when the first trace ends. */
const NOT_AT_RUNTIME_IMPORT: Record<string, RegExp> = {
  ...LOADED_ON_USE,
  ...NEVER_IN_RUNTIME,
  "the SQLite driver layer": /dist\/(esm|cjs|bundle)\/store\/(sqlite-driver|database|schema)\.js$/,
};

const HOOK = `
let port;
export function initialize(data) {
  port = data.port;
  port.on("message", (marker) => port.postMessage({ marker }));
}
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  port.postMessage({ url: resolved.url });
  return resolved;
}
`;

/** The child's preamble: \`loaded()\` lists every module loaded so far. */
const ESM_LOADED = `
import { createRequire, register } from "node:module";
import { MessageChannel } from "node:worker_threads";
import { fileURLToPath } from "node:url";
const require = createRequire(import.meta.url);
const { port1, port2 } = new MessageChannel();
const seen = new Set();
const waiting = new Map();
port1.on("message", (m) => { if (m.url) seen.add(m.url.startsWith("file:") ? fileURLToPath(m.url) : m.url); else waiting.get(m.marker)?.(); });
port1.unref();
register(new URL("./hook.mjs", import.meta.url), { data: { port: port2 }, transferList: [port2] });
let markers = 0;
// Messages on the channel arrive in order: once the marker's echo is back, every URL sent before it is in.
// require.cache adds what was loaded with a require (better-sqlite3, a module loaded synchronously).
const loaded = () => new Promise((resolve) => { const marker = ++markers; waiting.set(marker, () => resolve([...seen, ...Object.keys(require.cache)])); port1.ref(); port1.postMessage(marker); }).finally(() => port1.unref());
`;
const CJS_LOADED = `const loaded = async () => Object.keys(require.cache);`;

/** The app: import, list, use (default store, searchTraces, OTLP export), list again. */
function app(kind: "esm" | "cjs", entry: "traced" | "traced/runtime", otlpUrl: string): string {
  const load = kind === "esm" ? `await import(${JSON.stringify(entry)})` : `require(${JSON.stringify(entry)})`;
  const use =
    entry === "traced"
      ? `
  const traced = api;
  const hello = traced.trace(function hello(name) { return "hello " + name; });
  results.value = hello("store");
  results.flushed = await traced.flushTraces();
  results.afterStore = await loaded();
  const store = traced.getTraceStore(process.env.TRACED_DB);
  results.storeUri = store.uri;
  results.afterGetStore = await loaded();
  results.storeFound = (await store.searchTraces()).traces.map((t) => t.spans[0].name);
  results.afterQuery = await loaded();
  results.found = (await traced.searchTraces()).traces.map((t) => t.spans[0].name);
  // A bad destination fails configure() itself, though the exporters' delivery code is not loaded yet.
  results.badDestinations = [{ otlp: { endpoint: "localhost:4318" } }, { mlflow: { trackingUri: "ftp://mlflow.example" } }].map((destination) => {
    try { traced.configure({ destination }); return "accepted"; } catch (error) { return error.name + ": " + error.message; }
  });
  traced.configure({ destination: { otlp: { endpoint: ${JSON.stringify(otlpUrl)} } } });
  results.otlpIsExporter = traced.getDestination()[0] instanceof traced.OtlpExporter;
  hello("otlp");
  results.otlpFlushed = await traced.flushTraces();
  results.afterOtlp = await loaded();
  results.otlpStats = traced.getDestination()[0].stats;
  const mlflow = traced.createMlflowExporter({ trackingUri: "http://127.0.0.1:1" });
  results.mlflowIsExporter = mlflow instanceof traced.MlflowExporter;
  results.mlflowStatsBefore = mlflow.stats;
  await mlflow.shutdown();
  results.afterMlflow = await loaded();
  await traced.closeTraceStores();`
      : `
  const site = api.defineSite({ name: "tagged", parameterNames: ["x"] });
  results.value = api.invoke(site, [1], () => 2);
  // The trace goes to the default store by itself (this entry has no flushTraces): wait for its file.
  const { existsSync } = require("node:fs");
  for (let i = 0; i < 200 && !existsSync(process.env.TRACED_DB); i++) await new Promise((r) => setTimeout(r, 25));
  results.stored = existsSync(process.env.TRACED_DB);
  results.afterCall = await loaded();`;
  return `${kind === "esm" ? ESM_LOADED : CJS_LOADED}
(async () => {
  const results = {};
  const api = ${load};
  results.imported = await loaded();
  ${use}
  console.log(JSON.stringify(results));
})();
`;
}

function run(file: string, cwd: string, env: Record<string, string>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${file} exited with ${code}\n${err}`));
      resolve(out.trim() === "" ? {} : (JSON.parse(out.trim().split("\n").at(-1)!) as Record<string, unknown>));
    });
  });
}

/**
 * The ESM build is bundled (dist/bundle: one file per entry, shared chunks): a loaded file
 * stands for the source modules its source map lists, named as tsc's files would be.
 */
function sourceModules(files: string[]): string[] {
  const bundle = join(root, "dist/bundle");
  return files.flatMap((file) => {
    if (!file.startsWith(bundle + "/") || !existsSync(`${file}.map`)) return [file];
    const { sources } = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[] };
    return sources.map((source) => join(bundle, relative(join(root, "src"), resolve(dirname(file), source)).replace(/\.ts$/, ".js")));
  });
}

const found = (modules: unknown, patterns: Record<string, RegExp>): string[] => {
  const loaded = sourceModules(modules as string[]);
  return Object.entries(patterns)
    .filter(([, pattern]) => loaded.some((m) => pattern.test(m)))
    .map(([what]) => what);
};

let dir: string;
let receiver: OtlpReceiver;

beforeAll(async () => {
  // Inside the repo, so "traced" resolves to the built package by its own name.
  mkdirSync(join(root, ".tmp"), { recursive: true });
  dir = mkdtempSync(join(root, ".tmp", "light-import-"));
  writeFileSync(join(dir, "hook.mjs"), HOOK);
  receiver = await OtlpReceiver.start();
});

afterAll(async () => {
  await closeTraceStores();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(["esm", "cjs"] as const)("the main entry (%s)", (kind) => {
  it("loads no encoder, store writer or SQLite driver at import, and each loads on first use and works", async () => {
    const file = join(dir, `main-${kind}.${kind === "esm" ? "mjs" : "cjs"}`);
    writeFileSync(file, app(kind, "traced", receiver.url));
    const before = receiver.requests.length;
    const results = await run(file, dir, { TRACED_DB: join(dir, `${kind}.db`) });
    // The listing sees the modules by name (through the bundle's source maps for ESM): the capture path is there.
    expect(found(results.imported, { "trace()": /dist\/(esm|cjs|bundle)\/capture\/trace\.js$/, "the OTLP exporter's options": /dist\/(esm|cjs|bundle)\/export\/otlp\/otlp-settings\.js$/ })).toEqual(["trace()", "the OTLP exporter's options"]);
    expect((results.imported as string[]).some((file) => file.includes(kind === "esm" ? "/dist/bundle/" : "/dist/cjs/"))).toBe(true);
    expect(found(results.imported, LOADED_ON_USE)).toEqual([]);
    expect(found(results.imported, MAIN_LOADS_ON_QUERY)).toEqual([]);
    // The default store's writing code loads once the first trace ends; the network exporters' code only when one is created.
    expect(found(results.afterStore, LOADED_ON_USE)).not.toContain("the OTLP delivery code");
    expect(found(results.afterQuery, LOADED_ON_USE)).not.toContain("the MLflow delivery code");
    expect(results.value).toBe("hello store");
    expect(results.flushed).toBe(true);
    expect(found(results.afterStore, LOADED_ON_USE)).toContain("the store's writing code");
    // The store's file is written, yet getTraceStore loads no store until its first call.
    expect(found(results.afterStore, { "the query code": MAIN_LOADS_ON_QUERY["the query code"]!, re2js: MAIN_LOADS_ON_QUERY.re2js! })).toEqual([]);
    expect(results.storeUri).toBe(join(dir, `${kind}.db`));
    expect(found(results.afterGetStore, MAIN_LOADS_ON_QUERY)).not.toContain("the query code");
    expect(results.storeFound).toEqual(["hello"]);
    expect(found(results.afterQuery, MAIN_LOADS_ON_QUERY)).toEqual(expect.arrayContaining(["the query code", "the store classes", "the SQLite driver layer"]));
    expect(results.found).toEqual(["hello"]);
    expect(results.otlpFlushed).toBe(true);
    expect(found(results.afterOtlp, LOADED_ON_USE)).toEqual(expect.arrayContaining(["the OTLP encoder", "@bufbuild/protobuf", "the OTLP delivery code"]));
    expect(found(results.afterOtlp, LOADED_ON_USE)).not.toContain("the MLflow delivery code");
    expect(results.badDestinations).toEqual([
      'TracedUsageError: createOtlpExporter: "endpoint" must be an http:// or https:// URL, got "localhost:4318"',
      'TracedUsageError: createMlflowExporter: "trackingUri" must be an http:// or https:// URL, got "ftp://mlflow.example"',
    ]);
    expect(results.otlpIsExporter).toBe(true);
    expect(results.otlpStats).toMatchObject({ exportedSpans: 1, exportedTraces: 1, droppedSpans: 0 });
    expect(results.mlflowIsExporter).toBe(true);
    expect(results.mlflowStatsBefore).toEqual({
      exportedSpans: 0,
      exportedTraces: 0,
      droppedSpans: 0,
      droppedTraces: 0,
      retries: 0,
      bufferedBytes: 0,
      peakBufferedBytes: 0,
      incompleteTraces: 0,
      undeliveredChanges: 0,
    });
    expect(found(results.afterMlflow, LOADED_ON_USE)).toContain("the MLflow delivery code");
    const spans = receiver.requests.slice(before).flatMap((r) => r.spans);
    expect(spans.map((s) => s.name)).toEqual(["hello"]);
  });
});

describe.each(["esm", "cjs"] as const)("traced/store (%s)", (kind) => {
  it("exports the store classes, which read what the main entry wrote", async () => {
    const file = join(dir, `store-${kind}.${kind === "esm" ? "mjs" : "cjs"}`);
    const db = join(dir, `store-entry-${kind}.db`);
    const [main, store] = kind === "esm" ? [`await import("traced")`, `await import("traced/store")`] : [`require("traced")`, `require("traced/store")`];
    writeFileSync(
      file,
      `(async () => {
  const traced = ${main};
  traced.trace(function kept() { return 1; })();
  await traced.flushTraces();
  const { SqliteTraceStore, LocalTraceStore, MlflowServerStore, MlflowServerError } = ${store};
  const local = new LocalTraceStore(process.env.TRACED_DB);
  const names = (await local.searchTraces()).traces.map((t) => t.spans[0].name);
  await local.close();
  const file = SqliteTraceStore.open(process.env.TRACED_DB);
  const count = file.searchTraces().traces.length;
  file.close();
  const server = new MlflowServerStore({ trackingUri: "http://127.0.0.1:1" });
  await server.close();
  await traced.closeTraceStores();
  console.log(JSON.stringify({ names, count, serverUri: server.uri, errorName: new MlflowServerError("x").name }));
})();
`,
    );
    const results = await run(file, dir, { TRACED_DB: db });
    expect(results).toEqual({ names: ["kept"], count: 1, serverUri: "http://127.0.0.1:1", errorName: "MlflowServerError" });
  });
});

describe.each(["esm", "cjs"] as const)("process.exit() right after the first trace (%s)", (kind) => {
  it("still writes it to the default store: the store's code, not loaded yet, loads synchronously", async () => {
    const file = join(dir, `exit-${kind}.${kind === "esm" ? "mjs" : "cjs"}`);
    const load = kind === "esm" ? `await import("traced")` : `require("traced")`;
    writeFileSync(file, `(async () => { const { trace } = ${load}; trace(function atExit() { return 1; })(); process.exit(0); })();\n`);
    const db = join(dir, `exit-${kind}.db`);
    await run(file, dir, { TRACED_DB: db });
    const { traces } = await getTraceStore(db).searchTraces();
    expect(traces.map((t) => t.spans[0]!.name)).toEqual(["atExit"]);
  });
});

describe.each(["esm", "cjs"] as const)("traced/runtime (%s)", (kind) => {
  it("loads only the capture path, and after its first traced call only the default store's code", async () => {
    const file = join(dir, `runtime-${kind}.${kind === "esm" ? "mjs" : "cjs"}`);
    writeFileSync(file, app(kind, "traced/runtime", receiver.url));
    const results = await run(file, dir, { TRACED_DB: join(dir, `runtime-${kind}.db`) });
    expect(results.value).toBe(2);
    expect(results.stored).toBe(true);
    expect(found(results.imported, NOT_AT_RUNTIME_IMPORT)).toEqual([]);
    expect(found(results.afterCall, NEVER_IN_RUNTIME)).toEqual([]);
    expect(found(results.afterCall, LOADED_ON_USE)).toContain("the store's writing code");
  });
});

describe("bundling (package.json sideEffects)", () => {
  it("esbuild keeps the default destination and the polyfill of an app that imports only trace, and drops the rest", async () => {
    const entry = join(dir, "bundle-app.mjs");
    writeFileSync(entry, `import { trace } from "traced";\nconsole.log(trace(function f() { return 1; })());\n`);
    const result = await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", write: false, absWorkingDir: dir, logLevel: "silent" });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain("setDefaultDestination(");
    expect(code).toContain('Symbol.for("nodejs.dispose")');
    for (const dropped of ["class MlflowServerStore", "function renderTraceTree", "class MlflowExporter", "function getTraceStore", "class InMemoryExporter"]) {
      expect(code, dropped).not.toContain(dropped);
    }
  });
});
