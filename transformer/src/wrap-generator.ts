/**
 * Wraps a generator (sync or async) in place: the function keeps its parameters and becomes
 * `return yield* __traced.invokeGenerator(site, [args], (function* () { body }).call(this))`.
 * Generators cannot be arrows, so the inner generator has its own `arguments` and no `super`;
 * the body's `arguments` and `super.x` are rewritten to read the outer function's, captured
 * once before delegating. `new.target` is always undefined in a generator, inner or outer.
 * Assigning to a super property cannot be rewritten that way: it is reported instead.
 */
import type ts from "typescript";
import { DiagnosticCode } from "./diagnostics.js";
import { callRuntime, type FileContext } from "./file-context.js";
import { argumentValues, type ParameterPlan } from "./parameters.js";
import { movedStatements, outerBlock, prologueLength } from "./wrap-call.js";

export function wrapGeneratorBody(
  ctx: FileContext,
  body: ts.Block,
  async: boolean,
  site: ts.Identifier,
  plan: ParameterPlan,
  context: ts.TransformationContext,
): ts.Block | undefined {
  const f = ctx.factory;
  const tsi = ctx.ts;
  const split = prologueLength(ctx, body.statements);
  const aliases = new OuterAliases(ctx);
  let rewritten: readonly ts.Statement[] = split === 0 ? body.statements : body.statements.slice(split);
  if (mayNeedRewrite(ctx.file.text, body)) {
    const visitor = (n: ts.Node): ts.Node => rewrite(ctx, aliases, n, context);
    rewritten = rewritten.map((s) => tsi.visitNode(s, visitor, tsi.isStatement));
    if (aliases.unsupported) return undefined; // reported; the generator stays untraced
  }
  const inner = f.createFunctionExpression(
    async ? [f.createModifier(tsi.SyntaxKind.AsyncKeyword)] : undefined,
    f.createToken(tsi.SyntaxKind.AsteriskToken),
    undefined,
    undefined,
    [],
    undefined,
    f.createBlock(movedStatements(ctx, body, rewritten), true),
  );
  const started = f.createCallExpression(f.createPropertyAccessExpression(f.createParenthesizedExpression(inner), "call"), undefined, [f.createThis()]);
  const delegate = callRuntime(ctx, async ? "invokeAsyncGenerator" : "invokeGenerator", [
    site,
    f.createArrayLiteralExpression(argumentValues(tsi, plan)),
    started,
  ]);
  const ret = f.createReturnStatement(f.createYieldExpression(f.createToken(tsi.SyntaxKind.AsteriskToken), delegate));
  return outerBlock(ctx, body, [...body.statements.slice(0, split), ...aliases.declarations(), ret]);
}

/**
 * Whether the body's text mentions `arguments` or `super` (most generator bodies do not, and
 * then need no rewrite walk). A backslash may be an escape that spells either, so it counts too.
 */
function mayNeedRewrite(text: string, body: ts.Block): boolean {
  if (body.pos < 0) return true;
  const source = text.slice(body.pos, body.end);
  return source.includes("arguments") || source.includes("super") || source.includes("\\");
}

/** `const __traced_arguments = arguments;` and `const __traced_super = (key) => super[key];`, made on first use. */
class OuterAliases {
  argumentsAlias: ts.Identifier | undefined;
  unsupported = false;
  superAlias: ts.Identifier | undefined;
  constructor(private readonly ctx: FileContext) {}

  args(): ts.Identifier {
    return (this.argumentsAlias ??= this.ctx.factory.createUniqueName("__traced_arguments"));
  }

  superGetter(): ts.Identifier {
    return (this.superAlias ??= this.ctx.factory.createUniqueName("__traced_super"));
  }

  declarations(): ts.Statement[] {
    const f = this.ctx.factory;
    const tsi = this.ctx.ts;
    const out: ts.Statement[] = [];
    const constant = (name: ts.Identifier, value: ts.Expression) =>
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, value)], tsi.NodeFlags.Const));
    if (this.argumentsAlias) out.push(constant(this.argumentsAlias, f.createIdentifier("arguments")));
    if (this.superAlias) {
      const key = f.createIdentifier("key");
      const getter = f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, key)], undefined, f.createToken(tsi.SyntaxKind.EqualsGreaterThanToken), f.createElementAccessExpression(f.createSuper(), key));
      out.push(constant(this.superAlias, getter));
    }
    return out;
  }
}

