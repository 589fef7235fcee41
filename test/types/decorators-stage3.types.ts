// Stage-3 only: decorators on #private methods, and `trace` called as a decorator by hand.
import { expectTypeOf } from "vitest";
import { SpanType, trace } from "../../src/index.js";

export class Worker {
  @trace
  #hidden(n: number): number {
    return n;
  }

  @trace({ spanType: SpanType.LLM, outputReducer: (chunks: string[]) => chunks.join("") })
  async *#secretStream(): AsyncGenerator<string> {
    yield "";
  }

  @trace
  static #helper(): string {
    return "";
  }

  // @ts-expect-error: the private method streams numbers, the reducer takes strings
  @trace({ outputReducer: (chunks: string[]) => chunks.join("") })
  *#wrong(): Generator<number> {
    yield 1;
  }

  run(): number {
    void this.#secretStream();
    void this.#wrong();
    void Worker.#helper();
    return this.#hidden(1);
  }
}

// The decorator form returns the method's own type; so does the options form.
declare const context: ClassMethodDecoratorContext<Worker, (this: Worker, n: number) => string>;
declare function method(this: Worker, n: number): string;
expectTypeOf(trace(method, context)).toEqualTypeOf<typeof method>();
expectTypeOf(trace({ name: "m" })(method, context)).toEqualTypeOf<typeof method>();
// @ts-expect-error: trace() does not decorate fields or classes with a wrong context
trace(method, { kind: "field" });
