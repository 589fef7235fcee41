// The type tests (*.types.ts) are only compiled: expectTypeOf and @ts-expect-error fail here.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

/** The errors of one project's type-test files, formatted as tsc prints them. */
function typeTestErrors(project: string): string[] {
  const unreadable = (d: ts.Diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(join(here, project), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: unreadable });
  if (parsed === undefined) throw new Error(`cannot read ${project}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  // Only the type tests are checked: errors elsewhere belong to `npm run typecheck`, and
  // checking just these files keeps the run short.
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSourceFiles()
      .filter((file) => file.fileName.startsWith(here))
      .flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  return diagnostics.map((d) => ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => here, getNewLine: () => "\n" }).trim());
}

describe("public type signatures", () => {
  it("compile as stage-3 decorators", () => {
    expect(typeTestErrors("tsconfig.json")).toEqual([]);
  });

  it("compile with experimentalDecorators", () => {
    expect(typeTestErrors("tsconfig.legacy.json")).toEqual([]);
  });
});
