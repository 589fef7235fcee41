/**
 * The one process-wide state of traced. An app can load traced twice (its ESM and its
 * CommonJS build, or two copies in node_modules); both must see one configuration, one
 * context and one export queue, so the state lives on `globalThis` under a registered
 * symbol, as the OpenTelemetry API does. Copies with another major version keep their own
 * state (their shapes may differ) and say so once.
 */
import { createClockAnchor, type ClockAnchor } from "../model/clock.js";
import { Diagnostics } from "./diagnostics.js";
import { configFromEnv } from "./env.js";
import { DEFAULT_CONFIG, type TracingConfig } from "./options.js";

export const TRACED_VERSION = "0.1.0";
const MAJOR = TRACED_VERSION.split(".")[0]!;
const GLOBAL_KEY = Symbol.for("traced.registry");

export interface Registry {
  readonly version: string;
  /** Mutated in place by configure(), so every holder of this object sees changes at once. */
  readonly config: TracingConfig;
  readonly diagnostics: Diagnostics;
  readonly clock: ClockAnchor;
  /** Shared objects owned by other layers (context storage, export queue, …), by key. */
  readonly singletons: Map<string, unknown>;
}

function createRegistry(): Registry {
  const diagnostics = new Diagnostics();
  return {
    version: TRACED_VERSION,
    config: { ...DEFAULT_CONFIG, ...configFromEnv(process.env, diagnostics) },
    diagnostics,
    clock: createClockAnchor(),
    singletons: new Map(),
  };
}

function obtainRegistry(): Registry {
  const holder = globalThis as Record<symbol, Registry | undefined>;
  const existing = holder[GLOBAL_KEY];
  if (existing === undefined) {
    const created = createRegistry();
    Object.defineProperty(globalThis, GLOBAL_KEY, { value: created, configurable: true, enumerable: false, writable: false });
    return created;
  }
  if (existing.version.split(".")[0] === MAJOR) return existing;
  const own = createRegistry();
  own.diagnostics.reportOnce(
    "version-conflict",
    `traced ${TRACED_VERSION} found traced ${existing.version} already loaded; their major versions differ, so this copy keeps its own configuration and context. Deduplicate traced in node_modules.`,
  );
  return own;
}

export const registry: Registry = obtainRegistry();
export const config: TracingConfig = registry.config;
export const diagnostics: Diagnostics = registry.diagnostics;

/** The process-wide instance stored under `key`, created on first use. */
export function shared<T>(key: string, create: () => T): T {
  let value = registry.singletons.get(key) as T | undefined;
  if (value === undefined) {
    value = create();
    registry.singletons.set(key, value);
  }
  return value;
}
