/**
 * Loads one of traced's own modules synchronously, for the rare step that cannot wait for the
 * `import()` started earlier (an export at `process.exit()`). The CommonJS build requires its
 * sibling. The ESM build requires the CommonJS copy of the module from dist/cjs: require() of
 * the ESM file itself fails while its import() is still under way (and on Node before 20.19),
 * and the modules loaded this way are stateless or keep their state in the shared registry.
 * `fromDist` is the module's path inside dist/esm and dist/cjs (the same layout). Throws when
 * neither loads (a bundle has no dist folder); callers report that like any failed export.
 */
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export function requireSibling<T>(fromDist: string): T {
  const here = ownFile();
  const buildRoot = join(dirname(here), "..");
  const require = createRequire(here);
  if (typeof __filename === "string" && __filename !== "") return require(join(buildRoot, fromDist)) as T;
  const commonJs = join(buildRoot, "..", "cjs", fromDist);
  return require(existsSync(commonJs) ? commonJs : join(buildRoot, fromDist)) as T;
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
