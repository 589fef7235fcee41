/** What every helper needs while one source file is transformed. */
import type ts from "typescript";
import type { TS } from "./typescript.js";

export interface FileContext {
  readonly ts: TS;
  readonly factory: ts.NodeFactory;
  readonly file: ts.SourceFile;
  /** The file's namespace import of the runtime (`__traced`). */
  readonly runtime: ts.Identifier;
  /** Reports a diagnostic at `start..start+length` of this file. */
  report(start: number, length: number, code: number, message: string, category?: ts.DiagnosticCategory): void;
}

/** `__traced.<member>(...args)` */
export function callRuntime(ctx: FileContext, member: string, args: ts.Expression[]): ts.CallExpression {
  const f = ctx.factory;
  return f.createCallExpression(f.createPropertyAccessExpression(ctx.runtime, member), undefined, args);
}