function isSuperProperty(ctx: FileContext, node: ts.Node): boolean {
  const tsi = ctx.ts;
  return (tsi.isPropertyAccessExpression(node) || tsi.isElementAccessExpression(node)) && node.expression.kind === tsi.SyntaxKind.SuperKeyword;
}

function isUpdate(ctx: FileContext, node: ts.Node): boolean {
  const k = ctx.ts.SyntaxKind;
  if (ctx.ts.isBinaryExpression(node)) return node.operatorToken.kind >= k.FirstAssignment && node.operatorToken.kind <= k.LastAssignment && isSuperProperty(ctx, skipParens(ctx, node.left));
  if (ctx.ts.isPrefixUnaryExpression(node) || ctx.ts.isPostfixUnaryExpression(node)) {
    return (node.operator === k.PlusPlusToken || node.operator === k.MinusMinusToken) && isSuperProperty(ctx, skipParens(ctx, node.operand));
  }
  return false;
}

function skipParens(ctx: FileContext, node: ts.Expression): ts.Expression {
  while (ctx.ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

function rewrite(ctx: FileContext, aliases: OuterAliases, node: ts.Node, context: ts.TransformationContext): ts.Node {
  const tsi = ctx.ts;
  const f = ctx.factory;
  const again = (n: ts.Node): ts.Node => rewrite(ctx, aliases, n, context);
  // Nested non-arrow functions and classes have their own `arguments` and `super`.
  if ((tsi.isFunctionLike(node) && !tsi.isArrowFunction(node)) || tsi.isClassLike(node)) return node;
  if (tsi.isIdentifier(node) && node.escapedText === "arguments") return aliases.args();
  if (tsi.isPropertyAccessExpression(node) && !isSuperProperty(ctx, node)) {
    return f.updatePropertyAccessExpression(node, tsi.visitNode(node.expression, again, tsi.isExpression), node.name);
  }
  if (tsi.isPropertyAssignment(node)) {
    return f.updatePropertyAssignment(node, tsi.visitNode(node.name, again, tsi.isPropertyName), tsi.visitNode(node.initializer, again, tsi.isExpression));
  }
  if (tsi.isShorthandPropertyAssignment(node) && node.name.escapedText === "arguments") {
    return f.createPropertyAssignment("arguments", aliases.args());
  }
  if (isUpdate(ctx, node)) {
    const start = node.pos >= 0 ? node.getStart(ctx.file) : 0;
    ctx.report(start, Math.max(node.end - start, 0), DiagnosticCode.unsupportedSuper, "assigning to a super property inside a traced generator is not supported");
    aliases.unsupported = true;
    return node;
  }
  if (tsi.isCallExpression(node) && isSuperProperty(ctx, node.expression)) {
    // super.m(a) → __traced_super("m").call(this, a): same method, same receiver.
    const method = superRead(ctx, aliases, node.expression as ts.PropertyAccessExpression | ts.ElementAccessExpression, again);
    const args = [f.createThis(), ...node.arguments.map((a) => tsi.visitNode(a, again, tsi.isExpression))];
    const call = node.questionDotToken
      ? f.createCallChain(f.createPropertyAccessChain(method, f.createToken(tsi.SyntaxKind.QuestionDotToken), "call"), undefined, undefined, args)
      : f.createCallExpression(f.createPropertyAccessExpression(method, "call"), undefined, args);
    return tsi.setTextRange(call, node);
  }
  if (isSuperProperty(ctx, node)) return tsi.setTextRange(superRead(ctx, aliases, node as ts.PropertyAccessExpression | ts.ElementAccessExpression, again), node);
  return tsi.visitEachChild(node, again, context);
}

function superRead(ctx: FileContext, aliases: OuterAliases, node: ts.PropertyAccessExpression | ts.ElementAccessExpression, again: (n: ts.Node) => ts.Node): ts.Expression {
  const tsi = ctx.ts;
  const f = ctx.factory;
  const key = tsi.isPropertyAccessExpression(node) ? f.createStringLiteral(tsi.idText(node.name as ts.Identifier)) : tsi.visitNode(node.argumentExpression, again, tsi.isExpression);
  return f.createCallExpression(aliases.superGetter(), undefined, [key]);
}
