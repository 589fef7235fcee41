/**
 * AI SDK 7's telemetry integration interface (`Telemetry`), recording into traced: register it
 * once with `registerTelemetry(tracedIntegration())`, or per call through `tracedTelemetry()`.
 * The spans are AI SDK 6's: the call (AGENT for text, CHAIN for objects, EMBEDDING for
 * embeddings) under the active traced span, a CHAT_MODEL span per model call and a TOOL span
 * per tool execution under it, an EMBEDDING span per embedding model call. Model calls and tool
 * executions run with their span active (`executeLanguageModelCall`, `executeTool`), so a
 * provider SDK's autolog span and traced spans opened inside a tool nest under them.
 *
 * Failures end every open span ERROR with the exception: `onStepError` (the model call),
 * `onError` (the call), `onAbort` (an AbortError). The deprecated `streamObject` sends no event
 * when its model stream fails or the app stops reading it: traced learns that through its model
 * middleware (traced-middleware.ts). Events without a `callId` (AI SDK 6 calls the same
 * integration's `onStart` and `onStepStart`) are not AI SDK 7's and are ignored.
 */
import { openBlockSpan, runInSpan } from "../../capture/block-spans.js";
import { isRecordingSpan } from "../../capture/recording-span.js";
import { diagnostics } from "../../config/registry.js";
import { SpanStatusCode } from "../../model/status.js";
import { SpanType } from "../../model/span-type.js";
import { OpenCall } from "./open-call.js";
import { followCall, followedCall, unfollowCall } from "./open-calls.js";
import { callInputs, callOutputs, callSpanType, embeddingUsage, modelAttributes, modelCallEnd, modelCallName, modelCallStart, type AiSdkEvent } from "./v7-events.js";

function event(value: unknown): AiSdkEvent | undefined {
  return typeof value === "object" && value !== null ? (value as AiSdkEvent) : undefined;
}

function callOf(value: unknown): OpenCall | undefined {
  return followedCall(event(value)?.callId);
}

/** Runs one event handler; a failure is reported once and never reaches the AI SDK. */
function guarded(name: string, handle: (event: AiSdkEvent) => void): (value: unknown) => void {
  return (value) => {
    const received = event(value);
    if (received === undefined) return;
    try {
      handle(received);
    } catch (error) {
      diagnostics.reportOnce("ai-sdk-event-failed", `traced could not record the AI SDK's ${name} event; the AI SDK call was not affected`, error);
    }
  };
}

function abortError(reason: unknown): unknown {
  if (reason instanceof Error) return reason;
  const error = new Error(typeof reason === "string" && reason !== "" ? reason : "The AI SDK call was aborted");
  error.name = "AbortError";
  return error;
}

function endCall(call: OpenCall): void {
  unfollowCall(call);
  // Whatever the AI SDK left open (no end event came for it) ends with the call, ERROR.
  if (call.modelCall !== undefined || call.children.size > 0) {
    const leftOpen = abortError("The AI SDK call ended before this span's end event");
    call.failModelCall(leftOpen);
    for (const span of call.children.values()) {
      if (span.isEnded) continue;
      span.recordException(leftOpen);
      span.finish();
    }
  }
  call.span.finish();
}

function endModelCall(call: OpenCall, received: AiSdkEvent): void {
  const span = call.modelCall;
  if (span === undefined) return;
  call.modelCall = undefined;
  const { outputs, attributes, failed } = modelCallEnd(received);
  if (outputs !== undefined) span.setOutputs(outputs);
  span.setAttributes(attributes);
  if (failed) span.setStatus(SpanStatusCode.ERROR, "The model stream reported an error");
  span.finish();
}

/** Runs `execute` with the span of `find()` active, if there is one; `execute`'s outcome is returned unchanged. */
function runActive<T>(find: () => ReturnType<OpenCall["open"]>, execute: () => PromiseLike<T>): PromiseLike<T> {
  let span;
  try {
    span = find();
  } catch (error) {
    diagnostics.reportOnce("ai-sdk-event-failed", "traced could not find the AI SDK span to run a model call or tool in; the AI SDK call was not affected", error);
  }
  return span === undefined || span.isEnded ? execute() : runInSpan(span, execute);
}

export interface TracedIntegration {
  onStart(event: unknown): void;
  onStepStart(event: unknown): void;
  onLanguageModelCallStart(event: unknown): void;
  onLanguageModelCallEnd(event: unknown): void;
  onToolExecutionStart(event: unknown): void;
  onToolExecutionEnd(event: unknown): void;
  onStepEnd(event: unknown): void;
  onStepError(event: unknown): void;
  onObjectStepStart(event: unknown): void;
  onObjectStepEnd(event: unknown): void;
  onEmbedStart(event: unknown): void;
  onEmbedEnd(event: unknown): void;
  onEnd(event: unknown): void;
  onAbort(event: unknown): void;
  onError(event: unknown): void;
  executeLanguageModelCall<T>(options: { callId: string; execute: () => PromiseLike<T> }): PromiseLike<T>;
  executeTool<T>(options: { callId: string; toolCallId: string; execute: () => PromiseLike<T> }): PromiseLike<T>;
}

