// Compiled twice by the test setup: as TC39 stage-3 decorators and with experimentalDecorators.
import "reflect-metadata";
import { SpanType, trace } from "traced";

export class Agent {
  calls = 0;

  constructor(readonly prefix: string) {}

  @trace({ spanType: SpanType.AGENT })
  async run(question: string, { topK = 2 } = {}): Promise<string> {
    this.calls++;
    const docs = this.retrieve(question, topK);
    return `${this.prefix}:${docs.join("|")}`;
  }

  @trace({ spanType: SpanType.RETRIEVER })
  retrieve(query: string, topK: number): string[] {
    return Array.from({ length: topK }, (_, i) => `${query}#${i}`);
  }

  @trace
  fail(reason: string): never {
    throw new Error(reason);
  }

  @trace({ name: "make" })
  static create(prefix: string): Agent {
    return new Agent(prefix);
  }

  @trace({ outputReducer: (chunks: unknown[]) => (chunks as string[]).join("") })
  async *stream(text: string): AsyncGenerator<string> {
    for (const ch of text) yield `${this.prefix}${ch}`;
  }

  @trace
  *count(n: number): Generator<number> {
    for (let i = 0; i < n; i++) yield i;
  }
}

/** Each defines a class with @trace where it does not belong; the error must come at definition. */
export const misuses: Record<string, () => unknown> = {
  field: () => {
    class WithField {
      // @ts-ignore -- deliberately wrong
      @trace value = 1;
    }
    return WithField;
  },
  getter: () => {
    class WithGetter {
      // @ts-ignore -- deliberately wrong
      @trace get value() {
        return 1;
      }
    }
    return WithGetter;
  },
  klass: () => {
    // @ts-ignore -- deliberately wrong
    @trace
    class Decorated {}
    return Decorated;
  },
  badOptions: () => {
    class BadOptions {
      // @ts-ignore -- deliberately wrong
      @trace({ spanTyp: "LLM" })
      method() {}
    }
    return BadOptions;
  },
};
