// Type tests for `trace(fn, options)`: checked by tsc (see typecheck.test.ts), never run.
import { expectTypeOf } from "vitest";
import { SpanType, trace, type TraceDecorator, type TraceOptions } from "../../src/index.js";

function add(a: number, b: number): number {
  return a + b;
}
async function fetchText(url: string): Promise<string> {
  return url;
}
function* words(text: string): Generator<string, number, undefined> {
  yield text;
  return 1;
}
async function* numbers(n: number): AsyncGenerator<number, void, unknown> {
  yield n;
}
function overloaded(x: string): string;
function overloaded(x: number): number;
function overloaded(x: string | number): string | number {
  return x;
}

// The traced function has exactly the type of the original, whatever its kind.
expectTypeOf(trace(add)).toEqualTypeOf<(a: number, b: number) => number>();
expectTypeOf(trace(fetchText)).toEqualTypeOf<(url: string) => Promise<string>>();
expectTypeOf(trace(words)).toEqualTypeOf<(text: string) => Generator<string, number, undefined>>();
expectTypeOf(trace(numbers)).toEqualTypeOf<(n: number) => AsyncGenerator<number, void, unknown>>();
expectTypeOf(trace(overloaded)).toEqualTypeOf<typeof overloaded>();
expectTypeOf(trace((x: string) => x.length, { name: "len" })).toEqualTypeOf<(x: string) => number>();

// `this` is kept.
function greet(this: { name: string }, greeting: string): string {
  return `${greeting} ${this.name}`;
}
const tracedGreet = trace(greet);
expectTypeOf(tracedGreet).toEqualTypeOf<typeof greet>();
expectTypeOf(tracedGreet).thisParameter.toEqualTypeOf<{ name: string }>();
// @ts-expect-error: called without its `this`
tracedGreet("hi");

// The reducer's chunks are the stream's own items, inferred or annotated.
trace(words, { spanType: SpanType.LLM, outputReducer: (chunks: string[]) => chunks.join("") });
trace(numbers, { spanType: SpanType.LLM, outputReducer: (chunks: number[]) => chunks.reduce((a, b) => a + b, 0) });
trace(words, {
  outputReducer: (chunks) => {
    expectTypeOf(chunks).toEqualTypeOf<string[]>();
    return chunks.join("");
  },
});
trace(numbers, {
  outputReducer: (chunks) => {
    expectTypeOf(chunks).toEqualTypeOf<number[]>();
    return chunks.length;
  },
});
// A wider chunk type is fine; so is the old `unknown[]` spelling.
trace(words, { outputReducer: (chunks: (string | number)[]) => chunks.length });
trace(words, { outputReducer: (chunks: unknown[]) => chunks.length });
// A function returning a generator object streams too.
trace((n: number) => numbers(n), { outputReducer: (chunks: number[]) => chunks.length });
// The error is at the reducer itself (one candidate signature), not "no overload matches".
trace(words, {
  spanType: SpanType.LLM,
  // @ts-expect-error: a generator of strings does not stream numbers
  outputReducer: (chunks: number[]) => chunks.length,
});
// @ts-expect-error: an async generator of numbers does not stream strings
trace(numbers, { outputReducer: (chunks: string[]) => chunks.join("") });
// Functions that do not stream accept any reducer (it is never called for them).
trace(fetchText, { outputReducer: (chunks: string[]) => chunks.join("") });

// Options: known keys only, each with its type.
trace(add, {
  name: "add",
  spanType: "CUSTOM_KIND",
  attributes: { model: "m" },
  captureInputs: (inputs) => inputs,
  captureOutputs: false,
});
trace(add, {
  name: "add",
  // @ts-expect-error: unknown option, reported where it is written
  spanTyp: SpanType.LLM,
});
// Options objects are not functions, and functions are not options objects.
expectTypeOf(trace({ name: "x" })).toEqualTypeOf<TraceDecorator>();
expectTypeOf(trace({ outputReducer: (chunks: string[]) => chunks.join("") })).toEqualTypeOf<TraceDecorator<string>>();
expectTypeOf(trace()).toEqualTypeOf<TraceDecorator>();
// @ts-expect-error: options go second
trace({ name: "x" }, add);
// @ts-expect-error: name is a string
trace(add, { name: 1 });
// @ts-expect-error: not a function
trace(add, { outputReducer: "join" });
// @ts-expect-error: trace() wraps functions, not values
trace(42);

// TraceOptions is generic over the function and defaults to accepting any reducer.
expectTypeOf<NonNullable<TraceOptions<typeof words>["outputReducer"]>>().parameter(0).toEqualTypeOf<string[]>();
expectTypeOf<NonNullable<TraceOptions<typeof numbers>["outputReducer"]>>().parameter(0).toEqualTypeOf<number[]>();
expectTypeOf<NonNullable<TraceOptions["outputReducer"]>>().parameter(0).toEqualTypeOf<any[]>();
const reusable: TraceOptions = { spanType: SpanType.TOOL, outputReducer: (chunks: string[]) => chunks.join("") };
trace(words, reusable);
