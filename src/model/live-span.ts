import { type EventAttributeValue } from "./span.js";
import { type SpanStatusCode } from "./status.js";
import { type SpanTypeName } from "./span-type.js";
import { type TokenUsage } from "./token-usage.js";

export interface EndSpanOptions {
  outputs?: unknown;
  attributes?: Record<string, unknown>;
  status?: SpanStatusCode;
  statusMessage?: string;
}

/**
 * A span that is still being recorded. Every setter captures its value at once (a later
 * change to the object does not change the record) and returns the span for chaining.
 * After `end()`, changes are ignored with one warning.
 */
export interface LiveSpan extends Disposable {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly spanType: string;
  readonly isEnded: boolean;
  /** False for the no-op span handed out while tracing is disabled or a trace is not sampled. */
  readonly isRecording: boolean;
  /** Decoded copies of what was captured. */
  readonly inputs: unknown;
  readonly outputs: unknown;
  getAttribute(key: string): unknown;
  /** Keys of the attributes set so far. */
  attributeKeys(): string[];

  setInputs(inputs: unknown): this;
  setOutputs(outputs: unknown): this;
  setAttribute(key: string, value: unknown): this;
  setAttributes(attributes: Record<string, unknown>): this;
  setSpanType(spanType: SpanTypeName): this;
  setStatus(code: SpanStatusCode, message?: string): this;
  addEvent(name: string, attributes?: Record<string, EventAttributeValue>, timeUnixMs?: number): this;
  /** Adds an `exception` event and sets the status to ERROR. */
  recordException(error: unknown): this;
  /**
   * The tokens a model call used, as `mlflow.chat.tokenUsage` (what fills the token columns
   * and the trace's summed usage). `total_tokens` defaults to input plus output.
   */
  setTokenUsage(usage: Partial<TokenUsage> & Pick<TokenUsage, "input_tokens" | "output_tokens">): this;
  end(options?: EndSpanOptions): void;
}
