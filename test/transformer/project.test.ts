/**
 * A real multi-file project (test/transformer/project) built with `tspc` (ts-patch 3.3) under
 * TypeScript 6 and 5.9, and with plain `tsc`: its own self test passes in every build, the
 * traced builds record the expected spans, untagged files are emitted byte for byte as plain
 * tsc emits them, and a bad tag fails the build with a diagnostic at the tag.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTransformerBuilt, root } from "./support/build-transformer.js";
import { linkTraced } from "./support/compile-project.js";
import { badTagDiagnostic, expectedProjectSpans, projectDir as project, selfTest as runSelfTest, untaggedFiles } from "./support/project-fixture.js";

const typescriptDirs = { "6": join(root, "node_modules/typescript"), "5.9": join(root, "node_modules/typescript-5.9") } as const;
type Version = keyof typeof typescriptDirs;

function run(command: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, command, { cwd: project, env: { ...process.env, ...env }, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `tspc` with the given TypeScript (ts-patch patches it in memory; TSP_COMPILER_TS_PATH picks it). */
function tspc(version: Version, ...args: string[]) {
  return run([join(root, "node_modules/ts-patch/bin/tspc.js"), ...args], { TSP_COMPILER_TS_PATH: typescriptDirs[version] });
}

function tsc(version: Version, ...args: string[]) {
  return run([join(typescriptDirs[version], "bin/tsc"), ...args]);
}

const selfTest = (outDir: string) => runSelfTest(project, outDir);

const out = (name: string) => join(project, "out", name);

beforeAll(() => {
  ensureTransformerBuilt();
  linkTraced(project);
  rmSync(join(project, "out"), { recursive: true, force: true });
});

describe.each(Object.keys(typescriptDirs) as Version[])("TypeScript %s", (version) => {
  beforeAll(() => {
    const traced = tspc(version, "-p", "tsconfig.json", "--outDir", out(`traced-${version}`));
    expect(traced.stdout + traced.stderr).toBe("");
    expect(traced.status).toBe(0);
    const plain = tsc(version, "-p", "tsconfig.plain.json", "--outDir", out(`plain-${version}`));
    expect(plain.stdout + plain.stderr).toBe("");
    expect(plain.status).toBe(0);
  });

  it("passes its own self test the same with and without the transformer", () => {
    expect(selfTest(out(`plain-${version}`))).toEqual({ failures: [], spans: [] });
    const { failures } = selfTest(out(`traced-${version}`));
    expect(failures).toEqual([]);
  });

  it("records the tagged calls as spans, nested through super calls", () => {
    const { spans } = selfTest(out(`traced-${version}`));
    expect(spans).toEqual(expectedProjectSpans);
  });

  it("emits untagged files byte for byte as plain tsc, with the same source maps", () => {
    for (const file of untaggedFiles) {
      expect(readFileSync(join(out(`traced-${version}`), file), "utf8"), file).toBe(readFileSync(join(out(`plain-${version}`), file), "utf8"));
    }
    expect(readFileSync(join(out(`traced-${version}`), "format.js"), "utf8")).toContain('import * as __traced from "traced/runtime";');
  });

  it("fails the build on a bad tag, with the diagnostic at the tag", () => {
    const result = tspc(version, "-p", "tsconfig.bad.json", "--outDir", out(`bad-${version}`));
    expect(result.status).toBe(2);
    expect(result.stdout).toContain(badTagDiagnostic);
  });
});
