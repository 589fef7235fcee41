/**
 * Loads one of traced's own modules synchronously, for the rare step that cannot wait for the
 * `import()` started earlier (an export at `process.exit()`). The CommonJS build requires its
 * sibling. The ESM build requires the CommonJS copy of the module from dist/cjs: require() of
 * the ESM file itself fails while its import() is still under way (and on Node before 20.19),
 * and the modules loaded this way are stateless or keep their state in the shared registry.
 * The ESM code runs from tsc's dist/esm or from the bundled dist/bundle, where this function
 * may sit in a chunk or an entry file at any depth: dist/cjs is found by looking upwards.
 * `fromDist` is the module's path inside dist/esm, dist/bundle and dist/cjs (the same layout).
 * Throws when nothing loads (an app's bundle has no dist folder); callers report that like
 * any failed export.
 */
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export function requireSibling<T>(fromDist: string): T {
  const here = ownFile();
  const require = createRequire(here);
  if (typeof __filename === "string" && __filename !== "") return require(join(dirname(here), "..", fromDist)) as T;
  // The CommonJS copy, else the ESM file itself (require(esm), Node 20.19+ / 22.12+).
  const file = upwards(here, (dir) => join(dir, "cjs", fromDist)) ?? upwards(here, (dir) => join(dir, fromDist)) ?? join(dirname(here), "..", fromDist);
  return require(file) as T;
}

/** The first `candidate(dir)` that exists, for the folders from `file`'s own up to the root. */
function upwards(file: string, candidate: (dir: string) => string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(candidate(dir))) return candidate(dir);
    if (dirname(dir) === dir) return undefined;
  }
}

/** `__filename` in CommonJS; in ESM (where `import.meta` cannot be written) the first stack frame. */
function ownFile(): string {
  if (typeof __filename === "string" && __filename !== "") return __filename;
  for (const frame of new Error().stack?.split("\n").slice(1) ?? []) {
    const match = /\(?((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^()]*?):\d+:\d+\)?\s*$/.exec(frame);
    if (match) return match[1]!.startsWith("file:") ? fileURLToPath(match[1]!) : match[1]!;
  }
  throw new Error("traced could not locate its own files to load a module synchronously");
}
