/**
 * Where a function's `@traced` tag may be written, and the span name it gets: on the function
 * itself (also inside parentheses or `as`/`satisfies`), on the declaration that holds it
 * (`const`, property, class field, a parameter or destructured binding it defaults,
 * `export default`, an assignment statement), or on any
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

/**
 * The span name: the function's own name, else the name a reader gives it from where it is
 * assigned — the variable, destructured binding or parameter it defaults, the property, the
 * class field (`Class.field`, also `this.field = …` in a class), the assigned name, or
 * `default` for a default export. A function in a branch of `a ? f : g` or a fallback
 * `x ?? f` takes the name the whole expression is assigned to. `anonymous` where there is
 * none (an argument of a call, a returned function).
 */
export function spanName(tsi: TS, fn: TracedFunction): string {
  if (tsi.isFunctionDeclaration(fn)) return fn.name ? tsi.idText(fn.name) : "default";
  if (tsi.isMethodDeclaration(fn)) return propertyNameText(tsi, fn.name);
  if (tsi.isFunctionExpression(fn) && fn.name) return tsi.idText(fn.name);
  return assignedName(tsi, fn) ?? "anonymous";
}

/** The name an expression (a function or class expression) is given by where it is assigned. */
function assignedName(tsi: TS, expression: ts.Expression): string | undefined {
  const value = skipToAssignedValue(tsi, expression);
  const host = value.parent;
  if (!host) return undefined;
  if ((tsi.isVariableDeclaration(host) || tsi.isBindingElement(host) || tsi.isParameter(host)) && host.initializer === value) {
    return tsi.isIdentifier(host.name) ? tsi.idText(host.name) : undefined;
  }
  if (tsi.isPropertyAssignment(host) && host.initializer === value) return propertyNameText(tsi, host.name);
  if (tsi.isPropertyDeclaration(host) && host.initializer === value) return memberName(tsi, host.parent, propertyNameText(tsi, host.name));
  if (tsi.isExportAssignment(host)) return "default";
  if (isAssignment(tsi, host) && host.right === value) return assignmentTargetName(tsi, host.left);
  return undefined;
}

/** `Class.member`, or the member alone for a class with no name anyone could give it. */
function memberName(tsi: TS, cls: ts.Node, member: string): string {
  const name = tsi.isClassLike(cls) ? className(tsi, cls) : undefined;
  return name === undefined ? member : `${name}.${member}`;
}

function className(tsi: TS, cls: ts.ClassLikeDeclaration): string | undefined {
  if (cls.name) return tsi.idText(cls.name);
  if (tsi.isClassDeclaration(cls)) return cls.modifiers?.some((m) => m.kind === tsi.SyntaxKind.DefaultKeyword) ? "default" : undefined;
  return assignedName(tsi, cls);
}

function assignmentTargetName(tsi: TS, target: ts.Expression): string | undefined {
  if (tsi.isIdentifier(target)) return tsi.idText(target);
  if (tsi.isPropertyAccessExpression(target)) {
    const member = propertyNameText(tsi, target.name);
    const cls = target.expression.kind === tsi.SyntaxKind.ThisKeyword ? classOfThis(tsi, target) : undefined;
    return cls ? memberName(tsi, cls, member) : member;
  }
  if (tsi.isElementAccessExpression(target) && (tsi.isStringLiteral(target.argumentExpression) || tsi.isNoSubstitutionTemplateLiteral(target.argumentExpression))) {
    return target.argumentExpression.text;
  }
  return undefined;
}

/** The class whose instance (or constructor, in a static member) `this` is at `node`, if any. */
function classOfThis(tsi: TS, node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (tsi.isClassLike(current)) return current;
    // A function of its own (not an arrow, not a member of the class) has its own `this`.
    if (tsi.isFunctionLike(current) && !tsi.isArrowFunction(current) && !(current.parent && tsi.isClassLike(current.parent))) return undefined;
  }
  return undefined;
}

/**
 * Up from `node` through what does not change the value assigned: parentheses and type
 * assertions, a branch of a conditional, the fallback of `??`, `||` or `&&`.
 */
function skipToAssignedValue(tsi: TS, node: ts.Node): ts.Node {
  let current = skipWrappersUp(tsi, node);
  for (;;) {
    const parent = current.parent;
    if (parent && tsi.isConditionalExpression(parent) && parent.condition !== current) current = skipWrappersUp(tsi, parent);
    else if (parent && tsi.isBinaryExpression(parent) && parent.right === current && isFallbackOperator(tsi, parent.operatorToken.kind)) current = skipWrappersUp(tsi, parent);
    else return current;
  }
}

function isFallbackOperator(tsi: TS, kind: ts.SyntaxKind): boolean {
  const k = tsi.SyntaxKind;
  return kind === k.QuestionQuestionToken || kind === k.BarBarToken || kind === k.AmpersandAmpersandToken;
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
  if (tsi.isVariableDeclaration(node) || tsi.isPropertyAssignment(node) || tsi.isPropertyDeclaration(node) || tsi.isParameter(node) || tsi.isBindingElement(node)) {
    return asFunction(node.initializer);
  }
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

/** `=`, and the logical assignments (`??=`, `||=`, `&&=`), which name a function as `=` does. */
function isAssignment(tsi: TS, node: ts.Node): node is ts.BinaryExpression {
  if (!tsi.isBinaryExpression(node)) return false;
  const k = tsi.SyntaxKind;
  const op = node.operatorToken.kind;
  return op === k.EqualsToken || op === k.QuestionQuestionEqualsToken || op === k.BarBarEqualsToken || op === k.AmpersandAmpersandEqualsToken;
}
