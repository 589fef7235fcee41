/**
 * The TypeScript instance the transformer builds nodes with. It must be the compiler that is
 * running (ts-patch passes it in): SyntaxKind numbers differ between versions, so mixing the
 * project's `typescript` with the one a user runs (5.9 vs 6) would corrupt the tree.
 */
import type ts from "typescript";

export type TS = typeof ts;

export function resolveTypeScript(given: TS | undefined): TS {
  if (given) return given;
  // Only reached outside ts-patch (transpileModule without an explicit `ts`).
  return require("typescript") as TS;
}
