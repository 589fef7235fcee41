/**
 * The module-level statements the transformer adds: one namespace import of the runtime, and
 * one `defineSite` call per tagged function (its options are checked once, at load). The
 * options go as one JSON string literal: one node where an object literal takes a dozen or
 * more, which TypeScript would otherwise build, transform and print for every tagged function.
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

/** `const __traced_site_1 = __traced.defineSite('{"name":…}');` */
export function siteStatement(ctx: FileContext, spec: SiteSpec): ts.VariableStatement {
  const f = ctx.factory;
  const options = jsonSafe(spec.options) ? f.createStringLiteral(siteJson(spec), /*isSingleQuote*/ true) : objectLiteral(ctx, spec);
  const define = callRuntime(ctx, "defineSite", [options]);
  return f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList([f.createVariableDeclaration(spec.id, undefined, undefined, define)], ctx.ts.NodeFlags.Const),
  );
}

/** The runtime's `SiteOptions` as JSON, in the order the object literal would list them. */
function siteJson(spec: SiteSpec): string {
  const { spanType, attributes, captureInputs, captureOutputs } = spec.options;
  let json = `{"name":${JSON.stringify(spec.name)},"parameterNames":[`;
  for (let i = 0; i < spec.parameterNames.length; i++) json += (i === 0 ? "" : ",") + JSON.stringify(spec.parameterNames[i]);
  json += "]";
  if (spanType !== undefined) json += `,"spanType":${JSON.stringify(spanType)}`;
  if (attributes !== undefined) json += `,"attributes":${JSON.stringify(attributes)}`;
  if (captureInputs !== undefined) json += `,"captureInputs":${captureInputs}`;
  if (captureOutputs !== undefined) json += `,"captureOutputs":${captureOutputs}`;
  return `${json},"file":${JSON.stringify(spec.file)},"line":${spec.line}}`;
}

/**
 * Whether JSON carries the options exactly as an object literal would: not when an attribute
 * is a number JSON cannot write (`attributes.n=1e999` is Infinity); such a site keeps the literal.
 */
function jsonSafe(options: TagOptions): boolean {
  const attributes = options.attributes;
  if (attributes === undefined) return true;
  for (const key in attributes) {
    const value = attributes[key];
    if (typeof value === "number" && !Number.isFinite(value)) return false;
  }
  return true;
}

/** `{ name: "…", parameterNames: [ … ], … }` */
function objectLiteral(ctx: FileContext, spec: SiteSpec): ts.ObjectLiteralExpression {
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
  return f.createObjectLiteralExpression(props, false);
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
