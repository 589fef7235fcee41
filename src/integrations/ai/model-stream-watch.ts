/**
 * AI SDK 6 ends a streamed call's spans from its own stream's flush, which never runs when the
 * provider's stream fails mid-way or the app stops reading: the model call and the call would
 * stay open until the trace timeout. The model call's `startActiveSpan` callback hands the
 * provider's stream back (`{ result: { stream } }`); traced reads it through a thin pass-through
 * that, on a failure, ends the model call and its call with ERROR and the exception (on a cancel,
 * the model call only: the AI SDK still ends the call when it stops a stream itself). Every
 * chunk passes unchanged; a stream that completes is left to the AI SDK to end.
 */
import { type AiSdkSpan } from "./ai-sdk-span.js";

interface ReadableLike {
  getReader(): ReadableStreamDefaultReader<unknown>;
}

function isReadable(value: unknown): value is ReadableLike {
  return typeof value === "object" && value !== null && typeof (value as { getReader?: unknown }).getReader === "function";
}

/** The reason a stream was cancelled, as an error: the AI SDK stopped reading it, or an abort's reason. */
function cancelError(reason: unknown): unknown {
  if (reason !== undefined) return reason;
  const error = new Error("The model's stream was cancelled before it finished");
  error.name = "AbortError";
  return error;
}

function watched(stream: ReadableLike, span: AiSdkSpan): ReadableStream<unknown> {
  const reader = stream.getReader();
  return new ReadableStream<unknown>({
    async pull(controller) {
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await reader.read();
      } catch (error) {
        span.fail(error, true);
        controller.error(error);
        return;
      }
      if (step.done) controller.close();
      else controller.enqueue(step.value);
    },
    cancel(reason) {
      span.fail(cancelError(reason), false);
      return reader.cancel(reason);
    },
  });
}

/**
 * The value of a model call's `startActiveSpan` callback with its stream watched; any other
 * value (another AI SDK version's shape) is returned as it is.
 */
export function watchModelStream(value: unknown, span: AiSdkSpan): unknown {
  if (typeof value !== "object" || value === null) return value;
  const holder = (value as { result?: unknown }).result;
  if (typeof holder !== "object" || holder === null) return value;
  const stream = (holder as { stream?: unknown }).stream;
  if (!isReadable(stream)) return value;
  (value as { result: unknown }).result = { ...holder, stream: watched(stream, span) };
  return value;
}
