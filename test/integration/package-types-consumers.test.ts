/**
 * Apps that compile against the packed package, as users set up TypeScript: CommonJS and
 * ESM files under node16 and nodenext, ESM under bundler resolution, `strict`, no
 * `skipLibCheck`, with TypeScript 5.9 and 6. The app has what a user installs: traced from
 * its tarball, traced's dependencies, the peers it uses and @types/node. Nothing else (no
 * dev-only @types), so a declaration reaching for such a package fails here (TS7016).
 * Every entry point in "exports" is imported, so a new entry is covered without a change here.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts6 from "typescript";
import ts59 from "typescript-5.9";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportedEntries, packPackage, repoRoot, type PackedPackage } from "../types/packed-package.js";

type TS = typeof ts6;

/** Uses of every entry point; the named ones check an export's shape, not just that it resolves. */
function appSource(entries: readonly string[]): string {
  const imports = entries.map((entry, i) => `import * as entry${i} from "${entry.replace(/^\./, "traced")}";`);
  return [
    ...imports,
    'import { trace } from "traced";',
    'import tracedTransformer, { createTracedTransformer } from "traced/transformer";',
    'import type { Program, TransformerFactory, SourceFile } from "typescript";',
    "const add = trace(function add(a: number, b: number): number { return a + b; });",
    "export const sum: number = add(1, 2);",
    // The ts-patch plugin is the default export in every module system (no `.default.default`).
    "export const plugin: (program: Program) => TransformerFactory<SourceFile> = tracedTransformer;",
    "export const factory: TransformerFactory<SourceFile> = createTracedTransformer();",
    `export const entries = [${entries.map((_, i) => `entry${i}`).join(", ")}];`,
    "",
  ].join("\n");
}

interface Mode {
  name: string;
  options: Record<string, unknown>;
  files: string[];
}

const MODES: Mode[] = [
  { name: "node16", options: { module: "node16", moduleResolution: "node16" }, files: ["app.cts", "app.mts"] },
  { name: "nodenext", options: { module: "nodenext", moduleResolution: "nodenext" }, files: ["app.cts", "app.mts"] },
  { name: "bundler", options: { module: "esnext", moduleResolution: "bundler" }, files: ["app.mts"] },
];

const COMMON = { strict: true, skipLibCheck: false, noEmit: true, target: "es2022", lib: ["es2023"], types: ["node"], esModuleInterop: true };

/** What a user's node_modules holds besides traced: its dependencies and peers, and @types/node. */
function installedPackages(): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
  return [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies), "@types/node"];
}

let packed: PackedPackage;
let app: string;
beforeAll(() => {
  packed = packPackage();
  app = join(packed.dir, "app");
  const modules = join(app, "node_modules");
  mkdirSync(join(modules, "traced"), { recursive: true });
  execFileSync("tar", ["-xzf", packed.tarball, "-C", join(modules, "traced"), "--strip-components=1"]);
  for (const name of installedPackages()) {
    const target = join(repoRoot, "node_modules", name);
    if (!existsSync(target)) throw new Error(`${name} is not installed in the repo`);
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(target, join(modules, name), "dir");
  }
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
  const source = appSource(exportedEntries());
  writeFileSync(join(app, "app.cts"), source);
  writeFileSync(join(app, "app.mts"), source);
});
afterAll(() => rmSync(packed.dir, { recursive: true, force: true }));

function compileErrors(ts: TS, mode: Mode): string[] {
  const converted = ts.convertCompilerOptionsFromJson({ ...COMMON, ...mode.options }, app);
  if (converted.errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(converted.errors[0]!.messageText, "\n"));
  const program = ts.createProgram({ rootNames: mode.files.map((f) => join(app, f)), options: converted.options });
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => app, getNewLine: () => "\n" };
  // Every declaration traced publishes and the app itself are checked in full; other
  // packages' declarations only as far as traced's types use them (their own lib errors,
  // e.g. an SDK's DOM types, are theirs), which also keeps each compile to seconds.
  const traced = join(app, "node_modules", "traced");
  const ours = program.getSourceFiles().filter((file) => file.fileName.startsWith(traced) || !file.fileName.includes("node_modules"));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...ours.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  return diagnostics.map((d) => ts.formatDiagnostic(d, host).trim());
}

for (const [version, ts] of [["5.9", ts59], ["6", ts6]] as const) {
  describe(`an app compiled by TypeScript ${version} against the packed package`, () => {
    for (const mode of MODES) {
      it(`compiles ${mode.files.join(" and ")} under ${mode.name} resolution, strict, without skipLibCheck`, () => {
        expect(ts.version.startsWith(version)).toBe(true);
        expect(compileErrors(ts as TS, mode)).toEqual([]);
      });
    }
  });
}
