// The OpenTelemetry JS SDK as its users write it: startActiveSpan around the body.
// Plain spans (no input/output capture) except in the capture workload, where the input
// is recorded the usual OTel way, as one JSON.stringify'd attribute.
import { SpanStatusCode } from "@opentelemetry/api";
import { context, createBatchedProvider, otelTrace } from "./otel-shared.js";

export function createOtelAdapter(providerOptions) {
  const { provider, drain } = createBatchedProvider(providerOptions);
  const tracer = provider.getTracer("bench");

  function endOk(span, value) {
    span.end();
    return value;
  }
  function endError(span, error) {
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    throw error;
  }

  function wrap(fn, name, capture = false) {
    return function (...args) {
      return tracer.startActiveSpan(name, (span) => {
        if (capture) span.setAttribute("input.value", JSON.stringify(args));
        let result;
        try {
          result = fn.apply(this, args);
        } catch (error) {
          endError(span, error);
        }
        if (result instanceof Promise) return result.then((v) => endOk(span, v), (e) => endError(span, e));
        return endOk(span, result);
      });
    };
  }

  function wrapStream(fn, name, reducer) {
    return async function* (...args) {
      const span = tracer.startSpan(name);
      const ctx = otelTrace.setSpan(context.active(), span);
      const inner = context.with(ctx, () => fn.apply(this, args));
      const chunks = [];
      try {
        for (;;) {
          const step = await context.with(ctx, () => inner.next());
          if (step.done) break;
          chunks.push(step.value);
          yield step.value;
        }
        span.setAttribute("output.value", JSON.stringify(reducer(chunks)));
      } catch (error) {
        span.recordException(error);
        throw error;
      } finally {
        span.end();
      }
    };
  }

  return {
    name: "OpenTelemetry SDK",
    drain,
    wrap: (fn, name) => wrap(fn, name, false),
    wrapCapturing: (fn, name) => wrap(fn, name, true),
    wrapStream,
    provider,
  };
}
