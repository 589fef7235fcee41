/**
 * Loads a module synchronously from traced's own folder, in both the ESM and the CommonJS
 * build: the store opens its database synchronously (also at process exit), so its driver
 * cannot come from a dynamic import. Builtins (`node:sqlite`, `bun:sqlite`) come from
 * `process.getBuiltinModule`, packages (better-sqlite3, an optional peer dependency) from a
 * require anchored at this file, so they resolve as traced's own dependencies would.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

export function loadBuiltin<T>(id: string): T | undefined {
  const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (typeof getBuiltinModule === "function") return getBuiltinModule.call(process, id) as T | undefined;
  return requireHere()(id) as T;
}

export function requirePackage<T>(id: string): T {
  return requireHere()(id) as T;
}

let cached: NodeRequire | undefined;

function requireHere(): NodeRequire {
  cached ??= createRequire(ownFile());
  return cached;
}

/**
 * This file's path: `__filename` in CommonJS; in ESM (where `import.meta` cannot be written,
 * as the same source compiles to CommonJS) the first frame of a stack trace. A bundle or a
 * stack without frames falls back to the working directory, where the app's node_modules is.
 */
function ownFile(): string {
  if (typeof __filename === "string" && __filename !== "") return __filename;
  const frames = new Error().stack?.split("\n").slice(1) ?? [];
  for (const frame of frames) {
    const match = /\(?((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^()]*?):\d+:\d+\)?\s*$/.exec(frame);
    if (match) return match[1]!.startsWith("file:") ? fileURLToPath(match[1]!) : match[1]!;
  }
  return join(process.cwd(), "noop.js");
}
