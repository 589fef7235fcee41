/**
 * Builds `transformer/dist` (what ts-patch loads) when it is older than its sources. Test
 * files run in parallel workers, so the build happens under a directory lock.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { withDirectoryLock } from "../../support/directory-lock.js";

export const root = join(import.meta.dirname, "../../..");
const srcDir = join(root, "transformer/src");
const entry = join(root, "transformer/dist/index.js");
const marker = join(root, "transformer/dist/package.json");
const lockDir = join(root, ".tmp/transformer-build.lock");

function fresh(): boolean {
  if (!existsSync(entry) || !existsSync(marker)) return false;
  const built = statSync(entry).mtimeMs;
  return readdirSync(srcDir).every((f) => statSync(join(srcDir, f)).mtimeMs <= built);
}

export function ensureTransformerBuilt(): string {
  if (fresh()) return entry;
  // Another worker may be building (up to two minutes).
  withDirectoryLock(lockDir, 120_000, 200, () => {
    if (!fresh()) {
      rmSync(entry, { force: true });
      execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "transformer/tsconfig.json")], { cwd: root, stdio: "inherit" });
      execFileSync(process.execPath, [join(root, "transformer/mark-commonjs.cjs")], { cwd: root, stdio: "inherit" });
    }
  });
  return entry;
}
