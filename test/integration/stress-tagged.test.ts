/**
 * The stress test of a tag-only library: a generated project (stress-tagged-project.ts) of
 * over 300 tagged functions of every kind, built with `tspc` — ts-patch 3 on TypeScript 6
 * and 5.9, ts-patch 4 on TypeScript 6 under Node 22 — and with plain `tsc`. Its own test file
 * (node:test) passes against every build; the traced builds' runs write to the default store,
 * where every site shows up under the name a reader gives it, as many times as it was called,
 * with its inputs named, and with no span made by traced itself (a capture's toJSON, traced's
 * look at a thenable).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Span, Trace } from "../../src/index.js";
import { openTraceDatabase, TraceReader } from "../../src/store/index.js";
import { ensureToolchains, toolchain } from "../support/toolchains.js";
import { ensureTransformerBuilt, root } from "../transformer/support/build-transformer.js";
import { linkTraced } from "../transformer/support/compile-project.js";
import { generateStressProject, type StressProject } from "./stress-tagged-project.js";

const MODULES = 10;

type Build = "tspc-ts6" | "tspc-ts5.9" | "tspc4-ts6";
const BUILDS: Build[] = ["tspc-ts6", "tspc-ts5.9", "tspc4-ts6"];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, MLFLOW_TRACKING_URI: "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

let project: StressProject;
const out = (name: string) => join(project.dir, "out", name);
const runs = new Map<string, { test: Run; traces: Trace[] }>();

function tsconfig(plugins: boolean): string {
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      skipLibCheck: true,
      sourceMap: true,
      rootDir: "src",
      // The project lives in a temp dir: its Node types come from this repository.
      typeRoots: [join(root, "node_modules/@types")],
      types: ["node"],
      ...(plugins ? { plugins: [{ transform: "traced/transformer" }] } : {}),
    },
    include: ["src"],
  });
}

function build(which: Build | "plain"): Promise<Run> {
  const args = ["-p", which === "plain" ? "tsconfig.plain.json" : "tsconfig.json", "--outDir", out(which)];
  const tspc3 = join(root, "node_modules/ts-patch/bin/tspc.js");
  switch (which) {
    case "plain":
      return run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), ...args], project.dir);
    case "tspc-ts6":
      return run(process.execPath, [tspc3, ...args], project.dir, { TSP_COMPILER_TS_PATH: join(root, "node_modules/typescript") });
    case "tspc-ts5.9":
      return run(process.execPath, [tspc3, ...args], project.dir, { TSP_COMPILER_TS_PATH: join(root, "node_modules/typescript-5.9") });
    case "tspc4-ts6":
      return run(toolchain.node22, [toolchain.tspc, ...args], project.dir, { TSP_COMPILER_TS_PATH: toolchain.typescript });
  }
}

function storedTraces(path: string): Trace[] {
  if (!existsSync(path)) return [];
  const db = openTraceDatabase(path);
  try {
    const reader = new TraceReader(db);
    const ids = (db.prepare("SELECT trace_id FROM traces").all() as { trace_id: string }[]).map((r) => r.trace_id);
    return ids.map((id) => reader.trace(id)!);
  } finally {
    db.close();
  }
}

/** Runs the build's own test file with node:test; its traces go to a fresh default store. */
async function ownTest(which: Build | "plain"): Promise<{ test: Run; traces: Trace[] }> {
  const db = join(project.dir, `${which}.db`);
  // Span names as the app gave them (no `_1` numbering), so they can be counted by name.
  const test = await run(process.execPath, ["--test", join(out(which), "own.test.js")], project.dir, { TRACED_DB: db, TRACED_DEDUPE_SPAN_NAMES: "false" });
  return { test, traces: storedTraces(db) };
}

beforeAll(async () => {
  ensureTransformerBuilt();
  ensureToolchains();
  project = generateStressProject(mkdtempSync(join(tmpdir(), "traced-stress-")), MODULES);
  writeFileSync(join(project.dir, "tsconfig.json"), tsconfig(true));
  writeFileSync(join(project.dir, "tsconfig.plain.json"), tsconfig(false));
  linkTraced(project.dir);
  // Two at a time: the machine's two cores.
  const all: (Build | "plain")[] = ["plain", ...BUILDS];
  for (let i = 0; i < all.length; i += 2) {
    const pair = all.slice(i, i + 2);
    const results = await Promise.all(pair.map(build));
    pair.forEach((which, j) => {
      expect(results[j]!.stdout + results[j]!.stderr, `${which} build`).toBe("");
      expect(results[j]!.status, `${which} build`).toBe(0);
    });
  }
  for (let i = 0; i < all.length; i += 2) {
    const pair = all.slice(i, i + 2);
    const results = await Promise.all(pair.map(ownTest));
    pair.forEach((which, j) => runs.set(which, results[j]!));
  }
}, 240_000);

