// Type tests for `withSpan`, `startSpan`, `enterSpan` and `SpanOptions`: checked by tsc, never run.
import { expectTypeOf } from "vitest";
import { enterSpan, SpanType, startSpan, withSpan, type LiveSpan, type SpanOptions } from "../../src/index.js";

// withSpan returns the callback's own result, sync or async.
expectTypeOf(withSpan("step", () => 42)).toEqualTypeOf<number>();
expectTypeOf(withSpan({ name: "step" }, async () => "done")).toEqualTypeOf<Promise<string>>();
expectTypeOf(withSpan("step", (span) => span)).toEqualTypeOf<LiveSpan>();
expectTypeOf(withSpan("step", () => {})).toEqualTypeOf<void>();
withSpan("step", (span) => {
  expectTypeOf(span).toEqualTypeOf<LiveSpan>();
  span.setInputs({ q: 1 }).setAttribute("k", "v").setSpanType(SpanType.TOOL);
});
// @ts-expect-error: the callback is required
withSpan("step");

// startSpan / enterSpan give a LiveSpan that `using` ends.
expectTypeOf(startSpan("s")).toEqualTypeOf<LiveSpan>();
expectTypeOf(enterSpan({ name: "e", spanType: SpanType.CHAIN })).toEqualTypeOf<LiveSpan>();
expectTypeOf<LiveSpan>().toExtend<Disposable>();
export function usingBlocks(): void {
  using started = startSpan({ name: "s", inputs: { q: 1 } });
  using entered = enterSpan("e");
  const child = startSpan({ name: "child", parent: started });
  child.end({ outputs: 1 });
  entered.setOutputs("ok");
}

// SpanOptions: a name is required, unknown keys are rejected.
const options: SpanOptions = { name: "n", spanType: "CUSTOM", inputs: [1], attributes: { a: 1 } };
startSpan(options);
// @ts-expect-error: name is required
startSpan({ spanType: SpanType.LLM });
// @ts-expect-error: unknown option
startSpan({ name: "n", parnet: undefined });
// @ts-expect-error: unknown option
withSpan({ name: "n", outputs: 1 }, () => 1);
// @ts-expect-error: unknown option
enterSpan({ name: "n", kind: "x" });
// @ts-expect-error: parent is a span
startSpan({ name: "n", parent: "root" });
// @ts-expect-error: attributes are an object
startSpan({ name: "n", attributes: "a=1" });
