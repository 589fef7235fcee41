/**
 * What `@trace` records about each traced method, so frameworks and tests can ask which
 * methods are traced and how. Three places, whichever the app has:
 * - stage-3 decorators: `context.metadata` (readable as `Class[Symbol.metadata]`) when the
 *   runtime defines `Symbol.metadata`;
 * - reflect-metadata, when loaded: keys `TRACED_OPTIONS_KEY` and `TRACED_PARAMETERS_KEY`
 *   on (prototype or class, method name);
 * - always: `getTracedMethods(ClassOrPrototype)`.
 */
import { shared } from "../config/registry.js";
import { type TraceOptions } from "./trace-options.js";

export const TRACED_OPTIONS_KEY = "traced:options";
export const TRACED_PARAMETERS_KEY = "traced:parameterNames";
/** The key under which `context.metadata` holds `{ [methodName]: TracedMethodInfo }`. */
export const TRACED_METADATA = Symbol.for("traced.methods");

export interface TracedMethodInfo {
  readonly methodName: string | symbol;
  readonly static: boolean;
  readonly options: TraceOptions;
  readonly parameterNames: readonly string[] | undefined;
}

const byTarget = shared("capture.tracedMethods", () => new WeakMap<object, Map<string | symbol, TracedMethodInfo>>());

interface ReflectMetadataApi {
  defineMetadata(key: unknown, value: unknown, target: object, property?: string | symbol): void;
}

function reflectMetadata(): ReflectMetadataApi | undefined {
  const api = Reflect as unknown as Partial<ReflectMetadataApi>;
  return typeof api.defineMetadata === "function" ? (api as ReflectMetadataApi) : undefined;
}

/** Records `info` for a method of `target` (the prototype, or the class for static methods). */
export function recordOnTarget(target: object, info: TracedMethodInfo): void {
  let methods = byTarget.get(target);
  if (methods === undefined) byTarget.set(target, (methods = new Map()));
  if (methods.has(info.methodName)) return;
  methods.set(info.methodName, info);
  const api = reflectMetadata();
  if (api !== undefined) {
    api.defineMetadata(TRACED_OPTIONS_KEY, info.options, target, info.methodName);
    api.defineMetadata(TRACED_PARAMETERS_KEY, info.parameterNames, target, info.methodName);
  }
}

/** Records `info` in a stage-3 decorator's metadata object, keeping what a base class recorded. */
export function recordInContextMetadata(metadata: DecoratorMetadataObject | undefined, info: TracedMethodInfo): void {
  if (metadata === undefined || metadata === null) return;
  const own = Object.prototype.hasOwnProperty.call(metadata, TRACED_METADATA)
    ? (metadata[TRACED_METADATA] as Record<string | symbol, TracedMethodInfo>)
    : (metadata[TRACED_METADATA] = { ...(metadata[TRACED_METADATA] as object | undefined) } as Record<string | symbol, TracedMethodInfo>);
  own[info.methodName] = info;
}

/** The traced methods (instance and static, inherited included) of a class, prototype or instance. */
export function getTracedMethods(target: object): TracedMethodInfo[] {
  const cls = (typeof target === "function" ? target : (target as { constructor?: Function }).constructor) as Function | undefined;
  const found = new Map<string, TracedMethodInfo>();
  const key = (info: TracedMethodInfo) => `${info.static ? "static " : ""}${String(info.methodName)}`;
  const collect = (c: Function | null): void => {
    if (typeof c !== "function" || c === Function.prototype) return;
    collect(Object.getPrototypeOf(c));
    for (const holder of [c, c.prototype as object]) {
      for (const info of byTarget.get(holder)?.values() ?? []) found.set(key(info), info);
    }
    const metadataSymbol = (Symbol as { metadata?: symbol }).metadata;
    const metadata = metadataSymbol ? (c as unknown as Record<symbol, DecoratorMetadataObject | undefined>)[metadataSymbol] : undefined;
    const recorded = metadata?.[TRACED_METADATA] as Record<string, TracedMethodInfo> | undefined;
    for (const info of Object.values(recorded ?? {})) found.set(key(info), info);
  };
  if (cls) collect(cls);
  return [...found.values()];
}
