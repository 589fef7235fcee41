/**
 * A Node builtin loaded when first needed rather than at import: `import "traced"` then does
 * not pay for node:http and node:https (with net and tls) in an app that never exports over
 * them, and runtimes that send with `fetch` never load them at all.
 */
import { createRequire } from "node:module";

export function nodeBuiltin<T>(id: string): T {
  const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (typeof getBuiltinModule === "function") return getBuiltinModule.call(process, id) as T;
  // Node 20 before 20.16: a require anchored anywhere loads a builtin.
  return createRequire(`${process.cwd()}/`)(id) as T;
}
