/**
 * One LLM call's span, whatever SDK made it: opened under the active span, holding the
 * request, the response, token usage and MLflow's chat attributes, and ended exactly once.
 * Adapters say what the call is and what came back; this file knows MLflow's keys.
 */
import { openBlockSpan, runInSpan } from "../../capture/block-spans.js";
import { transformed } from "../../capture/call-site.js";
import { isRecordingSpan, type RecordingSpan } from "../../capture/recording-span.js";
import { failSpan } from "../../capture/traced-call.js";
import { config, diagnostics } from "../../config/registry.js";
import { SpanAttributeKey } from "../../model/keys.js";
import { serialize } from "../../processing/serialize.js";
import { type ChatTool } from "./chat-tools.js";
import { recordedByFramework } from "./framework-recorded.js";
import { type IntegrationOptions, type TracedMethod } from "./integration-options.js";
import { type TokenUsage } from "./token-usage.js";

/** Attribute keys traced adds to LLM spans beside MLflow's own. */
export const LlmAttributeKey = {
  /** Milliseconds from the call to the first streamed chunk. */
  TIME_TO_FIRST_TOKEN_MS: "traced.llm.timeToFirstTokenMs",
  /** Set when the app stopped reading a stream before its end (the outputs hold what was read). */
  STREAM_STOPPED_EARLY: "traced.llm.streamStoppedEarly",
  /** Set when the app took the raw HTTP response, so the body was never parsed here. */
  RAW_RESPONSE: "traced.llm.rawResponse",
} as const;

/** What an adapter knows about a call before it is made. */
export interface LlmRequest extends TracedMethod {
  /** The request parameters, recorded as the span's inputs. */
  readonly inputs: unknown;
  readonly provider: string;
  /** `mlflow.message.format`: tells MLflow's UI how to read the messages. */
  readonly messageFormat: string;
  readonly model?: unknown;
  readonly tools?: readonly ChatTool[] | undefined;
  /** The span to nest under, when the framework says (e.g. LangChain's parent run); default the active span. */
  readonly parent?: RecordingSpan | undefined;
}

/** What an adapter knows once the call has finished. */
export interface LlmResult {
  readonly outputs: unknown;
  /**
   * The outputs, built on demand instead of `outputs`: for a response traced assembled itself
   * from parts the app cannot change (a stream's text), so building and serializing it can
   * wait until the span is exported.
   */
  readonly lateOutputs?: (() => unknown) | undefined;
  readonly usage?: TokenUsage | undefined;
  /** The model that answered, when the response names it (often more exact than the request's). */
  readonly model?: unknown;
  readonly attributes?: Record<string, unknown>;
}

function resolve<T>(option: T | ((method: TracedMethod) => T) | undefined, method: TracedMethod, fallback: T): T {
  if (option === undefined) return fallback;
  if (typeof option !== "function") return option;
  try {
    const value = (option as (method: TracedMethod) => T)(method);
    if (typeof value === "string" && value !== "") return value;
    diagnostics.reportOnce("llm-naming-option-invalid", `A spanName or spanType option returned ${typeof value} for ${method.method}; the default was used`);
  } catch (error) {
    diagnostics.reportOnce("llm-naming-option-failed", `A spanName or spanType option threw for ${method.method}; the default was used`, error);
  }
  return fallback;
}

/** Each LLM call by its span: one weak entry per call holds what other files keep about it. */
const callsBySpan = new WeakMap<object, LlmCall>();

/** Serializes `build()`'s value into the span at its export, with the capture limits in force now. */
function captureLater(span: RecordingSpan, build: () => unknown): void {
  const limits = { maxCaptureDepth: config.maxCaptureDepth, maxCaptureChars: config.maxCaptureChars, maxCaptureNodes: config.maxCaptureNodes };
  span.deferToExport(() => {
    try {
      span.outputsJson = serialize(build(), limits);
    } catch (error) {
      diagnostics.reportOnce("llm-stream-assembly-failed", `Assembling the ${span.name} stream's output failed; it was not recorded`, error);
    }
  });
}

