/**
 * Replacing SDK methods, and putting them back. `tracedX(client)` patches one client's
 * objects; `autolog()` patches the SDK's prototypes, so every client, made before or after,
 * is traced. Each patch remembers what it replaced, so `autolog({ disable: true })` restores
 * the SDK exactly.
 */
import { diagnostics } from "../../config/registry.js";
import { type IntegrationOptions } from "./integration-options.js";
import { isTracedMethod, originalOf, tracedMethod, type MethodAdapter } from "./traced-method.js";

interface Patch {
  readonly target: object;
  readonly key: string;
  /** The own property that was there before, if any (a prototype's method, an instance field). */
  readonly previous: PropertyDescriptor | undefined;
}

/** Replaces `target[key]` (a method) with a traced one; undefined when there is no such method. */
export function patchMethod(target: object, key: string, adapter: MethodAdapter, options: IntegrationOptions): Patch | undefined {
  const current = (target as Record<string, unknown>)[key];
  if (typeof current !== "function") return undefined;
  const previous = Object.getOwnPropertyDescriptor(target, key);
  // Always over the SDK's own function: a client traced on its own is not traced twice
  // under autolog, and keeps working unchanged when autolog is undone.
  Object.defineProperty(target, key, {
    value: tracedMethod(originalOf(current), adapter, options),
    writable: true,
    configurable: true,
    enumerable: previous?.enumerable ?? false,
  });
  return { target, key, previous: isTracedMethod(previous?.value) ? undefined : previous };
}

export function restore(patch: Patch): void {
  if (patch.previous === undefined) delete (patch.target as Record<string, unknown>)[patch.key];
  else Object.defineProperty(patch.target, patch.key, patch.previous);
}

/** The patches one integration's `autolog()` made, so a later call can replace or undo them. */
export class AutologPatches {
  private patches: Patch[] = [];

  constructor(private readonly sdk: string) {}

  get active(): boolean {
    return this.patches.length !== 0;
  }

  /** Patches `key` on each target; reports once per method the installed SDK does not have. */
  apply(targets: readonly { target: object | undefined; key: string; method: string; adapter: MethodAdapter }[], options: IntegrationOptions): void {
    this.undo();
    for (const { target, key, method, adapter } of targets) {
      const patch = target === undefined ? undefined : patchMethod(target, key, adapter, options);
      if (patch === undefined) diagnostics.reportOnce(`autolog-method-missing:${this.sdk}:${method}`, `autolog: the installed ${this.sdk} has no ${method}; those calls are not traced`);
      else this.patches.push(patch);
    }
  }

  undo(): void {
    for (const patch of this.patches.reverse()) restore(patch);
    this.patches = [];
  }
}
