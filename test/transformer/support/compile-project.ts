/** Compiles fixture files as a program with the transformer's ts-patch entry (program plugin). */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const repositoryRoot = join(import.meta.dirname, "../../..");
import type ts from "typescript";
import type { TransformerModule, TS } from "./compilers.js";

export function compileWithTransformer(
  tsi: TS,
  transformer: TransformerModule | undefined,
  files: string[],
  outDir: string,
  module: "esm" | "cjs",
  extraOptions: ts.CompilerOptions = {},
): ts.Diagnostic[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // The package is "type": "module"; CommonJS output says so for its own folder.
  if (module === "cjs") writeFileSync(join(outDir, "package.json"), '{ "type": "commonjs" }\n');
  linkTraced(outDir);
  const options: ts.CompilerOptions = {
    target: tsi.ScriptTarget.ES2022,
    module: module === "esm" ? tsi.ModuleKind.ESNext : tsi.ModuleKind.CommonJS,
    moduleResolution: module === "esm" ? tsi.ModuleResolutionKind.Bundler : tsi.ModuleResolutionKind.Node10,
    ignoreDeprecations: tsi.versionMajorMinor.startsWith("6") ? "6.0" : undefined,
    esModuleInterop: true,
    strict: true,
    skipLibCheck: true,
    sourceMap: true,
    outDir,
    rootDir: dirname(files[0]!),
    // Type-check imports of traced against its built declarations, as an installed package would.
    paths: { traced: [join(repositoryRoot, "dist/esm/index.d.ts")], "traced/runtime": [join(repositoryRoot, "dist/esm/runtime.d.ts")] },
    types: [],
    ...extraOptions,
  };
  const program = tsi.createProgram(files, options);
  const diagnostics: ts.Diagnostic[] = [];
  const before = transformer ? [transformer.default(program, {}, { ts: tsi, addDiagnostic: (d) => diagnostics.push(d) })] : [];
  const result = program.emit(undefined, undefined, undefined, false, { before });
  return [...tsi.getPreEmitDiagnostics(program), ...result.diagnostics, ...diagnostics];
}

/** `node_modules/traced` → this repository, so emitted `traced/runtime` imports resolve as in a user's app. */
export function linkTraced(dir: string): void {
  const root = repositoryRoot;
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  rmSync(join(dir, "node_modules/traced"), { recursive: true, force: true });
  symlinkSync(root, join(dir, "node_modules/traced"), "dir");
}
