/**
 * What a traced build of the fixture project (test/transformer/project) must do, whichever
 * ts-patch, TypeScript or Node builds and runs it: shared by project.test.ts (ts-patch 3.3)
 * and ts-patch-4.test.ts.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";

export const projectDir = join(import.meta.dirname, "../project");

/** Each trace as [name, spanType, children]: the tagged calls, nested through super calls. */
export const expectedProjectSpans = [
  ["describe", "TOOL", [["area", "UNKNOWN", []]]],
  ["square.describe", "UNKNOWN", [["describe", "TOOL", [["area", "UNKNOWN", []]]]]],
  ["corners", "UNKNOWN", [["describe", "TOOL", [["area", "UNKNOWN", []]]]]],
  ["format", "PARSER", []],
  ["format", "PARSER", []],
  ["format", "PARSER", []],
  ["summarize", "CHAIN", [["format", "PARSER", []]]],
  ["default", "UNKNOWN", []],
];

/** Files without tags: a traced build emits them byte for byte as plain tsc does. */
export const untaggedFiles = ["util.js", "util.js.map", "selftest.js", "selftest.js.map"];

/** What `tspc -p tsconfig.bad.json` prints for the bad tag. */
export const badTagDiagnostic = "bad/bad.ts(1,13): error TS992001: @traced: option 'spanType' needs a non-empty value";

/** Runs a build's self test (run-selftest.mjs in `project`) with the given Node: { failures, spans }. */
export function selfTest(project: string, outDir: string, node: string = process.execPath): { failures: string[]; spans: unknown[] } {
  const result = spawnSync(node, ["run-selftest.mjs", outDir], { cwd: project, encoding: "utf8" });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout);
}
