/**
 * The query and store code, loaded on first use: `import "traced"` then costs only the
 * capture path (issue 17). Under CommonJS tsc turns the import() into a require of the
 * CommonJS copy, so both module systems share one loaded copy of their own.
 */
type QueryImpl = typeof import("./query-impl.js");

let loading: Promise<QueryImpl> | undefined;
let loaded: QueryImpl | undefined;

export function loadQuery(): Promise<QueryImpl> {
  loading ??= import("./query-impl.js").then((impl) => (loaded = impl));
  return loading;
}

/** The loaded code, or undefined when nothing has used it yet (then there is nothing to close). */
export function queryLoaded(): Promise<QueryImpl> | undefined {
  return loaded !== undefined ? Promise.resolve(loaded) : loading;
}