const integration: TracedIntegration = {
  onStart: guarded("onStart", (received) => {
    const { callId, operationId } = received;
    if (typeof callId !== "string" || typeof operationId !== "string") return;
    const span = openBlockSpan({ name: operationId, spanType: callSpanType(operationId), inputs: callInputs(received), attributes: modelAttributes(received) });
    if (isRecordingSpan(span)) followCall(new OpenCall(span, callId, operationId));
  }),

  onStepStart: guarded("onStepStart", (received) => {
    const call = callOf(received);
    if (call !== undefined) call.toolChoice = received.stepToolChoice;
  }),

  onLanguageModelCallStart: guarded("onLanguageModelCallStart", (received) => {
    const call = callOf(received);
    if (call === undefined) return;
    const { inputs, attributes } = modelCallStart(received, call.toolChoice);
    if (call.modelCall !== undefined) call.failModelCall(abortError("A new model call started before this one ended"));
    call.modelCall = call.open(modelCallName(call.operationId), SpanType.CHAT_MODEL, inputs, attributes);
  }),

  onLanguageModelCallEnd: guarded("onLanguageModelCallEnd", (received) => {
    const call = callOf(received);
    if (call !== undefined) endModelCall(call, received);
  }),

  // Object generation (deprecated in AI SDK 7) reports its one model call as a step.
  onObjectStepStart: guarded("onObjectStepStart", (received) => {
    const call = callOf(received);
    if (call === undefined) return;
    const { inputs, attributes } = modelCallStart(received, undefined);
    call.modelCall = call.open(modelCallName(call.operationId), SpanType.CHAT_MODEL, inputs, attributes);
    // Its stream's failure reaches traced only through the model middleware (traced-middleware.ts).
    if (call.operationId === "ai.streamObject") call.awaitingStream = { prompt: received.promptMessages, modelId: received.modelId };
  }),

  onObjectStepEnd: guarded("onObjectStepEnd", (received) => {
    const call = callOf(received);
    if (call !== undefined) endModelCall(call, received);
  }),

  // A step whose model call sent no end event (a stream's `error` part) ends it here.
  onStepEnd: guarded("onStepEnd", (received) => {
    const call = callOf(received);
    if (call !== undefined) endModelCall(call, received);
  }),

  onStepError: guarded("onStepError", (received) => {
    callOf(received)?.failModelCall(received.error);
  }),

  onToolExecutionStart: guarded("onToolExecutionStart", (received) => {
    const call = callOf(received);
    const toolCall = event(received.toolCall);
    if (call === undefined || toolCall === undefined || typeof toolCall.toolCallId !== "string") return;
    const span = call.open("ai.toolCall", SpanType.TOOL, toolCall.input, typeof toolCall.toolName === "string" ? { "ai.toolCall.name": toolCall.toolName } : undefined);
    if (span !== undefined) call.children.set(toolCall.toolCallId, span);
  }),

  onToolExecutionEnd: guarded("onToolExecutionEnd", (received) => {
    const call = callOf(received);
    const toolCallId = event(received.toolCall)?.toolCallId;
    if (call === undefined || typeof toolCallId !== "string") return;
    const span = call.children.get(toolCallId);
    call.children.delete(toolCallId);
    if (span === undefined || span.isEnded) return;
    const output = event(received.toolOutput);
    if (output?.type === "tool-error") span.recordException(output.error);
    else if (output !== undefined) span.setOutputs(output.output);
    span.finish();
  }),

  onEmbedStart: guarded("onEmbedStart", (received) => {
    const call = callOf(received);
    const { embedCallId, operationId } = received;
    if (call === undefined || typeof embedCallId !== "string") return;
    const span = call.open(typeof operationId === "string" ? operationId : `${call.operationId}.doEmbed`, SpanType.EMBEDDING, received.values, modelAttributes(received));
    if (span !== undefined) call.children.set(embedCallId, span);
  }),

  onEmbedEnd: guarded("onEmbedEnd", (received) => {
    const call = callOf(received);
    const { embedCallId } = received;
    if (call === undefined || typeof embedCallId !== "string") return;
    const span = call.children.get(embedCallId);
    call.children.delete(embedCallId);
    if (span === undefined || span.isEnded) return;
    span.setOutputs(received.embeddings);
    span.setAttributes(embeddingUsage(received));
    span.finish();
  }),

  onEnd: guarded("onEnd", (received) => {
    const call = callOf(received);
    if (call === undefined) return;
    const outputs = callOutputs(received);
    if (outputs !== undefined) call.span.setOutputs(outputs);
    const response = event(received.response);
    call.span.setAttributes(modelAttributes({ ...received, provider: received.provider ?? event(received.model)?.provider, modelId: received.modelId ?? event(received.model)?.modelId }, response?.modelId));
    if (received.finishReason === "error") call.span.setStatus(SpanStatusCode.ERROR, "The model stream reported an error");
    endCall(call);
  }),

  onAbort: guarded("onAbort", (received) => {
    const call = callOf(received);
    if (call === undefined) return;
    unfollowCall(call);
    call.fail(abortError(received.reason));
  }),

  onError: guarded("onError", (received) => {
    const call = callOf(received);
    if (call === undefined) return;
    unfollowCall(call);
    call.fail(received.error);
  }),

  executeLanguageModelCall(options) {
    return runActive(() => callOf(options)?.modelCall, options.execute);
  },

  executeTool(options) {
    return runActive(() => callOf(options)?.children.get(options.toolCallId), options.execute);
  },
};

/** traced's AI SDK 7 telemetry integration: `registerTelemetry(tracedIntegration())`, or in `telemetry.integrations`. */
export function tracedIntegration(): TracedIntegration {
  return integration;
}
