/**
 * `traced/ai`: the Vercel AI SDK's calls as traced spans. Pass `tracedTelemetry()` as the
 * call's telemetry: `generateText({ model, prompt, experimental_telemetry: tracedTelemetry() })`
 * (AI SDK 6: an OpenTelemetry tracer recording into traced; AI SDK 7: a telemetry integration,
 * also registrable for every call with `registerTelemetry(tracedIntegration())`).
 * The call becomes an AGENT (text) or CHAIN (object) span, each model call a CHAT_MODEL span
 * with messages, tools and token usage, each tool call a TOOL span, embeddings EMBEDDING spans;
 * all nest under the active traced span (`withSpan`, `@trace`). With AI SDK 7, wrapping a model
 * used by `streamObject` with `tracedMiddleware()` ends that call's spans when its stream fails.
 */
import type { AttributeValue, Tracer } from "@opentelemetry/api";
import { tracedIntegration, type TracedIntegration } from "./traced-integration.js";
import { tracedMiddleware, type TracedMiddleware } from "./traced-middleware.js";
import { tracedTracer } from "./traced-tracer.js";

export { tracedIntegration, type TracedIntegration, tracedMiddleware, type TracedMiddleware };

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

/**
 * The AI SDK's telemetry settings, as far as traced fills them in: AI SDK 6 reads `tracer`,
 * AI SDK 7 `integrations` (each ignores the other's; AI SDK 6 calls only integration events
 * traced's integration ignores). In AI SDK 7 a call's own `integrations` replace the registered
 * ones: to keep others (OpenTelemetry, DevTools) register traced's with `registerTelemetry`.
 */
export interface TracedTelemetrySettings extends TracedTelemetryOptions {
  isEnabled: true;
  tracer: Tracer;
  integrations: TracedIntegration[];
}

export function tracedTelemetry(options: TracedTelemetryOptions = {}): TracedTelemetrySettings {
  return { ...options, isEnabled: true, tracer: tracedTracer, integrations: [tracedIntegration()] };
}
