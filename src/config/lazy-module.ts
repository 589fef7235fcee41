/**
 * One of traced's own modules, loaded when first needed so that `import "traced"` costs only
 * the capture path (issue 17). `load()` imports it in the background; `now()` is for the step
 * that cannot wait (an export at `process.exit()`): the module when loaded, else required
 * synchronously (see require-sibling.ts, which a bundle cannot do). The caller writes the
 * `import("./x.js")` itself, so bundlers see it and tsc's CommonJS build turns it into a require.
 */
import { requireSibling } from "./require-sibling.js";

export interface LazyModule<T> {
  /** Starts loading the module (once); resolves with it. */
  load(): Promise<T>;
  /** The module now: loaded already, or required synchronously. */
  now(): T;
  /** The module if it has loaded (by either way), else undefined. */
  readonly loaded: T | undefined;
  /** Called by the module itself when it loads, however it was loaded (a static import in a test or a tool). */
  provide(module: T): void;
}

/** `fromDist` is the module's path inside dist/esm and dist/cjs, e.g. "export/otlp/otlp-proto.js". */
export function lazyModule<T>(importer: () => Promise<T>, fromDist: string): LazyModule<T> {
  let loaded: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    load: () => (loading ??= importer().then((module) => (loaded ??= module))),
    now: () => (loaded ??= requireSibling<T>(fromDist)),
    get loaded() {
      return loaded;
    },
    provide(module: T) {
      loaded ??= module;
    },
  };
}
