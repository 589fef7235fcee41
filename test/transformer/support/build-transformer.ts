/**
 * Builds `transformer/dist` (what ts-patch loads) when it is older than its sources. Test
 * files run in parallel workers, so the build happens under a directory lock.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

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

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureTransformerBuilt(): string {
  if (fresh()) return entry;
  mkdirSync(join(root, ".tmp"), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // Another worker is building; a lock older than two minutes is left over from a crash.
      if (Date.now() - started > 120_000) rmSync(lockDir, { recursive: true, force: true });
      sleep(200);
    }
  }
  try {
    if (!fresh()) {
      rmSync(entry, { force: true });
      execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "transformer/tsconfig.json")], { cwd: root, stdio: "inherit" });
      execFileSync(process.execPath, [join(root, "transformer/mark-commonjs.cjs")], { cwd: root, stdio: "inherit" });
    }
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
  return entry;
}
