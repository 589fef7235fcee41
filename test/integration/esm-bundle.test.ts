/**
 * The ESM build as apps load it (dist/bundle, made by build/bundle-esm.mjs from tsc's
 * dist/esm): every `import` condition of package.json points into it, each module loaded on
 * first use keeps a file of its own there, and its source maps lead a stack trace back to the
 * line of src/ that threw.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Record<string, { import?: { default: string } } | string> };

let dir: string;

beforeAll(() => {
  // Inside the repo, so "traced" resolves to the built package by its own name.
  mkdirSync(join(root, ".tmp"), { recursive: true });
  dir = mkdtempSync(join(root, ".tmp", "esm-bundle-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The src line that holds `text` (1-based), for what a stack frame must show. */
function lineOf(file: string, text: string): number {
  return readFileSync(join(root, file), "utf8").split("\n").findIndex((line) => line.includes(text)) + 1;
}

describe("dist/bundle", () => {
  it("holds every ESM entry of package.json, and each module traced loads on first use as a file of its own", () => {
    const entries = Object.values(manifest.exports).flatMap((target) => (typeof target === "object" && target.import ? [target.import.default] : []));
    const bundled = entries.filter((entry) => entry.startsWith("./dist/bundle/"));
    // The transformer is the only ESM entry built elsewhere.
    expect(entries.filter((entry) => !bundled.includes(entry))).toEqual(["./transformer/dist/index.mjs"]);
    for (const entry of bundled) expect(existsSync(join(root, entry)), entry).toBe(true);
    for (const lazy of ["export/otlp/otlp-delivery.js", "export/mlflow/mlflow-delivery.js", "export/otlp/otlp-proto.js", "store/trace-file-writer.js", "query/query-impl.js"]) {
      expect(existsSync(join(root, "dist/bundle", lazy)), lazy).toBe(true);
    }
  });

  it("maps a stack trace through its source maps to the line of src/ that threw", () => {
    const app = join(dir, "bad-endpoint.mjs");
    writeFileSync(
      app,
      `import { configure } from "traced";
try { configure({ destination: { otlp: { endpoint: "localhost:4318" } } }); } catch (error) { console.log(error.stack); }
`,
    );
    const child = spawnSync(process.execPath, ["--enable-source-maps", app], { cwd: dir, encoding: "utf8" });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toContain('TracedUsageError: createOtlpExporter: "endpoint" must be an http:// or https:// URL, got "localhost:4318"');
    const thrownAt = lineOf("src/export/otlp/otlp-settings.ts", "must be an http:// or https:// URL");
    expect(child.stdout).toMatch(new RegExp(`src/export/otlp/otlp-settings\\.ts:${thrownAt}:\\d+`));
    expect(child.stdout).toMatch(/src\/configure\.ts:\d+:\d+/);
    expect(child.stdout).not.toMatch(/dist\/bundle\//);
  });
});
