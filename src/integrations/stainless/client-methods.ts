/**
 * Finding and patching the traced methods of a Stainless client. Its resources are plain
 * objects hanging off the client (`client.messages`, `client.beta.messages` …), each an
 * instance of a resource class: one client is traced by patching those objects, every
 * client by patching their classes' prototypes, found through a probe client.
 */
import { patchMethod } from "../llm/method-patches.js";
import { type IntegrationOptions } from "../llm/integration-options.js";
import { type MethodAdapter } from "../llm/traced-method.js";

export interface ClientMethod {
  /** Where the resource object sits on a client, e.g. `["beta", "messages"]`. */
  readonly resource: readonly string[];
  readonly key: string;
  readonly adapter: MethodAdapter;
}

export function resourceOf(client: unknown, path: readonly string[]): object | undefined {
  let value = client;
  for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === "object" && value !== null ? value : undefined;
}

/**
 * Patches `methods` on one client's resources, and on the copies its `withOptions(...)` makes
 * (they get resources of their own); returns how many methods were patched.
 */
export function traceClientMethods(client: object, methods: readonly ClientMethod[], options: IntegrationOptions): number {
  let traced = 0;
  for (const { resource, key, adapter } of methods) {
    const target = resourceOf(client, resource);
    if (target !== undefined && patchMethod(target, key, adapter, options) !== undefined) traced++;
  }
  const withOptions = (client as { withOptions?: unknown }).withOptions;
  if (typeof withOptions === "function") {
    Object.defineProperty(client, "withOptions", {
      value: function (this: unknown, ...args: unknown[]) {
        const copy = Reflect.apply(withOptions, this, args);
        if (typeof copy === "object" && copy !== null) traceClientMethods(copy, methods, options);
        return copy;
      },
      writable: true,
      configurable: true,
    });
  }
  return traced;
}

function prototypeOf(value: object | undefined): object | undefined {
  const proto = value === undefined ? undefined : Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype ? undefined : proto;
}

/** The prototypes every client's resources inherit `methods` from, for `AutologPatches.apply`. */
export function prototypeTargets(probe: object, methods: readonly ClientMethod[]) {
  return methods.map(({ resource, key, adapter }) => ({
    target: prototypeOf(resourceOf(probe, resource)),
    key,
    method: [...resource, key].join("."),
    adapter,
  }));
}
