// OpenInference (`@arizeai/openinference-core` withSpan), on a tracer from our own
// provider with a no-op exporter.
import { withSpan } from "@arizeai/openinference-core";
import { createBatchedProvider } from "./otel-shared.js";

export function createOpenInferenceAdapter(providerOptions) {
  const { provider, drain } = createBatchedProvider(providerOptions);
  const tracer = provider.getTracer("bench-openinference");
  return {
    name: "OpenInference",
    drain,
    wrap: (fn, name) => withSpan(fn, { name, tracer }),
    wrapCapturing: (fn, name) => withSpan(fn, { name, tracer }),
    // withSpan ends its span when the generator object is returned, before any chunk:
    // it has no stream support, so the stream workload is reported as not applicable.
    wrapStream: undefined,
    provider,
  };
}
