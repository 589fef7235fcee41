import { traceToMlflowJsonValue } from "./mlflow-json.js";
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

  /**
   * The span without a parent; for the part of a distributed trace recorded in one process,
   * the span whose parent lives elsewhere.
   */
  get rootSpan(): Span | undefined {
    const root = this.spans.find((span) => span.parentId === null);
    if (root !== undefined) return root;
    const ids = new Set(this.spans.map((span) => span.spanId));
    return this.spans.find((span) => !ids.has(span.parentId!));
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

  /** MLflow's trace JSON, so `JSON.stringify(trace)` (or `res.json(trace)`) works; times as decimal strings. */
  toJSON(): Record<string, unknown> {
    return traceToMlflowJsonValue(this);
  }
}
