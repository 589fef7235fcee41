/**
 * `traced/otel` as an app loads it, in child processes against the built package:
 * - its entry resolves from both the ESM and the CommonJS build, and with a real OTel SDK
 *   registered, spans of both libraries (and of both builds) nest into one trace;
 * - the core entry needs no OpenTelemetry: an app where `@opentelemetry/api` cannot be
 *   resolved (a directory outside the repo) traces as usual, and only `traced/otel` fails.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** An app directory under `parent` with the built package installed as `node_modules/traced`. */
function appWithPackage(parent: string): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, "otel-"));
  made.push(dir);
  const target = join(dir, "node_modules", "traced");
  mkdirSync(target, { recursive: true });
  cpSync(join(root, "dist"), join(target, "dist"), { recursive: true });
  cpSync(join(root, "package.json"), join(target, "package.json"));
  return dir;
}

function runApp(dir: string, source: string): Record<string, unknown> {
  writeFileSync(join(dir, "app.mjs"), source);
  const output = execFileSync(process.execPath, [join(dir, "app.mjs")], { cwd: dir, encoding: "utf8" });
  return JSON.parse(output.trim().split("\n").at(-1)!) as Record<string, unknown>;
}

const INTEROP_APP = `
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { context, trace: otelTrace } = await import("@opentelemetry/api");
const { AsyncLocalStorageContextManager } = await import("@opentelemetry/context-async-hooks");
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import("@opentelemetry/sdk-trace-base");
const esm = await import("traced");
const cjs = require("traced");
const otelEsm = await import("traced/otel");
const otelCjs = require("traced/otel");
const results = {};
results.bothBuilds = [otelEsm, otelCjs].every((entry) => typeof entry.enableOpenTelemetryBridge === "function" && typeof entry.OpenTelemetrySpanProcessorExporter === "function") && otelEsm.enableOpenTelemetryBridge !== otelCjs.enableOpenTelemetryBridge;

const spans = new InMemorySpanExporter();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
otelTrace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
const tracer = otelTrace.getTracer("app");
const exporter = new esm.InMemoryExporter();
esm.setDestination(exporter);
otelCjs.enableOpenTelemetryBridge(); // the CommonJS bridge serves the ESM core too: one process-wide state
results.enabledInBoth = otelEsm.isOpenTelemetryBridgeEnabled();

const otelSpan = (name, fn) => tracer.startActiveSpan(name, async (span) => { try { return await fn(); } finally { span.end(); } });
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
const leaf = cjs.trace(async function leaf() { await tick(); return "ok"; });
const agent = esm.trace(async function agent() { await tick(); return otelSpan("tool", () => leaf()); });
results.value = await otelSpan("request", () => agent());
await esm.flushTraces();

const otelSpans = Object.fromEntries(spans.getFinishedSpans().map((s) => [s.name, s]));
const [t] = exporter.traces;
const ids = (name) => otelSpans[name].spanContext();
results.traceCount = exporter.traces.length;
results.sameTrace = t.info.traceId === "tr-" + ids("request").traceId && ids("tool").traceId === ids("request").traceId;
results.parents = {
  agent: t.spans[0].parentId === ids("request").spanId,
  tool: otelSpans.tool.parentSpanContext.spanId === t.spans[0].spanId,
  leaf: t.spans[1].parentId === ids("tool").spanId,
};
console.log(JSON.stringify(results));
`;

const WITHOUT_OTEL_APP = `
const results = {};
try { await import("@opentelemetry/api"); results.otelApi = "resolvable"; } catch (error) { results.otelApi = error.code; }
const { trace, InMemoryExporter, setDestination, flushTraces } = await import("traced");
const exporter = new InMemoryExporter();
setDestination(exporter);
const inner = trace(async function inner(x) { await new Promise((r) => setTimeout(r, 1)); return x * 2; });
const outer = trace(async function outer(x) { return inner(x); });
results.value = await outer(21);
await flushTraces();
const [t] = exporter.traces;
results.names = t.spans.map((s) => s.name);
results.parents = t.spans.map((s) => t.spans.findIndex((p) => p.spanId === s.parentId));
try { await import("traced/otel"); results.otelEntry = "loaded"; } catch (error) { results.otelEntry = error.code; }
console.log(JSON.stringify(results));
`;

describe("traced/otel from the built package", () => {
  it("resolves from the ESM and the CommonJS build and nests spans of both libraries into one trace", () => {
    // Inside the repo, so @opentelemetry/* resolve from its node_modules as an app's own would.
    const dir = appWithPackage(join(root, ".tmp"));
    expect(runApp(dir, INTEROP_APP)).toEqual({
      bothBuilds: true,
      enabledInBoth: true,
      value: "ok",
      traceCount: 1,
      sameTrace: true,
      parents: { agent: true, tool: true, leaf: true },
    });
  });

  it("the core entry works where @opentelemetry/api cannot be resolved", () => {
    // Outside the repo: only traced's own dependencies are linked in (and the SQLite driver a
    // Node 20 app installs beside it), no @opentelemetry/*.
    const dir = appWithPackage(tmpdir());
    for (const name of [...Object.keys(manifest.dependencies), "better-sqlite3"]) {
      const source = join(root, "node_modules", name);
      if (!existsSync(source)) continue;
      mkdirSync(join(dir, "node_modules", name, ".."), { recursive: true });
      symlinkSync(source, join(dir, "node_modules", name), "dir");
    }
    expect(runApp(dir, WITHOUT_OTEL_APP)).toEqual({
      otelApi: "ERR_MODULE_NOT_FOUND",
      value: 42,
      names: ["outer", "inner"],
      parents: [-1, 0],
      otelEntry: "ERR_MODULE_NOT_FOUND",
    });
  });
});
