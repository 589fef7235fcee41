/**
 * One AI SDK 7 call (a `generateText`, `streamText`, `embed` … run) while it runs: its span,
 * the model call in flight, and the tools and embedding calls in flight by their ids. AI SDK 7
 * reports a call through events keyed by `callId`, so the spans are found through this record
 * rather than through the active context.
 */
import { openBlockSpan } from "../../capture/block-spans.js";
import { isRecordingSpan, type RecordingSpan } from "../../capture/recording-span.js";
import { type SpanTypeName } from "../../model/span-type.js";

export class OpenCall {
  /** The model call in flight (a call's model calls run one at a time). */
  modelCall: RecordingSpan | undefined;
  /** The step's tool choice (`onStepStart`), recorded with its model call. */
  toolChoice: unknown;
  /** Tool executions by tool call id and embedding model calls by embed call id. */
  readonly children = new Map<string, RecordingSpan>();
  /**
   * A `streamObject` call whose model call has started but whose stream traced's middleware has
   * not yet been handed: the request's prompt messages (the same array the model receives) and
   * model id, to tell which call a model stream belongs to.
   */
  awaitingStream: { prompt: unknown; modelId: unknown } | undefined;

  constructor(
    readonly span: RecordingSpan,
    readonly callId: string,
    readonly operationId: string,
  ) {}

  /** A span under the call's span; undefined when it is not recorded. */
  open(name: string, spanType: SpanTypeName, inputs: unknown, attributes?: Record<string, unknown>): RecordingSpan | undefined {
    const span = openBlockSpan({ name, spanType, inputs, attributes, parent: this.span });
    return isRecordingSpan(span) ? span : undefined;
  }

  /** Ends the model call in flight, if any, with `error` (ERROR and the exception event). */
  failModelCall(error: unknown): void {
    const span = this.modelCall;
    this.modelCall = undefined;
    if (span === undefined || span.isEnded) return;
    span.recordException(error);
    span.finish();
  }

  /** Ends every span of the call still open, then the call, each ERROR with `error`. */
  fail(error: unknown): void {
    this.failModelCall(error);
    for (const span of this.children.values()) {
      if (span.isEnded) continue;
      span.recordException(error);
      span.finish();
    }
    this.children.clear();
    if (!this.span.isEnded) {
      this.span.recordException(error);
      this.span.finish();
    }
  }
}
