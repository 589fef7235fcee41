/**
 * The dual-package hazard: an app that loads traced's ESM build, its CommonJS build and a
 * second copy of the package must still have one context, one configuration and one
 * export queue. Runs in a child process against the built package, as an app would.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

const APP = `
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const esm = await import("traced");
const cjs = require("traced");
const copy = await import("traced-copy");
const results = {};
results.distinctModules = esm.trace !== cjs.trace && cjs.trace !== copy.trace;

const exporter = new esm.InMemoryExporter();
esm.setDestination(exporter);
cjs.configure({ maxCaptureChars: 5000 });
results.configShared = copy.getDestination()[0] === exporter;

// Spans from three copies nest into one trace.
const leaf = copy.trace(function leaf(x) { return x + 1; });
const middle = cjs.trace(async function middle(x) { await new Promise((r) => setTimeout(r, 1)); return leaf(x); });
const outer = esm.trace(async function outer(x) { return middle(x); });
results.value = await outer(1);
cjs.disable();
results.disabledEverywhere = !esm.isEnabled() && !copy.isEnabled();
esm.enable();
try { copy.trace(42); } catch (error) { results.crossCopyError = error instanceof esm.TracedUsageError; }
await esm.flushTraces();
const [trace] = exporter.traces;
results.traceCount = exporter.traces.length;
results.names = trace.spans.map((s) => s.name);
results.parents = trace.spans.map((s) => trace.spans.findIndex((p) => p.spanId === s.parentId));
console.log(JSON.stringify(results));
`;

describe("one state per process", () => {
  it("shares context and configuration across the ESM build, the CJS build and a second copy", () => {
    // Inside the repo so the copies' own dependencies (better-sqlite3) resolve from its node_modules.
    mkdirSync(join(root, ".tmp"), { recursive: true });
    const dir = mkdtempSync(join(root, ".tmp", "dual-"));
    const modules = join(dir, "node_modules");
    mkdirSync(modules);
    for (const name of ["traced", "traced-copy"]) {
      const target = join(modules, name);
      mkdirSync(target);
      cpSync(join(root, "dist"), join(target, "dist"), { recursive: true });
      const manifest = { ...(JSON.parse(execFileSync("cat", [join(root, "package.json")], { encoding: "utf8" })) as Record<string, unknown>), name };
      writeFileSync(join(target, "package.json"), JSON.stringify(manifest));
    }
    writeFileSync(join(dir, "app.mjs"), APP);
    const output = execFileSync(process.execPath, [join(dir, "app.mjs")], { cwd: dir, encoding: "utf8" });
    const results = JSON.parse(output.trim().split("\n").at(-1)!);
    expect(results).toEqual({
      distinctModules: true,
      configShared: true,
      value: 2,
      disabledEverywhere: true,
      crossCopyError: true,
      traceCount: 1,
      names: ["outer", "middle", "leaf"],
      parents: [-1, 0, 1],
    });
  });
});
