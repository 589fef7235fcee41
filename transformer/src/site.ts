/**
 * The module-level statements the transformer adds: one namespace import of the runtime, and
 * one `defineSite` call per tagged function (its options are checked once, at load).
 */
import type ts from "typescript";
import type { FileContext } from "./file-context.js";
import { callRuntime } from "./file-context.js";
import type { TagOptions } from "./tag-options.js";

export interface SiteSpec {
  id: ts.Identifier;
  name: string;
  parameterNames: readonly string[];
  options: TagOptions;
  file: string;
  line: number;
}

/** `import * as __traced from "traced/runtime";` */
export function runtimeImport(ctx: FileContext, specifier: string): ts.ImportDeclaration {
  const f = ctx.factory;
  return f.createImportDeclaration(undefined, f.createImportClause(undefined, undefined, f.createNamespaceImport(ctx.runtime)), f.createStringLiteral(specifier));
}

/** `const __traced_site_1 = __traced.defineSite({ … });` */
export function siteStatement(ctx: FileContext, spec: SiteSpec): ts.VariableStatement {
  const f = ctx.factory;
  const props: ts.ObjectLiteralElementLike[] = [
    f.createPropertyAssignment("name", f.createStringLiteral(spec.name)),
    f.createPropertyAssignment("parameterNames", f.createArrayLiteralExpression(spec.parameterNames.map((n) => f.createStringLiteral(n)))),
  ];
  const { spanType, attributes, captureInputs, captureOutputs } = spec.options;
  if (spanType !== undefined) props.push(f.createPropertyAssignment("spanType", f.createStringLiteral(spanType)));
  if (attributes !== undefined) {
    const entries = Object.entries(attributes).map(([k, v]) => f.createPropertyAssignment(f.createStringLiteral(k), literal(ctx, v)));
    props.push(f.createPropertyAssignment("attributes", f.createObjectLiteralExpression(entries, false)));
  }
  if (captureInputs !== undefined) props.push(f.createPropertyAssignment("captureInputs", captureInputs ? f.createTrue() : f.createFalse()));
  if (captureOutputs !== undefined) props.push(f.createPropertyAssignment("captureOutputs", captureOutputs ? f.createTrue() : f.createFalse()));
  props.push(f.createPropertyAssignment("file", f.createStringLiteral(spec.file)));
  props.push(f.createPropertyAssignment("line", f.createNumericLiteral(spec.line)));
  const define = callRuntime(ctx, "defineSite", [f.createObjectLiteralExpression(props, false)]);
  return f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList([f.createVariableDeclaration(spec.id, undefined, undefined, define)], ctx.ts.NodeFlags.Const),
  );
}

function literal(ctx: FileContext, value: string | number | boolean | null): ts.Expression {
  const f = ctx.factory;
  if (value === null) return f.createNull();
  if (typeof value === "boolean") return value ? f.createTrue() : f.createFalse();
  if (typeof value === "number") {
    return value < 0 ? f.createPrefixUnaryExpression(ctx.ts.SyntaxKind.MinusToken, f.createNumericLiteral(-value)) : f.createNumericLiteral(value);
  }
  return f.createStringLiteral(value);
}

/** `@__traced.parameterNames("a", "...rest")`, for methods that `@trace` already wraps. */
export function parameterNamesDecorator(ctx: FileContext, names: readonly string[]): ts.Decorator {
  const f = ctx.factory;
  return f.createDecorator(callRuntime(ctx, "parameterNames", names.map((n) => f.createStringLiteral(n))));
}
