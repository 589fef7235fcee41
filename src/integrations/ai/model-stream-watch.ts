/**
 * A model's stream, read through a thin pass-through that tells traced when it fails or is
 * cancelled: the cases where the AI SDK ends some of its spans late or never. AI SDK 6 ends a
 * streamed call's spans from its own stream's flush, which never runs when the provider's stream
 * fails mid-way or the app stops reading; AI SDK 7's deprecated `streamObject` sends no telemetry
 * event then (traced-middleware.ts). Every chunk passes unchanged; a stream that completes is
 * left to the AI SDK to end.
 */
import { type AiSdkSpan } from "./ai-sdk-span.js";

interface ReadableLike {
  getReader(): ReadableStreamDefaultReader<unknown>;
}

/** What a watched stream reports; each is called at most once, and only one of them. */
export interface StreamWatch {
  failed(error: unknown): void;
  cancelled(reason: unknown): void;
}

function isReadable(value: unknown): value is ReadableLike {
  return typeof value === "object" && value !== null && typeof (value as { getReader?: unknown }).getReader === "function";
}

/** The reason a stream was cancelled, as an error: the app or the AI SDK stopped reading it, or an abort's reason. */
export function cancelError(reason: unknown): unknown {
  if (reason !== undefined) return reason;
  const error = new Error("The model's stream was cancelled before it finished");
  error.name = "AbortError";
  return error;
}

function watched(stream: ReadableLike, watch: StreamWatch): ReadableStream<unknown> {
  const reader = stream.getReader();
  return new ReadableStream<unknown>({
    async pull(controller) {
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await reader.read();
      } catch (error) {
        watch.failed(error);
        controller.error(error);
        return;
      }
      if (step.done) controller.close();
      else controller.enqueue(step.value);
    },
    cancel(reason) {
      watch.cancelled(reason);
      return reader.cancel(reason);
    },
  });
}

/**
 * A model call's result (`{ stream, request?, response? }`) with its stream watched, as a copy;
 * undefined when `result` holds no readable stream (another AI SDK version's shape).
 */
export function withWatchedStream<T>(result: T, watch: StreamWatch): T | undefined {
  if (typeof result !== "object" || result === null) return undefined;
  const stream = (result as { stream?: unknown }).stream;
  return isReadable(stream) ? { ...result, stream: watched(stream, watch) } : undefined;
}

/**
 * AI SDK 6: the value of a model call's `startActiveSpan` callback (`{ result: { stream } }`)
 * with its stream watched; any other value is returned as it is. A failure ends the model call
 * and its call ERROR with the exception. A cancel ends the model call, and the call too when
 * `cancelEndsCall`: `streamText` may stop a model stream itself and then still ends its call
 * (a transform's `stopStream`), but `streamObject` never does, so its cancel is the app's.
 */
export function watchModelStream(value: unknown, span: AiSdkSpan, cancelEndsCall: boolean): unknown {
  if (typeof value !== "object" || value === null) return value;
  const watchedResult = withWatchedStream((value as { result?: unknown }).result, {
    failed: (error) => span.fail(error, true),
    cancelled: (reason) => span.fail(cancelError(reason), cancelEndsCall),
  });
  if (watchedResult !== undefined) (value as { result: unknown }).result = watchedResult;
  return value;
}
