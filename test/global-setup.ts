/** Runs once before the suite: builds what tests load as compiled JavaScript. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: "inherit", cwd: root });
}

export default function setup(): void {
  // Set TRACED_SKIP_BUILD=1 to reuse an existing dist/ while iterating on one test file.
  if (process.env.TRACED_SKIP_BUILD === "1") return;
  // The package exactly as `npm run build` makes it (ESM, CommonJS and its package.json
  // marker): tests load it as a user would, for child processes and dual-package checks.
  run("npm", ["run", "--silent", "build"]);
  for (const project of ["test/decorators/tsconfig.stage3.json", "test/decorators/tsconfig.legacy.json"]) {
    if (existsSync(join(root, project))) run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project]);
  }
}
