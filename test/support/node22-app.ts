/**
 * An app folder for a framework major that needs Node 22 (AI SDK 7, @openai/agents 0.20): the
 * built traced installed in it, the framework packages linked from test/toolchains under the
 * names the app imports, and one fixture script; run with Node 22, it prints JSON (a sample
 * prints its trace trees).
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { root, toolchain, toolchainDir } from "./toolchains.js";

/** `packages`: the name the app imports → the folder under test/toolchains/node_modules. */
export function makeNode22App(name: string, packages: Record<string, string>, fixture: string): string {
  const app = join(root, ".tmp/node22-apps", name);
  rmSync(app, { recursive: true, force: true });
  const traced = join(app, "node_modules/traced");
  mkdirSync(traced, { recursive: true });
  cpSync(join(root, "package.json"), join(traced, "package.json"));
  for (const build of ["esm", "bundle", "cjs"]) cpSync(join(root, "dist", build), join(traced, "dist", build), { recursive: true });
  symlinkSync(toolchain.betterSqlite3.node22, join(app, "node_modules/better-sqlite3"), "dir");
  for (const [imported, folder] of Object.entries(packages)) {
    mkdirSync(dirname(join(app, "node_modules", imported)), { recursive: true });
    symlinkSync(join(toolchainDir, "node_modules", folder), join(app, "node_modules", imported), "dir");
  }
  cpSync(fixture, join(app, basename(fixture)));
  writeFileSync(join(app, "package.json"), '{ "private": true, "type": "module" }\n');
  return app;
}

/** Runs the app's script with Node 22 and returns what it printed. */
export async function runNode22Script(app: string, script: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await promisify(execFile)(toolchain.node22, [join(app, script)], { cwd: app, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function runNode22App(app: string, script: string, env: Record<string, string> = {}): Promise<Record<string, any>> {
  return JSON.parse(await runNode22Script(app, script, env));
}
