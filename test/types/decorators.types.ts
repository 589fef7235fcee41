// Type tests for `@trace` and `@trace(options)`: checked by tsc as stage-3 decorators and
// with experimentalDecorators (see typecheck.test.ts), never run.
import { expectTypeOf } from "vitest";
import { SpanType, trace, type TraceOptions } from "../../src/index.js";

const shared: TraceOptions = { spanType: SpanType.TOOL, attributes: { team: "a" } };

export class Assistant {
  constructor(readonly prefix: string) {}

  @trace
  plain(text: string): string {
    return this.prefix + text;
  }

  @trace
  async answer(question: string): Promise<string> {
    return question;
  }

  @trace({ spanType: SpanType.RETRIEVER, name: "lookup", attributes: { k: 2 } })
  retrieve(query: string, topK = 2): string[] {
    return Array.from({ length: topK }, () => query);
  }

  @trace
  static create(prefix: string): Assistant {
    return new Assistant(prefix);
  }

  @trace({ spanType: SpanType.CHAIN })
  static async load(): Promise<Assistant> {
    return new Assistant("");
  }

  @trace
  *count(n: number): Generator<number> {
    yield n;
  }

  @trace({ spanType: SpanType.LLM, outputReducer: (chunks: string[]) => chunks.join("") })
  *tokens(): Generator<string> {
    yield this.prefix;
  }

  @trace({ spanType: SpanType.LLM, outputReducer: (chunks: string[]) => chunks.join("") })
  async *stream(text: string): AsyncGenerator<string> {
    yield text;
  }

  @trace({ spanType: SpanType.LLM, outputReducer: (chunks: number[]) => chunks.length })
  static async *ticks(): AsyncGenerator<number, void, undefined> {
    yield 1;
  }

  // An untyped or `unknown[]` reducer fits any method, as before.
  @trace({ outputReducer: (chunks) => chunks.length })
  async *anything(): AsyncGenerator<{ delta: string }> {
    yield { delta: "" };
  }

  @trace(shared)
  tool(): void {}

  @trace({ ...shared, name: "tool2" })
  async tool2(): Promise<void> {}

  @trace({ outputReducer: (chunks: unknown[]) => chunks.length })
  async notAStream(): Promise<number> {
    return 1;
  }

  // @ts-expect-error: the method streams numbers, the reducer takes strings
  @trace({ spanType: SpanType.LLM, outputReducer: (chunks: string[]) => chunks.join("") })
  *wrongChunks(): Generator<number> {
    yield 1;
  }

  // @ts-expect-error: the method streams strings, the reducer takes numbers
  @trace({ spanType: SpanType.LLM, outputReducer: (chunks: number[]) => chunks.length })
  async *wrongAsyncChunks(): AsyncGenerator<string> {
    yield "";
  }

  @trace({
    spanType: SpanType.LLM,
    // @ts-expect-error: unknown option, reported at the key rather than at `spanType`
    spanTyp: SpanType.LLM,
  })
  misspelled(): void {}
}

// Decorating keeps every method's type.
const assistant = new Assistant("> ");
expectTypeOf(assistant.plain).toEqualTypeOf<(text: string) => string>();
expectTypeOf(assistant.answer).toEqualTypeOf<(question: string) => Promise<string>>();
expectTypeOf(assistant.retrieve).toEqualTypeOf<(query: string, topK?: number) => string[]>();
expectTypeOf(assistant.count).toEqualTypeOf<(n: number) => Generator<number>>();
expectTypeOf(assistant.stream).toEqualTypeOf<(text: string) => AsyncGenerator<string>>();
expectTypeOf(Assistant.create).toEqualTypeOf<(prefix: string) => Assistant>();
expectTypeOf(Assistant.load).toEqualTypeOf<() => Promise<Assistant>>();
expectTypeOf(Assistant.ticks).toEqualTypeOf<() => AsyncGenerator<number, void, undefined>>();
