import { type Span } from "./span.js";
import { type TraceInfo } from "./trace-info.js";

/** A finished trace: its info and its spans (in start order). */
export class Trace {
  constructor(
    readonly info: TraceInfo,
    readonly spans: readonly Span[],
  ) {}

  get traceId(): string {
    return this.info.traceId;
  }

  /** The span without a parent (the first one if an import holds several). */
  get rootSpan(): Span | undefined {
    return this.spans.find((span) => span.parentId === null);
  }

  getSpan(spanId: string): Span | undefined {
    return this.spans.find((span) => span.spanId === spanId);
  }

  /** Spans matching every given criterion; a string name matches exactly, a RegExp by test. */
  searchSpans(criteria: { name?: string | RegExp; spanType?: string } = {}): Span[] {
    const { name, spanType } = criteria;
    return this.spans.filter(
      (span) =>
        (name === undefined || (typeof name === "string" ? span.name === name : name.test(span.name))) &&
        (spanType === undefined || span.spanType === spanType),
    );
  }

  children(spanId: string): Span[] {
    return this.spans.filter((span) => span.parentId === spanId);
  }
}
