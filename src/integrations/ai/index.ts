/**
 * `traced/ai`: the Vercel AI SDK's calls as traced spans. Pass `tracedTelemetry()` as
 * `experimental_telemetry`: `generateText({ model, prompt, experimental_telemetry: tracedTelemetry() })`.
 * The call becomes an AGENT (text) or CHAIN (object) span, each model call a CHAT_MODEL span
 * with messages, tools and token usage, each tool call a TOOL span, embeddings EMBEDDING spans;
 * all nest under the active traced span (`withSpan`, `@trace`).
 */
import type { AttributeValue, Tracer } from "@opentelemetry/api";
import { tracedTracer } from "./traced-tracer.js";

export { translateAiSdkSpan } from "../llm/semconv/ai-sdk.js";

export interface TracedTelemetryOptions {
  /** Names the call in the AI SDK's telemetry (`ai.telemetry.functionId`). */
  functionId?: string;
  metadata?: Record<string, AttributeValue>;
  /** `false` keeps prompts and messages out of the trace (default true). */
  recordInputs?: boolean;
  /** `false` keeps responses, tool results and embeddings out of the trace (default true). */
  recordOutputs?: boolean;
}

/** The AI SDK's `TelemetrySettings`, as far as traced fills them in. */
export interface TracedTelemetrySettings extends TracedTelemetryOptions {
  isEnabled: true;
  tracer: Tracer;
}

export function tracedTelemetry(options: TracedTelemetryOptions = {}): TracedTelemetrySettings {
  return { ...options, isEnabled: true, tracer: tracedTracer };
}
