// The ESM build as Node loads it fastest (issue 17): tsc's output in dist/esm is one file per
// source module, and Node's ESM loader pays about a millisecond per file at a cold start, so
// each public entry, and each module traced loads on first use, becomes one file in
// dist/bundle, with the code they share in dist/bundle/chunks. The source maps chain to src/.
// Types stay tsc's (dist/esm/*.d.ts), and dist/esm and dist/cjs stay one file per module (the
// CLI, and the CommonJS copies that a synchronous load at process.exit() requires).
import { build } from "esbuild";
import { readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const esm = join(root, "dist/esm");
const out = join(root, "dist/bundle");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const under = (dir, path) => (path.startsWith(`./dist/${dir}/`) ? path.slice(`./dist/${dir}/`.length) : undefined);
const fromEsm = (path) => under("esm", path);

/** The entries package.json exports for `import` (all in dist/bundle), as files of dist/esm. */
function exportedEntries() {
  const entries = [];
  for (const target of Object.values(pkg.exports)) {
    const file = under("bundle", typeof target === "object" ? (target.import?.default ?? "") : "");
    if (file !== undefined) entries.push(file);
  }
  return entries;
}

/** Every module of dist/esm the entries load with import("./…"): each stays its own file, loaded only when used. */
async function lazilyLoaded(entries) {
  const { metafile } = await build({ ...OPTIONS, entryPoints: entries.map((file) => join(esm, file)), outdir: out, write: false, metafile: true });
  const found = new Set();
  for (const input of Object.values(metafile.inputs)) {
    for (const { path, kind, external } of input.imports) {
      if (kind === "dynamic-import" && !external) found.add(relative(esm, join(root, path)));
    }
  }
  return [...found];
}

/**
 * The modules that act when loaded (package.json sideEffects) keep their own files, so that
 * list stays true of dist/bundle; each must be listed there for dist/bundle too. The chunks
 * are listed as a whole ("./dist/bundle/chunks/*.js"): one may hold such a module's code
 * without any export an app uses, and every file starts with the polyfill (below), so an
 * app's bundler must keep each chunk it imports; it still drops the unused code inside.
 */
function withSideEffects() {
  const bins = Object.values(pkg.bin ?? {}).map(fromEsm);
  const files = pkg.sideEffects.map(fromEsm).filter((file) => file !== undefined && !bins.includes(file));
  const missing = files.filter((file) => !pkg.sideEffects.includes(`./dist/bundle/${file}`));
  if (missing.length > 0) throw new Error(`package.json sideEffects lists these for dist/esm but not for dist/bundle: ${missing.join(", ")}`);
  return files;
}

/**
 * esbuild does not keep the order of a side-effect-only import across chunks, so a chunk whose
 * classes name `Symbol.dispose` could run before the polyfill's chunk: every file of the bundle
 * starts with the polyfill itself (two guarded statements, in a block of their own).
 */
function polyfillBanner() {
  const code = readFileSync(join(esm, "polyfill/dispose-symbols.js"), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^export \{\};$|^\/\/# sourceMappingURL=.*$/gm, "")
    .trim();
  return `{ ${code.replace(/\s*\n\s*/g, " ")} }`;
}

const OPTIONS = {
  outbase: esm,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "es2022",
  packages: "external",
  chunkNames: "chunks/[name]-[hash]",
  // No keepNames: its helper calls would look like side effects to an app's bundler and keep
  // all of traced in the app's bundle. (A helper whose name collides in a chunk gets a suffix.)
  sourcemap: "linked",
  sourcesContent: false,
  banner: { js: polyfillBanner() },
  logLevel: "warning",
};

const entries = [...exportedEntries(), ...withSideEffects()];
const entryPoints = [...new Set([...entries, ...(await lazilyLoaded(entries))])].map((file) => join(esm, file));
rmSync(out, { recursive: true, force: true });
await build({ ...OPTIONS, entryPoints, outdir: out });
