/**
 * Finds `var` declarations in a body that re-declare a parameter. Moving such a body into a
 * closure would make the `var` a new, undefined binding instead of the parameter, so the
 * transformer reports it rather than change behaviour.
 */
import type ts from "typescript";
import type { TS } from "./typescript.js";

/**
 * Whether the body's text could hold a `var` (a cheap pre-check: most bodies have none, and
 * then need no walk). A backslash may be an escape that spells a keyword, so it counts too.
 */
export function mayRedeclare(text: string, body: ts.Node): boolean {
  if (body.pos < 0) return true;
  const source = text.slice(body.pos, body.end);
  return source.includes("var") || source.includes("\\");
}

export function redeclaredParameter(tsi: TS, params: readonly ts.ParameterDeclaration[], body: ts.Node): ts.Identifier | undefined {
  const bound = new Set<string>();
  for (const p of params) collectBindingNames(tsi, p.name, bound);
  if (bound.size === 0) return undefined;
  let hit: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (hit) return;
    if (tsi.isFunctionLike(node) || tsi.isClassLike(node)) return; // their vars are their own
    if (tsi.isVariableDeclarationList(node) && !(node.flags & tsi.NodeFlags.BlockScoped)) {
      const names = new Set<string>();
      for (const d of node.declarations) collectBindingNames(tsi, d.name, names, (id) => {
        if (!hit && bound.has(tsi.idText(id))) hit = id;
      });
    }
    tsi.forEachChild(node, visit);
  };
  tsi.forEachChild(body, visit);
  return hit;
}

function collectBindingNames(tsi: TS, name: ts.BindingName, into: Set<string>, onName?: (id: ts.Identifier) => void): void {
  if (tsi.isIdentifier(name)) {
    if (name.escapedText !== "this") into.add(tsi.idText(name));
    onName?.(name);
    return;
  }
  for (const element of name.elements) {
    if (!tsi.isOmittedExpression(element)) collectBindingNames(tsi, element.name, into, onName);
  }
}