export class LlmCall {
  private readonly startedAt = performance.now();
  private chunkCount = 0;
  /** The SDK method that made the call (traced-method.ts: the same method reached inside it is the same call). */
  sdkMethod: Function | undefined = undefined;
  /** The call's first HTTP attempt, kept until a retry (if any) makes it worth an event (request-attempts.ts). */
  firstAttempt: PromiseLike<{ status?: number } | undefined> | undefined = undefined;

  private constructor(
    readonly span: RecordingSpan,
    private readonly options: IntegrationOptions,
  ) {}

  /** Opens the call's span; undefined when nothing is recorded (tracing off, trace not sampled). */
  static start(request: LlmRequest, options: IntegrationOptions): LlmCall | undefined {
    // A framework above the SDK (the Agents SDK) records this call as its own span.
    if (recordedByFramework()) return undefined;
    const name = resolve(options.spanName, request, request.defaultName);
    const spanType = resolve(options.spanType, request, request.defaultSpanType);
    const span = openBlockSpan(request.parent === undefined ? { name, spanType } : { name, spanType, parent: request.parent });
    if (!isRecordingSpan(span)) return undefined;
    const capture = options.captureInputs ?? true;
    if (capture !== false) span.inputsJson = serialize(typeof capture === "function" ? transformed(capture, request.inputs, "captureInputs") : request.inputs, config);
    span.setAttribute(SpanAttributeKey.LLM_PROVIDER, request.provider);
    span.setAttribute(SpanAttributeKey.MESSAGE_FORMAT, request.messageFormat);
    if (typeof request.model === "string") span.setAttribute(SpanAttributeKey.LLM_MODEL, request.model);
    if (request.tools !== undefined && request.tools.length !== 0) span.setAttribute(SpanAttributeKey.CHAT_TOOLS, request.tools);
    const call = new LlmCall(span, options);
    callsBySpan.set(span, call);
    return call;
  }

  /** The LLM call whose span `span` is, if it is one. */
  static of(span: object): LlmCall | undefined {
    return callsBySpan.get(span);
  }

  get ended(): boolean {
    return this.span.isEnded;
  }

  /** Runs the SDK call with this span active, so whatever it traces nests here. */
  run<R>(fn: () => R): R {
    return runInSpan(this.span, fn);
  }

  /** A streamed chunk arrived: the first sets the time to first token. */
  chunk(value: unknown): void {
    if (this.span.isEnded) return;
    if (this.chunkCount === 0) this.span.setAttribute(LlmAttributeKey.TIME_TO_FIRST_TOKEN_MS, Math.round((performance.now() - this.startedAt) * 1000) / 1000);
    if (this.options.streamChunkEvents === true) this.span.addChunkEvent(this.chunkCount, value);
    this.chunkCount++;
  }

  succeed(result: LlmResult): void {
    if (this.span.isEnded) return;
    this.record(result);
    this.span.finish();
  }

  /** Ends the span as failed; what was received before the failure may be kept in `partial`. */
  fail(error: unknown, partial?: LlmResult): void {
    if (this.span.isEnded) return;
    if (partial !== undefined) this.record(partial);
    failSpan(this.span, error);
  }

  private record(result: LlmResult): void {
    const span = this.span;
    const capture = this.options.captureOutputs ?? true;
    const late = result.lateOutputs;
    if (capture === true && late !== undefined) {
      captureLater(span, late);
    } else if (capture !== false) {
      // A captureOutputs function is the app's code: it runs now, on what the call returned.
      const outputs = late === undefined ? result.outputs : late();
      if (outputs !== undefined) span.outputsJson = serialize(typeof capture === "function" ? transformed(capture, outputs, "captureOutputs") : outputs, config);
    }
    if (result.usage !== undefined) span.setAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE, result.usage);
    if (typeof result.model === "string" && result.model !== "") span.setAttribute(SpanAttributeKey.LLM_MODEL, result.model);
    if (result.attributes !== undefined) span.setAttributes(result.attributes);
  }
}
