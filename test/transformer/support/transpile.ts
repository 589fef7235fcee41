/** Compiles one source text with the transformer through `ts.transpileModule`. */
import type ts from "typescript";
import type { TransformerModule, TS } from "./compilers.js";

export type ModuleKind = "esm" | "cjs";

export interface Transpiled {
  text: string;
  map: string | undefined;
  diagnostics: ts.Diagnostic[];
}

export function transpile(
  tsi: TS,
  transformer: TransformerModule | undefined,
  source: string,
  fileName: string,
  module: ModuleKind,
  sourceMap = false,
  jsDocParsingMode?: ts.JSDocParsingMode,
): Transpiled {
  const diagnostics: ts.Diagnostic[] = [];
  const before = transformer ? [transformer.createTracedTransformer({ ts: tsi, onDiagnostic: (d) => diagnostics.push(d) })] : [];
  const out = tsi.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    jsDocParsingMode,
    compilerOptions: {
      target: tsi.ScriptTarget.ES2022,
      module: module === "esm" ? tsi.ModuleKind.ESNext : tsi.ModuleKind.CommonJS,
      esModuleInterop: true,
      sourceMap,
    },
    transformers: { before },
  });
  return { text: out.outputText, map: out.sourceMapText, diagnostics: [...(out.diagnostics ?? []), ...diagnostics] };
}
