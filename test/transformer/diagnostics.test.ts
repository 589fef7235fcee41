/**
 * Bad tags are reported as TypeScript diagnostics at the right file and position, through
 * ts-patch's `addDiagnostic` (the program plugin entry) under TypeScript 6 and 5.9; the rest
 * of the file is still emitted, and well-formed tags in it still work.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { compilers, loadTransformer, type TransformerModule } from "./support/compilers.js";

const fixture = join(import.meta.dirname, "fixtures/diagnostics/bad-tags.ts");

let transformer: TransformerModule;
beforeAll(() => {
  transformer = loadTransformer();
});

function compileWithPlugin(tsi: (typeof compilers)["6"]): { diagnostics: ts.Diagnostic[]; output: string } {
  const options: ts.CompilerOptions = { target: tsi.ScriptTarget.ES2022, module: tsi.ModuleKind.ESNext, noEmit: false, noLib: true, types: [] };
  const host = tsi.createCompilerHost(options);
  let output = "";
  host.writeFile = (name, text) => {
    if (name.endsWith(".js")) output = text;
  };
  const program = tsi.createProgram([fixture], options, host);
  const diagnostics: ts.Diagnostic[] = [];
  const factory = transformer.default(program, {}, { ts: tsi, addDiagnostic: (d) => diagnostics.push(d) });
  program.emit(undefined, undefined, undefined, false, { before: [factory] });
  return { diagnostics, output };
}

const where = (d: ts.Diagnostic): string => {
  const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start!);
  return `${line + 1}:${character + 1} ${d.file!.text.slice(d.start!, d.start! + d.length!)}`;
};

describe.each(Object.entries(compilers))("diagnostics under TypeScript %s", (_version, tsi) => {
  it("reports each bad tag at its file and position, as an error with a traced code", () => {
    const { diagnostics } = compileWithPlugin(tsi);
    expect(diagnostics.every((d) => d.file?.fileName === fixture.replaceAll("\\", "/") && d.category === tsi.DiagnosticCategory.Error)).toBe(true);
    expect(diagnostics.map((d) => [where(d), d.code, d.messageText])).toEqual([
      ["1:13 spanTyp=LLM", 992001, "@traced: unknown option 'spanTyp' (options: name, spanType, inputs, outputs, attributes.<key>)"],
      ["4:13 name=", 992001, "@traced: option 'name' needs a non-empty value"],
      ["4:19 inputs=maybe", 992001, "@traced: option 'inputs' must be true or false, got 'maybe'"],
      ["9:20 name=again", 992001, "@traced: option 'name' is given twice"],
      ["13:13 rank", 992001, "@traced: expected key=value, got 'rank' (options: name, spanType, inputs, outputs, attributes.<key>)"],
      ["16:13 attributes.note=\"unterminated", 992001, "@traced: unterminated \" in option 'attributes.note'"],
      ["30:5 @traced", 992004, "@traced: this function is already tagged; keep one @traced tag"],
      ["35:7 a", 992005, "@traced: 'a' re-declares a parameter with var; rename it or use let so the body can be traced unchanged"],
      ["54:5 super.step = () => {}", 992006, "@traced: assigning to a super property inside a traced generator is not supported"],
      ["19:5 @traced", 992003, expect.stringContaining("not on a function with a body")],
      ["23:7 @traced", 992003, expect.stringContaining("getters, setters and constructors cannot be traced")],
      ["39:5 @traced", 992003, expect.stringContaining("not on a function with a body")],
    ]);
  });

  it("still emits the file, tracing only the well-formed tag", () => {
    const { output } = compileWithPlugin(tsi);
    expect(output).toContain("export function unknownOption() { }");
    expect(output).toContain("*steps() {\n        super.step = () => { };");
    expect(output.match(/defineSite\(/g)).toHaveLength(1);
    // Without a tsconfig, recorded paths are relative to the program's current directory.
    expect(output).toContain('defineSite(\'{"name":"fine","parameterNames":["x"],"spanType":"TOOL","file":"test/transformer/fixtures/diagnostics/bad-tags.ts","line":43}\')');
  });
});

describe("transpileModule", () => {
  it("hands diagnostics to onDiagnostic", () => {
    const tsi = compilers["6"];
    const seen: ts.Diagnostic[] = [];
    tsi.transpileModule(readFileSync(fixture, "utf8"), {
      fileName: "bad-tags.ts",
      transformers: { before: [transformer.createTracedTransformer({ ts: tsi, onDiagnostic: (d) => seen.push(d) })] },
    });
    expect(seen).toHaveLength(12);
    expect(seen[0]!.file!.fileName).toBe("bad-tags.ts");
  });
});

describe("internal errors", () => {
  it("become a diagnostic and leave the file emitted untraced, never a crash", () => {
    const tsi = compilers["6"];
    const broken = { ...tsi, getTrailingCommentRanges: () => { throw new Error("boom"); } } as typeof tsi;
    const seen: ts.Diagnostic[] = [];
    const source = "/** @traced */\nexport function f() {}\n";
    const out = tsi.transpileModule(source, {
      fileName: "f.ts",
      compilerOptions: { target: tsi.ScriptTarget.ES2022, module: tsi.ModuleKind.ESNext },
      transformers: { before: [transformer.createTracedTransformer({ ts: broken, onDiagnostic: (d) => seen.push(d) })] },
    });
    expect(out.outputText).toBe("/** @traced */\nexport function f() { }\n");
    expect(seen.map((d) => [d.code, d.messageText])).toEqual([[992099, "@traced: internal error, f.ts is emitted without tracing: boom"]]);
  });
});
