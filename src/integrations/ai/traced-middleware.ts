/**
 * A language model middleware for AI SDK 7 (`wrapLanguageModel({ model, middleware:
 * tracedMiddleware() })`) that shows traced the model's stream. AI SDK 7's deprecated
 * `streamObject` calls its model outside `executeLanguageModelCall` and sends no telemetry event
 * when the model's stream fails mid-way (a dropped connection, or an abort the provider turns
 * into a stream error) or the app stops reading it: without this, the call's spans stay open
 * until the open-trace timeout. With it, such a stream ends the model call and the call ERROR
 * with the exception (an AbortError for a cancel) as it happens.
 *
 * A stream belongs to the `streamObject` call whose model call is waiting for it: the one whose
 * prompt messages the model received (the same array), else the only one waiting under the
 * active span for this model (with `recordInputs: false` the AI SDK hands traced no prompt).
 * Every other stream, `streamText`'s included (its events cover it), passes untouched.
 */
import { activeRecordingSpan } from "../../capture/active.js";
import { diagnostics } from "../../config/registry.js";
import { type OpenCall } from "./open-call.js";
import { followedCalls, unfollowCall } from "./open-calls.js";
import { cancelError, withWatchedStream } from "./model-stream-watch.js";

/** The parts of AI SDK 7's `LanguageModelV4Middleware` traced implements. */
export interface TracedMiddleware {
  readonly specificationVersion: "v4";
  wrapStream<T>(options: { doStream: () => PromiseLike<T>; params: unknown; model: unknown }): PromiseLike<T>;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The `streamObject` call a model stream belongs to, if traced can tell; it stops waiting. */
function claimStream(params: unknown, model: unknown): OpenCall | undefined {
  const prompt = field(params, "prompt");
  const waiting = [...followedCalls()].filter((call) => call.awaitingStream !== undefined);
  if (waiting.length === 0) return undefined;
  let call = typeof prompt === "object" && prompt !== null ? waiting.find((candidate) => candidate.awaitingStream!.prompt === prompt) : undefined;
  if (call === undefined) {
    const active = activeRecordingSpan();
    const alike = waiting.filter((candidate) => candidate.span.parent === active && candidate.awaitingStream!.modelId === field(model, "modelId"));
    if (alike.length > 1) diagnostics.reportOnce("ai-sdk-stream-unclaimed", "traced could not tell which of several streamObject calls a model stream belongs to; if it fails, that call's spans end at the trace timeout");
    if (alike.length !== 1) return undefined;
    call = alike[0]!;
  }
  call.awaitingStream = undefined;
  return call;
}

/** The model's stream failed or was cancelled: the AI SDK ends none of the call's spans, so traced does. */
function endCall(call: OpenCall, error: unknown): void {
  try {
    unfollowCall(call);
    call.fail(error);
  } catch (failure) {
    diagnostics.reportOnce("ai-sdk-event-failed", "traced could not end a streamObject call whose model stream stopped; the AI SDK call was not affected", failure);
  }
}

function watch<T>(result: T, params: unknown, model: unknown): T {
  try {
    const call = claimStream(params, model);
    if (call === undefined) return result;
    const watched = withWatchedStream(result, {
      failed: (error) => endCall(call, error),
      cancelled: (reason) => endCall(call, cancelError(reason)),
    });
    return watched ?? result;
  } catch (error) {
    diagnostics.reportOnce("ai-sdk-event-failed", "traced could not watch a model stream; the AI SDK call was not affected", error);
    return result;
  }
}

const middleware: TracedMiddleware = {
  specificationVersion: "v4",
  async wrapStream({ doStream, params, model }) {
    // A rejected doStream is the AI SDK's to retry or report (`onError`).
    return watch(await doStream(), params, model);
  },
};

/** traced's AI SDK 7 model middleware: `wrapLanguageModel({ model, middleware: tracedMiddleware() })`. */
export function tracedMiddleware(): TracedMiddleware {
  return middleware;
}
