import { describeValue, TracedUsageError } from "../config/errors.js";
import { decorateLegacy, decorateStage3, isDecoratorContext } from "./decorator.js";
import { validateTraceOptions, type MethodTraceOptions, type StreamOf, type TraceOptions } from "./trace-options.js";
import { siteForFunction, wrapFunction } from "./wrap-function.js";

/**
 * A decorator usable in both dialects (stage-3 and `experimentalDecorators`). With a typed
 * `outputReducer`, only methods streaming that reducer's chunk type are accepted.
 */
export interface TraceDecorator<Chunk = any> {
  <This, F extends (this: This, ...args: any[]) => StreamOf<Chunk>>(method: F, context: ClassMethodDecoratorContext<This, F>): F;
  <F extends (...args: any[]) => StreamOf<Chunk>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<F>): any;
}

function decoratorFor(options: TraceOptions): TraceDecorator {
  return function traceDecorator(target: unknown, key: unknown, descriptor?: PropertyDescriptor): any {
    if (isDecoratorContext(key)) return decorateStage3(target as Function, key, options);
    if ((typeof key === "string" || typeof key === "symbol") && (typeof target === "object" || typeof target === "function") && target !== null) {
      return decorateLegacy(target, key, descriptor, options);
    }
    if (typeof target === "function" && key === undefined) {
      throw new TracedUsageError(`@trace can decorate methods only; ${target.name || "(anonymous)"} is a class`);
    }
    throw new TracedUsageError(`@trace was called as ${describeValue(target)}, ${describeValue(key)}: use it on a class method`);
  } as TraceDecorator;
}

/**
 * Traces a function or a method.
 * - `trace(fn, options?)` returns a traced function of the same type;
 * - `@trace` and `@trace(options)` decorate class methods (stage-3 or legacy decorators).
 *
 * The signatures are arranged so that TypeScript reports a mistake at the option itself:
 * `trace(fn, options)` has one candidate (the stage-3 call `(method, context)` shares it, and
 * the legacy call needs all three arguments), and since `fn` also admits an options object,
 * an unknown key in `@trace({ ... })` fails at that key in both one-argument candidates.
 */
export function trace<Chunk = any>(options?: MethodTraceOptions<Chunk>): TraceDecorator<Chunk>;
export function trace<F extends (...args: any[]) => any>(fn: F | MethodTraceOptions, options?: TraceOptions<NoInfer<F>> | ClassMethodDecoratorContext<any, NoInfer<F>>): F;
export function trace(target: object, key: string | symbol, descriptor: PropertyDescriptor): any;
export function trace(first?: unknown, second?: unknown, third?: unknown): unknown {
  // A stage-3 field decorator receives `undefined` as its value: look at the context first.
  if (isDecoratorContext(second)) return decorateStage3(first as Function, second, {});
  if ((typeof second === "string" || typeof second === "symbol") && (typeof first === "object" || typeof first === "function") && first !== null) {
    return decorateLegacy(first, second, third as PropertyDescriptor | undefined, {});
  }
  if (typeof first === "function") {
    const options = validateTraceOptions(second, `trace(${first.name || "(anonymous)"})`);
    return wrapFunction(first, siteForFunction(first, options), "trace()");
  }
  if (first === undefined || (typeof first === "object" && first !== null && second === undefined)) {
    return decoratorFor(validateTraceOptions(first, "@trace(options)"));
  }
  throw new TracedUsageError(`trace() expects a function to wrap, an options object, or to be used as a decorator; got ${describeValue(first)}`);
}
