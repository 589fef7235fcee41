/**
 * `traced/otel`: live beside OpenTelemetry in one process. The only entry point that
 * imports `@opentelemetry/api` (an optional peer dependency); the core never does.
 */
import { context, createContextKey, ROOT_CONTEXT } from "@opentelemetry/api";
import { diagnostics } from "../config/registry.js";
import { contextBridge } from "../context/context-bridge.js";
import { OpenTelemetryBridge } from "./bridge.js";

export {
  OpenTelemetrySpanProcessorExporter,
  type OtelReadableSpan,
  type OtelResource,
  type OtelSpanProcessor,
  type SpanProcessorExporterOptions,
} from "./span-processor-exporter.js";
export { TracedSpanProcessor, type ForeignSpanTranslator, type OtelEndedSpan, type TracedSpanProcessorOptions } from "./traced-span-processor.js";
export { translateForeignSpan } from "../integrations/llm/semconv/foreign-span.js";
export { type ConventionMapping, type ForeignAttributes, type ForeignEvent } from "../integrations/llm/semconv/convention.js";

/** Whether OTel has a context manager that carries context through calls (without one, nothing can nest). */
function otelContextWorks(): boolean {
  const probe = createContextKey("traced: probe");
  return context.with(ROOT_CONTEXT.setValue(probe, true), () => context.active().getValue(probe) === true);
}

/**
 * Nests traced spans and OpenTelemetry spans into one trace, in both directions and to any
 * depth: a traced span started inside an OTel span is its child, and an OTel span started
 * inside a traced span is the traced span's child. Register the OTel SDK (its context
 * manager) before or after; each library keeps exporting its own spans. Process-wide.
 */
export function enableOpenTelemetryBridge(): void {
  if (!otelContextWorks()) {
    diagnostics.reportOnce(
      "otel-no-context-manager",
      "enableOpenTelemetryBridge: OpenTelemetry has no context manager registered, so its spans and traced's cannot nest until one is (e.g. provider.register() or context.setGlobalContextManager(new AsyncLocalStorageContextManager()))",
    );
  }
  if (!isOpenTelemetryBridgeEnabled()) contextBridge.current = new OpenTelemetryBridge();
}

/** Stops nesting traced and OpenTelemetry spans into each other; spans already open keep their parents. */
export function disableOpenTelemetryBridge(): void {
  contextBridge.current = undefined;
}

export function isOpenTelemetryBridgeEnabled(): boolean {
  return contextBridge.current !== undefined;
}