afterAll(() => {
  if (project) rmSync(project.dir, { recursive: true, force: true });
});

const allSpans = (traces: Trace[]): Span[] => traces.flatMap((trace) => trace.spans);

function countByName(names: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

describe("a generated library of tagged functions", () => {
  it("has over 300 tagged functions", () => {
    expect(project.sites.length).toBeGreaterThanOrEqual(300);
    const sources = readFileSync(join(project.dir, "src/module0.ts"), "utf8") + readFileSync(join(project.dir, "src/main.ts"), "utf8");
    expect(sources.match(/@traced/g)!.length * MODULES).toBeGreaterThanOrEqual(300);
  });

  it("passes its own test file without the transformer, and records nothing", () => {
    const plain = runs.get("plain")!;
    expect(plain.test.stderr).toBe("");
    expect(plain.test.status).toBe(0);
    expect(plain.test.stdout).toMatch(new RegExp(`# pass ${MODULES + 1}\\b`));
    expect(plain.traces).toEqual([]);
    expect(readFileSync(join(out("plain"), "module0.js"), "utf8")).not.toContain("traced/runtime");
  });

  describe.each(BUILDS)("built with %s", (which) => {
    it("passes its own test file, and emits the untagged test file as plain tsc does", () => {
      const { test } = runs.get(which)!;
      expect(test.stderr).toBe("");
      expect(test.status).toBe(0);
      expect(test.stdout).toMatch(new RegExp(`# pass ${MODULES + 1}\\b`));
      expect(test.stdout).toMatch(/# fail 0\b/);
      expect(readFileSync(join(out(which), "own.test.js"), "utf8")).toBe(readFileSync(join(out("plain"), "own.test.js"), "utf8"));
      expect(readFileSync(join(out(which), "module0.js"), "utf8")).toContain('import * as __traced from "traced/runtime";');
    });

    it("records every site under the name a reader gives it, once per call", () => {
      const spans = allSpans(runs.get(which)!.traces);
      const expected: Record<string, number> = {};
      for (const site of project.sites) expected[site.name] = (expected[site.name] ?? 0) + site.calls;
      expect(countByName(spans.map((span) => span.name))).toEqual(expected);
      expect(spans.length).toBe(project.sites.reduce((sum, site) => sum + site.calls, 0));
      expect(spans.some((span) => span.name === "anonymous")).toBe(false);
      for (const span of spans) expect(span.endTimeNs, span.name).not.toBeNull();
    });

    it("records no span of its own making: captures run toJSON untraced, and its look at a thenable records no then", () => {
      const counts = countByName(allSpans(runs.get(which)!.traces).map((span) => span.name));
      // Per module: the app's s.toJSON() and JSON.stringify(s); one `await` of a Deferred.
      expect(counts["toJSON"]).toBe(2 * MODULES);
      expect(counts["then"]).toBe(MODULES);
    });

    it("names every input as the parameters are named", () => {
      const inputsByName = new Map(project.sites.map((site) => [site.name, site.inputs]));
      for (const span of allSpans(runs.get(which)!.traces)) {
        expect(Object.keys((span.inputs ?? {}) as object), span.name).toEqual(inputsByName.get(span.name));
      }
    });

    it("captures large graphs within the budget, callbacks by name, toJSON's form, and a thenable's value", () => {
      const spans = allSpans(runs.get(which)!.traces);
      const first = (name: string) => spans.find((span) => span.name === name)!;
      const summarized = first("summarize0").inputs as { graph: { nodes: unknown[] }; index: Record<string, unknown> };
      expect(JSON.stringify(summarized.graph)).toMatch(/truncated|max nodes/);
      expect(summarized.graph.nodes.length).toBeLessThan(1_000);
      expect(summarized.index["…"]).toMatch(/^\[truncated \d+ keys\]$/);
      expect((first("match0").inputs as { handlers: unknown }).handlers).toEqual({ Ok: "[Function Ok]", Err: "[Function Err]" });
      expect(first("inspect0").inputs).toEqual({ shape: { kind: "shape", side: 3 } });
      expect(first("load0").outputs).toBe(50);
      expect(first("Square0.tagged").outputs).toBe("square-0:4");
    });

    it("nests super calls, generators and methods under their callers", () => {
      const { traces } = runs.get(which)!;
      const tree = (trace: Trace) => trace.spans.map((span) => `${span.name}<${trace.spans.find((p) => p.spanId === span.parentId)?.name ?? ""}`).sort();
      const shapes = traces.map(tree).map((t) => t.join(" "));
      expect(shapes).toContain("Square0.tagged< area<Square0.tagged");
      expect(shapes).toContain("area< area<area");
      expect(shapes).toContain("corners< corners<corners");
      expect(shapes).toContain("area<scaled scaled<");
    });
  });
});
