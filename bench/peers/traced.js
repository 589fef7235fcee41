// traced itself, loaded from the built package as a user would load it.
import * as traced from "traced";

/** An exporter that accepts and forgets traces (sync and async paths). */
const noopExporter = { name: "bench-noop", export() {}, exportSync() {} };

export function createTracedAdapter({ maxQueueSize = 16_384 } = {}) {
  traced.reset();
  traced.configure({ destination: noopExporter, maxQueueSize, onDiagnostic: () => {} });
  const pipeline = globalThis[Symbol.for("traced.registry")].singletons.get("export.pipeline");
  return {
    name: "traced",
    // Between samples only: hands queued traces to the no-op exporter (includes building the model objects).
    drain: () => pipeline.flushSync(),
    wrap: (fn, name) => traced.trace(fn, { name }),
    wrapCapturing: (fn, name) => traced.trace(fn, { name }),
    wrapStream: (fn, name, reducer) => traced.trace(fn, { name, outputReducer: reducer }),
    api: traced,
  };
}
