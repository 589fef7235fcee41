/**
 * Where a function's `@traced` tag may be written, and the span name it gets: on the function
 * itself (also inside parentheses or `as`/`satisfies`), on the declaration that holds it
 * (`const`, property, class field, `export default`, an assignment statement), or on any
 * overload signature of it.
 */
import type ts from "typescript";
import type { TS } from "./typescript.js";

export type TracedFunction = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

export function isTracedFunctionKind(tsi: TS, node: ts.Node): node is TracedFunction {
  return tsi.isFunctionDeclaration(node) || tsi.isFunctionExpression(node) || tsi.isArrowFunction(node) || tsi.isMethodDeclaration(node);
}

/** Expression wrappers that do not change which function a declaration holds. */
function skipWrappersUp(tsi: TS, node: ts.Node): ts.Node {
  let current = node;
  while (
    current.parent &&
    (tsi.isParenthesizedExpression(current.parent) ||
      tsi.isAsExpression(current.parent) ||
      tsi.isSatisfiesExpression(current.parent) ||
      tsi.isTypeAssertionExpression(current.parent) ||
      tsi.isNonNullExpression(current.parent))
  ) {
    current = current.parent;
  }
  return current;
}

function nameKey(tsi: TS, name: ts.PropertyName): string {
  return tsi.isComputedPropertyName(name) ? `[${name.expression.getText()}]` : propertyNameText(tsi, name);
}

export function propertyNameText(tsi: TS, name: ts.PropertyName): string {
  if (tsi.isIdentifier(name) || tsi.isPrivateIdentifier(name)) return tsi.idText(name);
  if (tsi.isStringLiteral(name) || tsi.isNumericLiteral(name) || tsi.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return name.getText();
}

/** The span name: the function's own name, else the name it is declared under (as `fn.name` would be). */
export function spanName(tsi: TS, fn: TracedFunction): string {
  if (tsi.isFunctionDeclaration(fn)) return fn.name ? tsi.idText(fn.name) : "default";
  if (tsi.isMethodDeclaration(fn)) return propertyNameText(tsi, fn.name);
  if (tsi.isFunctionExpression(fn) && fn.name) return tsi.idText(fn.name);
  const host = skipWrappersUp(tsi, fn).parent;
  if (host && tsi.isVariableDeclaration(host) && tsi.isIdentifier(host.name)) return tsi.idText(host.name);
  if (host && (tsi.isPropertyAssignment(host) || tsi.isPropertyDeclaration(host))) return propertyNameText(tsi, host.name);
  if (host && tsi.isExportAssignment(host)) return "default";
  if (host && isAssignment(tsi, host)) {
    const target = host.left;
    if (tsi.isIdentifier(target)) return tsi.idText(target);
    if (tsi.isPropertyAccessExpression(target)) return propertyNameText(tsi, target.name);
  }
  return "anonymous";
}

/** Whether a method carries traced's `@trace` decorator (`@trace`, `@trace(…)`, `@x.trace(…)`). */
export function hasTraceDecorator(tsi: TS, method: ts.MethodDeclaration): boolean {
  const decorators = tsi.canHaveDecorators(method) ? tsi.getDecorators(method) : undefined;
  return (
    decorators?.some((d) => {
      const callee = tsi.isCallExpression(d.expression) ? d.expression.expression : d.expression;
      const name = tsi.isIdentifier(callee) ? callee : tsi.isPropertyAccessExpression(callee) ? callee.name : undefined;
      return name !== undefined && tsi.isIdentifier(name) && tsi.idText(name) === "trace";
    }) ?? false
  );
}

function skipWrappersDown(tsi: TS, node: ts.Expression): ts.Expression {
  let current = node;
  while (tsi.isParenthesizedExpression(current) || tsi.isAsExpression(current) || tsi.isSatisfiesExpression(current) || tsi.isTypeAssertionExpression(current) || tsi.isNonNullExpression(current)) {
    current = current.expression;
  }
  return current;
}

/**
 * The function a tagged node designates: itself, the function its declaration holds, or for
 * an overload signature the implementation that follows it. Undefined if none.
 */
export function designatedFunction(tsi: TS, node: ts.Node): TracedFunction | undefined {
  const asFunction = (expr: ts.Expression | undefined): TracedFunction | undefined => {
    const inner = expr && skipWrappersDown(tsi, expr);
    return inner && (tsi.isArrowFunction(inner) || tsi.isFunctionExpression(inner)) ? inner : undefined;
  };
  if (isTracedFunctionKind(tsi, node)) return node.body ? node : implementationOf(tsi, node as ts.FunctionDeclaration | ts.MethodDeclaration);
  if (tsi.isVariableStatement(node)) {
    const decls = node.declarationList.declarations;
    return decls.length === 1 ? asFunction(decls[0]!.initializer) : undefined;
  }
  if (tsi.isVariableDeclaration(node) || tsi.isPropertyAssignment(node) || tsi.isPropertyDeclaration(node)) return asFunction(node.initializer);
  if (tsi.isExportAssignment(node)) return asFunction(node.expression);
  // `/** @traced */ module.handler = () => …;`
  if (tsi.isExpressionStatement(node) && isAssignment(tsi, node.expression)) return asFunction(node.expression.right);
  if (tsi.isExpression(node)) return asFunction(node);
  return undefined;
}

/** The implementation (with a body) that follows overload signatures. */
function implementationOf(tsi: TS, signature: ts.FunctionDeclaration | ts.MethodDeclaration): TracedFunction | undefined {
  if (!tsi.isFunctionDeclaration(signature) && !tsi.isMethodDeclaration(signature)) return undefined;
  const parent = signature.parent;
  const siblings: readonly ts.Node[] | undefined =
    tsi.isSourceFile(parent) || tsi.isBlock(parent) || tsi.isModuleBlock(parent) ? parent.statements : tsi.isClassLike(parent) ? parent.members : undefined;
  if (!siblings || !signature.name) return undefined;
  const key = nameKey(tsi, signature.name);
  for (let i = siblings.indexOf(signature) + 1; i < siblings.length; i++) {
    const s = siblings[i] as ts.FunctionDeclaration | ts.MethodDeclaration;
    if (s.kind !== signature.kind || !s.name || nameKey(tsi, s.name) !== key) return undefined;
    if (s.body) return s;
  }
  return undefined;
}

function isAssignment(tsi: TS, node: ts.Node): node is ts.BinaryExpression {
  return tsi.isBinaryExpression(node) && node.operatorToken.kind === tsi.SyntaxKind.EqualsToken;
}
