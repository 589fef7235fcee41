// Node 20's AsyncLocalStorage runs an async hook on every promise and callback of the process
// once any instance is enabled, whoever enabled it: that cost lands on the bare SDK call too,
// and is the same for every library that keeps context in one (all of them here). This keeps
// a list of every instance that gets enabled, so the benchmark can hold the same state for all
// variants (every instance on) and measure the bare SDK once more with every instance off.
// Import it before anything that may enable an instance.
import { AsyncLocalStorage } from "node:async_hooks";

const instances = new Set();
const proto = AsyncLocalStorage.prototype;
// Internal in Node 20 and 22 (without async context frames); absent there, the state cannot be switched.
const enable = typeof proto._enable === "function" ? proto._enable : undefined;
if (enable !== undefined) {
  proto._enable = function () {
    instances.add(this);
    return enable.call(this);
  };
}

// One instance of our own, so "on" means on even before any library has enabled its own.
const own = new AsyncLocalStorage();
own.enterWith(undefined);

export const storageHooks = {
  switchable: enable !== undefined,
  get count() {
    return instances.size;
  },
  /** Every instance enabled so far, enabled again (the same hook list for every variant). */
  on() {
    if (enable !== undefined) for (const instance of instances) enable.call(instance);
  },
  /** Every instance disabled: Node removes its async hook when none is left. */
  off() {
    for (const instance of instances) instance.disable();
  },
};
