/**
 * Wraps a sync or async function's body in place: the function keeps its own parameters,
 * name and length, and its body runs in an arrow closure passed to `invoke`, so `this`,
 * `arguments`, `super` and `new.target` inside it are the function's own.
 */
import type ts from "typescript";
import { callRuntime, type FileContext } from "./file-context.js";
import { argumentValues, type ParameterPlan } from "./parameters.js";

function hasModifier(ctx: FileContext, node: ts.Node, kind: ts.SyntaxKind): boolean {
  const modifiers = ctx.ts.canHaveModifiers(node) ? node.modifiers : undefined;
  if (modifiers === undefined) return false;
  for (let i = 0; i < modifiers.length; i++) if (modifiers[i]!.kind === kind) return true; // decorators never match a keyword kind
  return false;
}

export function isAsync(ctx: FileContext, node: ts.Node): boolean {
  return hasModifier(ctx, node, ctx.ts.SyntaxKind.AsyncKeyword);
}

/**
 * An async function whose parameters cannot throw while binding (plain names: no defaults, no
 * patterns) is emitted without its own `async`: the closure is async and `invoke` returns the
 * traced promise. An async function returning that promise would add a promise and two
 * microtask turns per call; without them a tagged function costs what `trace()` costs, and
 * like the `trace()` wrapper it is then a plain function (`util.types.isAsyncFunction` says
 * false). With defaults or patterns it stays async, so a binding error still rejects.
 */
export function dropsAsync(ctx: FileContext, node: ts.Node, plan: ParameterPlan): boolean {
  return isAsync(ctx, node) && plan.inputs.every((p) => ctx.ts.isIdentifier(p.name) && p.initializer === undefined);
}

/** The modifiers without `async`. */
export function withoutAsync<M extends ts.ModifierLike>(ctx: FileContext, modifiers: ts.NodeArray<M> | undefined): M[] | undefined {
  return modifiers?.filter((m) => m.kind !== ctx.ts.SyntaxKind.AsyncKeyword);
}

/** `[async] () => body` */
function closure(ctx: FileContext, async: boolean, body: ts.ConciseBody): ts.ArrowFunction {
  const f = ctx.factory;
  const modifiers = async ? [f.createModifier(ctx.ts.SyntaxKind.AsyncKeyword)] : undefined;
  return f.createArrowFunction(modifiers, undefined, [], undefined, f.createToken(ctx.ts.SyntaxKind.EqualsGreaterThanToken), body);
}

/** The leading directive prologue ("use strict", …), which must stay first in the function. */
export function prologueLength(ctx: FileContext, statements: readonly ts.Statement[]): number {
  let n = 0;
  while (n < statements.length) {
    const s = statements[n]!;
    if (!ctx.ts.isExpressionStatement(s) || !ctx.ts.isStringLiteral(s.expression)) break;
    n++;
  }
  return n;
}

/** For declarations, expressions and methods: `{ prologue; return __traced.invoke(site, [args], () => { rest }); }` */
export function wrapBlockBody(ctx: FileContext, body: ts.Block, async: boolean, site: ts.Identifier, plan: ParameterPlan): ts.Block {
  const f = ctx.factory;
  const split = prologueLength(ctx, body.statements);
  const inner = f.createBlock(movedStatements(ctx, body, split === 0 ? body.statements : body.statements.slice(split)), true);
  const call = callRuntime(ctx, "invoke", [site, f.createArrayLiteralExpression(argumentValues(ctx.ts, plan)), closure(ctx, async, inner)]);
  const statements = body.statements.slice(0, split);
  statements.push(f.createReturnStatement(call));
  return outerBlock(ctx, body, statements);
}

/**
 * Arrows have no `arguments`, so a destructured parameter's raw value is caught by an outer
 * parameter list of temporaries with the same shape (same `length`), and the original list
 * binds in an inner arrow (arrows are transparent to `this`, `super`, `new.target`).
 */
export function wrapArrow(ctx: FileContext, arrow: ts.ArrowFunction, site: ts.Identifier, plan: ParameterPlan): ts.ArrowFunction {
  const f = ctx.factory;
  const tsi = ctx.ts;
  const async = isAsync(ctx, arrow);
  const invokeWith = (values: ts.Expression[]): ts.Expression =>
    callRuntime(ctx, "invoke", [site, f.createArrayLiteralExpression(values), closure(ctx, async, arrow.body)]);
  const plainValues = (): ts.Expression[] => plan.inputs.map((p) => f.createIdentifier(tsi.idText(p.name as ts.Identifier)));
  if (!plan.hasPattern) {
    const modifiers = dropsAsync(ctx, arrow, plan) ? withoutAsync(ctx, arrow.modifiers) : arrow.modifiers;
    return f.updateArrowFunction(arrow, modifiers, arrow.typeParameters, arrow.parameters, arrow.type, arrow.equalsGreaterThanToken, invokeWith(plainValues()));
  }
  const temps = plan.inputs.map(() => f.createUniqueName("__traced_arg"));
  const outerParams = plan.inputs.map((p, i) =>
    f.createParameterDeclaration(undefined, p.dotDotDotToken, temps[i]!, undefined, undefined, p.initializer ? f.createVoidZero() : undefined),
  );
  const values = plan.inputs.map((p, i) => (tsi.isIdentifier(p.name) ? f.createIdentifier(tsi.idText(p.name)) : temps[i]!));
  const inner = f.createArrowFunction(undefined, undefined, arrow.parameters, undefined, f.createToken(tsi.SyntaxKind.EqualsGreaterThanToken), invokeWith(values));
  const forward = plan.inputs.map((p, i) => (p.dotDotDotToken ? f.createSpreadElement(temps[i]!) : temps[i]!));
  const call = f.createCallExpression(f.createParenthesizedExpression(inner), undefined, forward);
  return f.updateArrowFunction(arrow, arrow.modifiers, arrow.typeParameters, outerParams, arrow.type, arrow.equalsGreaterThanToken, call);
}

/** The function's new body: multi-line, mapped to the original body's braces for source maps. */
export function outerBlock(ctx: FileContext, original: ts.Block, statements: ts.Statement[]): ts.Block {
  const block = ctx.factory.createBlock(statements, true);
  return ctx.ts.setOriginalNode(ctx.ts.setTextRange(block, original), original);
}

/**
 * The body's statements as moved into the closure, keeping the original list's text range:
 * the printer emits the comments before the closing brace (`// end`) from that range. All of
 * them unchanged: the list itself.
 */
export function movedStatements(ctx: FileContext, body: ts.Block, statements: readonly ts.Statement[]): ts.NodeArray<ts.Statement> {
  if (statements === body.statements) return body.statements;
  return ctx.ts.setTextRange(ctx.factory.createNodeArray(statements), body.statements);
}
