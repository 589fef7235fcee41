/**
 * ts-patch 4 (TypeScript 6 only; needs Node ≥ 22.15 for `module.registerHooks`), run where it
 * runs: its `tspc` under the Node 22 binary of test/toolchains, with that folder's TypeScript 6.
 * It builds the fixture project (`{ "transform": "traced/transformer" }`, resolved through
 * node_modules/traced to this repository's compiled transformer/dist) and samples/tagged-app
 * (the transformer by path); the output runs under Node 22 and records exactly the spans the
 * ts-patch 3.3 builds record.
 */
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureToolchains, toolchain } from "../support/toolchains.js";
import { ensureTransformerBuilt, root } from "./support/build-transformer.js";
import { linkTraced } from "./support/compile-project.js";
import { badTagDiagnostic, expectedProjectSpans, projectDir, selfTest, untaggedFiles } from "./support/project-fixture.js";
import { expectTaggedAppRun, taggedAppDb } from "./support/tagged-app.js";

// A copy of the fixture project, so this file never races project.test.ts over its out/ and
// node_modules/traced link.
const project = join(root, ".tmp/ts-patch-4/project");
const out = (name: string) => join(project, "out", name);

function node22(cwd: string, ...args: string[]) {
  const result = spawnSync(toolchain.node22, args, { cwd, encoding: "utf8", env: { ...process.env, TSP_COMPILER_TS_PATH: toolchain.typescript } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

const tspc = (cwd: string, ...args: string[]) => node22(cwd, toolchain.tspc, ...args);

beforeAll(() => {
  ensureToolchains();
  ensureTransformerBuilt();
  rmSync(join(root, ".tmp/ts-patch-4"), { recursive: true, force: true });
  cpSync(projectDir, project, { recursive: true, filter: (source) => !/[\\/](out|node_modules)$/.test(source) });
  linkTraced(project);
}, 600_000);

describe("ts-patch 4 under Node 22", () => {
  it("is ts-patch 4 running the toolchain's TypeScript 6 on Node 22", () => {
    const tsPatch = JSON.parse(readFileSync(join(toolchain.tspc, "../../package.json"), "utf8")).version as string;
    const typescript = JSON.parse(readFileSync(join(toolchain.typescript, "package.json"), "utf8")).version as string;
    expect(tsPatch).toMatch(/^4\./);
    expect(typescript).toMatch(/^6\./);
    expect(node22(project, "-p", "process.versions.node").stdout).toMatch(/^22\./);
    expect(tspc(project, "--version")).toMatchObject({ status: 0, output: `Version ${typescript}\n` });
  });

  describe("the fixture project", () => {
    beforeAll(() => {
      const traced = tspc(project, "-p", "tsconfig.json", "--outDir", out("traced"));
      expect(traced.output).toBe("");
      expect(traced.status).toBe(0);
      const plain = node22(project, join(toolchain.typescript, "bin/tsc"), "-p", "tsconfig.plain.json", "--outDir", out("plain"));
      expect(plain.output).toBe("");
      expect(plain.status).toBe(0);
    });

    it("passes its own self test and records the tagged calls as spans, as the ts-patch 3.3 build does", () => {
      expect(selfTest(project, out("plain"), toolchain.node22)).toEqual({ failures: [], spans: [] });
      expect(selfTest(project, out("traced"), toolchain.node22)).toEqual({ failures: [], spans: expectedProjectSpans });
    });

    it("emits untagged files byte for byte as plain tsc, with the same source maps", () => {
      for (const file of untaggedFiles) {
        expect(readFileSync(join(out("traced"), file), "utf8"), file).toBe(readFileSync(join(out("plain"), file), "utf8"));
      }
      expect(readFileSync(join(out("traced"), "format.js"), "utf8")).toContain('import * as __traced from "traced/runtime";');
    });

    it("fails the build on a bad tag, with the diagnostic at the tag", () => {
      const result = tspc(project, "-p", "tsconfig.bad.json", "--outDir", out("bad"));
      expect(result.status).toBe(2);
      expect(result.stdout).toContain(badTagDiagnostic);
    });
  });

  // Built by ts-patch 4 under Node 22; run by the Node of the root's better-sqlite3, since the
  // tag-only app writes its trace to the store.
  it("builds samples/tagged-app, whose run stores the traced tree", () => {
    const outDir = join(root, ".tmp/ts-patch-4/tagged-app");
    const build = tspc(root, "-p", "samples/tagged-app/tsconfig.json", "--outDir", outDir);
    expect(build.output).toBe("");
    expect(build.status).toBe(0);
    const db = taggedAppDb();
    const run = spawnSync(process.execPath, [join(outDir, "app.js")], { cwd: root, encoding: "utf8", env: { ...process.env, TRACED_DB: db } });
    expectTaggedAppRun(run, db);
  });
});
