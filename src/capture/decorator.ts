/**
 * `@trace` on class methods, in both decorator dialects, told apart at run time:
 * TC39 stage-3 calls `(method, context)`; TypeScript's `experimentalDecorators` calls
 * `(target, key, descriptor)`. Anything that is not a method fails at decoration time.
 */
import { describeValue, TracedUsageError } from "../config/errors.js";
import { recordInContextMetadata, recordOnTarget, type TracedMethodInfo } from "./method-metadata.js";
import { recordedParameterNames } from "./parameter-names.js";
import { type TraceOptions } from "./trace-options.js";
import { siteForFunction, wrapFunction } from "./wrap-function.js";

export function isDecoratorContext(value: unknown): value is DecoratorContext {
  return typeof value === "object" && value !== null && typeof (value as DecoratorContext).kind === "string" && "name" in value && typeof (value as ClassMethodDecoratorContext).addInitializer === "function";
}

function where(name: unknown, isStatic: boolean): string {
  return `@trace on ${isStatic ? "static " : ""}${String(name)}`;
}

function methodInfo(method: Function, name: string | symbol, isStatic: boolean, options: TraceOptions): TracedMethodInfo {
  const site = siteForFunction(method, options, typeof name === "symbol" ? name.description ?? "anonymous" : name);
  return { methodName: name, static: isStatic, options, parameterNames: site.params?.map((p) => (p.rest ? `...${p.name}` : p.name)) ?? recordedParameterNames(method) };
}

/** Stage-3: `(method, context)`; returns the replacement method. */
export function decorateStage3(method: Function, context: DecoratorContext, options: TraceOptions): Function {
  if (context.kind !== "method") {
    const kind = context.kind === "accessor" ? "an auto-accessor" : `a ${context.kind}`;
    throw new TracedUsageError(`@trace can decorate methods only; ${String(context.name ?? "(anonymous class)")} is ${kind}`);
  }
  const label = where(context.name, context.static);
  if (typeof method !== "function") throw new TracedUsageError(`${label}: expected a method, got ${describeValue(method)}`);
  const name = typeof context.name === "symbol" ? context.name.description ?? "anonymous" : context.name;
  const site = siteForFunction(method, options, name);
  const info = methodInfo(method, context.name, context.static, options);
  recordInContextMetadata(context.metadata, info);
  let recorded = false;
  context.addInitializer(function (this: unknown) {
    // The class or prototype is only known here; record once, on the first instance.
    if (recorded) return;
    recorded = true;
    const target = context.static ? (this as object) : Object.getPrototypeOf(this as object);
    if (target) recordOnTarget(target, info);
  });
  return wrapFunction(method, site, label);
}

/** Legacy (`experimentalDecorators`): `(target, key, descriptor)`; returns the new descriptor. */
export function decorateLegacy(target: object, key: string | symbol, descriptor: PropertyDescriptor | undefined, options: TraceOptions): PropertyDescriptor {
  const isStatic = typeof target === "function";
  const label = where(key, isStatic);
  if (descriptor === undefined) throw new TracedUsageError(`@trace can decorate methods only; ${String(key)} is a field`);
  if (descriptor.get || descriptor.set) throw new TracedUsageError(`@trace can decorate methods only; ${String(key)} is an accessor`);
  if (typeof descriptor.value !== "function") throw new TracedUsageError(`${label}: expected a method, got ${describeValue(descriptor.value)}`);
  const method = descriptor.value as Function;
  const name = typeof key === "symbol" ? key.description ?? "anonymous" : key;
  recordOnTarget(target, methodInfo(method, key, isStatic, options));
  return { ...descriptor, value: wrapFunction(method, siteForFunction(method, options, name), label) };
}
