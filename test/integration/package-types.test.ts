/**
 * The published package as the type tools see it: arethetypeswrong resolves every entry
 * point under node10, node16 (from CommonJS and from ESM) and bundler resolution and
 * checks types and JavaScript agree on the module format; publint lints the manifest
 * against the files really packed. Both read the `npm pack` tarball, not the repo.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportedEntries, packPackage, repoRoot, type PackedPackage } from "../types/packed-package.js";

const run = promisify(execFile);

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
}

interface AttwReport {
  analysis: { entrypoints: Record<string, unknown> };
  problems: Record<string, AttwProblem[]> | [];
}

let packed: PackedPackage;
beforeAll(() => {
  packed = packPackage();
});
afterAll(() => rmSync(packed.dir, { recursive: true, force: true }));

describe("the packed package's types", () => {
  it("has no arethetypeswrong problem for any entry point", async () => {
    // attw exits 1 when it finds a problem; the JSON report says which.
    const attw = join(repoRoot, "node_modules/.bin/attw");
    const result = await run(attw, [packed.tarball, "--format", "json"], { maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
    const report = JSON.parse(result.stdout) as AttwReport;
    const problems = Object.values(report.problems).flat().map((p) => `${p.entrypoint ?? ""} ${p.resolutionKind ?? ""}: ${p.kind}`);
    expect(problems).toEqual([]);
    // Every exported entry was analysed (attw discovers them from "exports").
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([...exportedEntries(), "./package.json"].sort());
  });

  it("has no publint error or warning", async () => {
    const data = readFileSync(packed.tarball);
    const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    const { messages, pkg } = await publint({ pack: { tarball }, level: "warning" });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`)).toEqual([]);
  });
});
