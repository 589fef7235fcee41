/**
 * Parameter names and the expressions that read their values, by the rule the runtime's
 * source parser also follows: an identifier (plain, defaulted or rest) is named by itself; a
 * destructured parameter by its pattern text (no type, no initializer, comments dropped,
 * whitespace runs collapsed) and its value is the argument as passed. `this` is not an input.
 */
import type ts from "typescript";
import type { TS } from "./typescript.js";

export interface ParameterPlan {
  /** Names as the span records them. */
  names: string[];
  /** Names for `@parameterNames` (the runtime marks a rest parameter with a leading `...`). */
  decoratorNames: string[];
  /** Parameters that are inputs (the `this` parameter removed), in order. */
  inputs: ts.ParameterDeclaration[];
  /** Whether any input is a binding pattern (its value is the raw argument). */
  hasPattern: boolean;
}

export function planParameters(tsi: TS, file: ts.SourceFile, params: readonly ts.ParameterDeclaration[]): ParameterPlan {
  const plan: ParameterPlan = { names: [], decoratorNames: [], inputs: [], hasPattern: false };
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const identifier = tsi.isIdentifier(p.name);
    if (identifier && p.name.escapedText === "this") continue;
    const name = identifier ? tsi.idText(p.name as ts.Identifier) : patternText(tsi, file, p.name as ts.BindingPattern);
    plan.inputs.push(p);
    plan.names.push(name);
    plan.decoratorNames.push(p.dotDotDotToken ? `...${name}` : name);
    if (!identifier) plan.hasPattern = true;
  }
  return plan;
}

/** A pattern's source text with comments replaced by a space, then whitespace runs collapsed. */
function patternText(tsi: TS, file: ts.SourceFile, pattern: ts.BindingPattern): string {
  const text = file.text.slice(pattern.getStart(file), pattern.end);
  const scanner = tsi.createScanner(tsi.ScriptTarget.Latest, /*skipTrivia*/ false, file.languageVariant, text);
  let out = "";
  for (let kind = scanner.scan(); kind !== tsi.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const isComment = kind === tsi.SyntaxKind.SingleLineCommentTrivia || kind === tsi.SyntaxKind.MultiLineCommentTrivia;
    out += isComment ? " " : scanner.getTokenText();
  }
  return out.replace(/\s+/g, " ").trim();
}

/**
 * Value expressions for a function that has its own `arguments` (declarations, expressions,
 * methods): identifiers read the parameter (after its default), patterns read the argument.
 */
export function argumentValues(tsi: TS, plan: ParameterPlan): ts.Expression[] {
  const f = tsi.factory;
  const values: ts.Expression[] = [];
  for (let index = 0; index < plan.inputs.length; index++) values.push(argumentValue(tsi, f, plan.inputs[index]!, index));
  return values;
}

function argumentValue(tsi: TS, f: ts.NodeFactory, p: ts.ParameterDeclaration, index: number): ts.Expression {
  if (tsi.isIdentifier(p.name)) return f.createIdentifier(tsi.idText(p.name));
  const args = f.createIdentifier("arguments");
  if (!p.dotDotDotToken) return f.createElementAccessExpression(args, index);
  // `...[a, b]`: the rest arguments as an array.
  return f.createCallExpression(
    f.createPropertyAccessExpression(f.createPropertyAccessExpression(f.createPropertyAccessExpression(f.createIdentifier("Array"), "prototype"), "slice"), "call"),
    undefined,
    [args, f.createNumericLiteral(index)],
  );
}
