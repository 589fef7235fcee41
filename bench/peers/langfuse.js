// Langfuse `observe` (v5, OpenTelemetry-based). Its spans go to our own tracer provider
// with a no-op exporter, so nothing leaves the machine and no keys are needed.
import { observe, setLangfuseTracerProvider } from "@langfuse/tracing";
import { createBatchedProvider } from "./otel-shared.js";

export function createLangfuseAdapter(providerOptions) {
  const { provider, drain } = createBatchedProvider(providerOptions);
  setLangfuseTracerProvider(provider);
  return {
    name: "Langfuse observe",
    drain,
    wrap: (fn, name) => observe(fn, { name }),
    wrapCapturing: (fn, name) => observe(fn, { name }),
    wrapStream: (fn, name) => observe(fn, { name }),
    provider,
  };
}
