/**
 * An OpenTelemetry `Tracer` that the AI SDK calls through `experimental_telemetry.tracer`,
 * recording straight into traced's spans (no OpenTelemetry SDK, no global provider). Spans
 * nest under the active traced span, and the callback of `startActiveSpan` runs with the
 * new span active, so the AI SDK's inner spans and traced spans opened inside a tool's
 * `execute` nest under it.
 */
import type { Context, Span, SpanOptions, Tracer } from "@opentelemetry/api";
import { openBlockSpan, runInSpan } from "../../capture/block-spans.js";
import { isRecordingSpan, type RecordingSpan } from "../../capture/recording-span.js";
import { diagnostics } from "../../config/registry.js";
import { AiSdkSpan } from "./ai-sdk-span.js";
import { watchModelStream } from "./model-stream-watch.js";
import { NON_RECORDING_SPAN } from "./non-recording-span.js";

/** Which traced spans are AI SDK spans, so a child can be closed when its parent ends. */
const aiSdkSpans = new WeakMap<RecordingSpan, AiSdkSpan>();

function open(name: string, options: SpanOptions | undefined): Span {
  try {
    const span = openBlockSpan({ name });
    if (!isRecordingSpan(span)) return NON_RECORDING_SPAN;
    const parent = span.parent === undefined ? undefined : aiSdkSpans.get(span.parent);
    const aiSpan = new AiSdkSpan(span, parent, name, options?.attributes);
    aiSdkSpans.set(span, aiSpan);
    return aiSpan;
  } catch (error) {
    diagnostics.reportOnce("ai-sdk-span-failed", `traced could not start the AI SDK span "${name}"; the AI SDK call was not affected`, error);
    return NON_RECORDING_SPAN;
  }
}

type ActiveCallback = (span: Span) => unknown;

/** A streamed model call (`ai.streamText.doStream`, `ai.streamObject.doStream`): its stream is watched. */
const isModelStream = (name: string) => name.endsWith(".doStream");

function run(span: AiSdkSpan, name: string, fn: ActiveCallback): unknown {
  const result = runInSpan(span.recording, () => fn(span));
  if (!isModelStream(name) || typeof (result as Promise<unknown> | undefined)?.then !== "function") return result;
  const cancelEndsCall = name.startsWith("ai.streamObject.");
  return (result as Promise<unknown>).then((value) => watchModelStream(value, span, cancelEndsCall));
}

export const tracedTracer: Tracer = {
  startSpan(name: string, options?: SpanOptions, _context?: Context): Span {
    return open(name, options);
  },
  startActiveSpan(name: string, ...args: unknown[]): never {
    const fn = args.find((arg): arg is ActiveCallback => typeof arg === "function")!;
    const options = typeof args[0] === "object" && args[0] !== null ? (args[0] as SpanOptions) : undefined;
    const span = open(name, options);
    return (span instanceof AiSdkSpan ? run(span, name, fn) : fn(span)) as never;
  },
} as Tracer;
