/**
 * One AI SDK span, recorded as a traced span. The AI SDK sets most attributes after start
 * (usage, response) so they are kept as they come and translated once, at end. A span the
 * AI SDK leaves open (an aborted stream ends the call but never its model call) is closed
 * with status ERROR and an AbortError exception when its parent ends, and the parent is
 * marked the same way; a model stream that fails ends its model call and call (`fail`).
 */
import type { Attributes, AttributeValue, Link, Span, SpanContext, SpanStatus, TimeInput } from "@opentelemetry/api";
import { diagnostics } from "../../config/registry.js";
import { type RecordingSpan } from "../../capture/recording-span.js";
import { type EventAttributeValue } from "../../model/span.js";
import { SpanStatusCode } from "../../model/status.js";
import { aiSdkCallFailed, translateAiSdkSpan } from "../llm/semconv/ai-sdk.js";
import { type ForeignAttributeValue } from "../llm/semconv/convention.js";

/** OpenTelemetry's SpanStatusCode.ERROR (the API's enum is not imported: it is an optional peer). */
const OTEL_STATUS_ERROR = 2;
// Once a failing stream is watched (model-stream-watch.ts), an abort is what leaves a span open.
const LEFT_OPEN = "The AI SDK did not end this span: the call was aborted before it finished";
const CALL_CUT_SHORT = "The AI SDK call was aborted before its steps finished";

function abortError(message: string): Error {
  const error = new Error(message);
  error.name = "AbortError";
  return error;
}

function errorFrom(exception: unknown): unknown {
  if (exception instanceof Error || typeof exception !== "object" || exception === null) return exception;
  // The AI SDK passes `{ name, message, stack }`, not the Error itself.
  const { name, message, stack } = exception as { name?: unknown; message?: unknown; stack?: unknown };
  const error = new Error(typeof message === "string" ? message : String(message ?? ""));
  if (typeof name === "string" && name !== "") error.name = name;
  error.stack = typeof stack === "string" ? stack : `${error.name}: ${error.message}`;
  return error;
}

export class AiSdkSpan implements Span {
  /** The attribute sets as the AI SDK passed them (fresh objects it never changes), merged once at translation. */
  private readonly attributeSets: Attributes[] = [];
  /** AI SDK spans started under this one and not yet ended (made with the first child). */
  private openChildren: Set<AiSdkSpan> | undefined;
  private ended = false;

  constructor(
    readonly recording: RecordingSpan,
    private readonly parent: AiSdkSpan | undefined,
    private name: string,
    attributes: Attributes | undefined,
  ) {
    if (attributes !== undefined) this.setAttributes(attributes);
    if (parent !== undefined) (parent.openChildren ??= new Set()).add(this);
  }

  spanContext(): SpanContext {
    return { traceId: this.recording.trace.otelTraceId, spanId: this.recording.spanId, traceFlags: 1 };
  }

  setAttribute(key: string, value: AttributeValue): this {
    if (!this.ended) this.attributeSets.push({ [key]: value });
    return this;
  }

  setAttributes(attributes: Attributes): this {
    if (!this.ended && typeof attributes === "object" && attributes !== null) this.attributeSets.push(attributes);
    return this;
  }

  addEvent(name: string, attributes?: Attributes | TimeInput): this {
    if (this.ended) return this;
    const eventAttributes = typeof attributes === "object" && attributes !== null && !Array.isArray(attributes) && !(attributes instanceof Date) ? attributes : {};
    this.recording.addEvent(name, eventAttributes as Record<string, EventAttributeValue>);
    return this;
  }

  addLink(_link: Link): this {
    return this;
  }

  addLinks(_links: Link[]): this {
    return this;
  }

  setStatus(status: SpanStatus): this {
    // recordException has already set ERROR with the exception's type and message; keep that.
    if (!this.ended && status.code === OTEL_STATUS_ERROR && this.recording.statusCode !== SpanStatusCode.ERROR) {
      this.recording.setStatus(SpanStatusCode.ERROR, status.message ?? "");
    }
    return this;
  }

  updateName(name: string): this {
    if (!this.ended) this.name = name;
    return this;
  }

  isRecording(): boolean {
    return !this.ended;
  }

  recordException(exception: unknown): void {
    if (!this.ended) this.recording.recordException(errorFrom(exception));
  }

  /**
   * The model's stream failed (see model-stream-watch.ts): the AI SDK ends neither this model
   * call nor its call then, so both end here, ERROR with the exception. `withCall: false` ends
   * only this span (a cancel: the call itself may still end, with its outputs).
   */
  fail(error: unknown, withCall: boolean): void {
    try {
      for (const span of withCall ? [this, this.parent] : [this]) {
        if (span === undefined || span.ended) continue;
        span.recording.recordException(errorFrom(error));
        span.end();
      }
    } catch (failure) {
      diagnostics.reportOnce("ai-sdk-span-failed", `traced could not end the AI SDK span "${this.name}" after its stream failed; the AI SDK call was not affected`, failure);
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.parent?.openChildren?.delete(this);
    try {
      this.closeOpenChildren();
      this.recording.name = this.name;
      // The attributes are the AI SDK's own strings and numbers, never changed after end: they
      // are translated at export, off the call's path (or before a span processor sees the span).
      this.recording.deferToExport(() => this.translate());
    } catch (error) {
      diagnostics.reportOnce("ai-sdk-span-failed", `traced could not record the AI SDK span "${this.name}"; the AI SDK call was not affected`, error);
    } finally {
      this.recording.finish();
    }
  }

  private closeOpenChildren(): void {
    if (this.openChildren === undefined || this.openChildren.size === 0) return;
    for (const child of [...this.openChildren]) {
      child.recording.recordException(abortError(LEFT_OPEN));
      child.end();
    }
    if (this.recording.statusCode !== SpanStatusCode.ERROR) this.recording.recordException(abortError(CALL_CUT_SHORT));
  }

  private attributes(): Record<string, ForeignAttributeValue> {
    return Object.assign({}, ...this.attributeSets) as Record<string, ForeignAttributeValue>;
  }

  private translate(): void {
    const span = this.recording;
    let attributes;
    try {
      attributes = this.attributes();
    } catch (error) {
      diagnostics.reportOnce("ai-sdk-span-failed", `traced could not read the attributes of the AI SDK span "${this.name}"; it was recorded without its inputs and outputs`, error);
      return;
    }
    let mapping;
    try {
      mapping = translateAiSdkSpan(this.name, attributes);
    } catch (error) {
      diagnostics.reportOnce("ai-sdk-translate-failed", `traced could not translate the AI SDK span "${this.name}"; it was recorded without its inputs and outputs`, error);
      return;
    }
    if (mapping === undefined) return;
    span.setSpanType(mapping.spanType);
    if (mapping.inputs !== undefined) span.setInputs(mapping.inputs);
    if (mapping.outputs !== undefined) span.setOutputs(mapping.outputs);
    span.setAttributes(mapping.attributes);
    if (aiSdkCallFailed(attributes) && span.statusCode !== SpanStatusCode.ERROR) span.setStatus(SpanStatusCode.ERROR, "The model stream reported an error");
  }
}
