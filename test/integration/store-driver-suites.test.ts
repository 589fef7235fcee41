/**
 * The store's own test suites, re-run on node:sqlite: vitest in a child process of Node 22
 * and of Node 24 (test/toolchains), with TRACED_SQLITE_DRIVER=node. The main run (Node 20)
 * runs the same files on better-sqlite3, so every store test passes on both drivers.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureToolchains, root, toolchain } from "../support/toolchains.js";

const STORE_SUITES = [
  "test/unit/store-driver-contract.test.ts",
  "test/unit/store-roundtrip.test.ts",
  "test/unit/store-roundtrip-properties.test.ts",
  "test/unit/store-merge.test.ts",
  "test/unit/store-support.test.ts",
  "test/integration/store-processes.test.ts",
  "test/integration/summarize-upkeep.test.ts",
];

interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }>;
}

beforeAll(() => ensureToolchains(), 600_000);

describe.each([
  ["22", toolchain.node22],
  ["24", toolchain.node24],
])("the store suites on node:sqlite (Node %s)", (_major, node) => {
  it("pass, every test of every file", async () => {
    const outputFile = join(mkdtempSync(join(tmpdir(), "traced-suites-")), "report.json");
    // The parent run built dist/ already; the child only tests.
    await promisify(execFile)(node, [join(root, "node_modules/vitest/vitest.mjs"), "run", ...STORE_SUITES, "--reporter=json", `--outputFile=${outputFile}`], {
      cwd: root,
      env: { ...process.env, TRACED_SQLITE_DRIVER: "node", TRACED_SKIP_BUILD: "1" },
      timeout: 240_000,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: unknown) => error); // a failing suite exits 1: the report says which test
    const report = JSON.parse(readFileSync(outputFile, "utf8")) as VitestReport;
    const failed = report.testResults.flatMap((file) =>
      file.assertionResults.filter((test) => test.status === "failed").map((test) => `${file.name}: ${test.fullName}\n${test.failureMessages.join("\n").slice(0, 600)}`),
    );
    expect(failed).toEqual([]);
    expect(report.testResults.map((file) => file.name.slice(root.length + 1)).sort()).toEqual([...STORE_SUITES].sort());
    // Nothing skipped on this driver: every test of the files ran and passed.
    expect(report.numPassedTests).toBe(report.numTotalTests);
    expect(report.numTotalTests).toBeGreaterThan(30);
  }, 300_000);
});
