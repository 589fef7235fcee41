import { describeValue, TracedUsageError } from "../config/errors.js";
import { createCallSite, type CallSite } from "./call-site.js";
import { parameterInfo } from "./parameter-names.js";
import { traceGenerator } from "./stream.js";
import { callTraced } from "./traced-call.js";
import { type TraceOptions } from "./trace-options.js";

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;

function isClass(fn: Function): boolean {
  try {
    return /^class[\s{]/.test(Function.prototype.toString.call(fn));
  } catch {
    return false;
  }
}

/** The call site for `fn`: its options, its name and its parameter names, prepared once. */
export function siteForFunction(fn: Function, options: TraceOptions, name?: string): CallSite {
  return createCallSite(options, { name: name ?? (fn.name || "anonymous"), params: parameterInfo(fn) });
}

/** Wraps `fn` so each call is a span. Keeps `name`, `length`, `this` and sync/async nature. */
export function wrapFunction<F extends Function>(fn: F, site: CallSite, where: string): F {
  if (typeof fn !== "function") throw new TracedUsageError(`${where}: expected a function to trace, got ${describeValue(fn)}`);
  if (isClass(fn)) throw new TracedUsageError(`${where}: cannot trace class ${fn.name || "(anonymous)"}; decorate its methods with @trace instead`);
  const original = fn as unknown as AnyFunction;
  let wrapper: AnyFunction;
  if (fn instanceof GeneratorFunction || fn instanceof AsyncGeneratorFunction) {
    // Calling a generator function runs none of its body: the span opens on the first next().
    wrapper = function (this: unknown, ...args: unknown[]) {
      return traceGenerator(site, args, Reflect.apply(original, this, args) as Generator | AsyncGenerator);
    };
  } else {
    wrapper = function (this: unknown, ...args: unknown[]) {
      return callTraced(site, args, original, this, args);
    };
  }
  Object.defineProperty(wrapper, "name", { value: fn.name, configurable: true });
  Object.defineProperty(wrapper, "length", { value: fn.length, configurable: true });
  return wrapper as unknown as F;
}
