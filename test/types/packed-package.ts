/**
 * traced exactly as `npm pack` publishes it (the built dist/, no lifecycle scripts: the test
 * setup has built it already), for checks that must see the package a user installs.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const repoRoot = join(import.meta.dirname, "../..");

export interface PackedPackage {
  /** The .tgz that `npm publish` would upload. */
  readonly tarball: string;
  /** A scratch directory of this run, holding the tarball. */
  readonly dir: string;
}

export function packPackage(): PackedPackage {
  mkdirSync(join(repoRoot, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(repoRoot, ".tmp", "packed-"));
  const output = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: repoRoot, encoding: "utf8" });
  const [{ filename }] = JSON.parse(output) as [{ filename: string }];
  return { tarball: join(dir, filename), dir };
}

/** The public entry points: every key of package.json's "exports" except its own manifest. */
export function exportedEntries(): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { exports: Record<string, unknown> };
  return Object.keys(manifest.exports).filter((key) => key !== "./package.json");
}
