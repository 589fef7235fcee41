/** Test setup: a fresh configuration with an in-memory destination, and a way to read what it got. */
import { flushTraces, InMemoryExporter, reset, setDestination, configure, type Diagnostic, type Trace } from "../../src/index.js";

export interface TestTracing {
  exporter: InMemoryExporter;
  diagnostics: Diagnostic[];
  /** Waits for export, then returns (and forgets) every trace exported so far. */
  traces(): Promise<Trace[]>;
  /** The single trace exported so far (fails otherwise). */
  onlyTrace(): Promise<Trace>;
}

export function setupTracing(): TestTracing {
  reset();
  const exporter = new InMemoryExporter();
  const diagnostics: Diagnostic[] = [];
  setDestination(exporter);
  configure({ onDiagnostic: (d) => diagnostics.push(d) });
  return {
    exporter,
    diagnostics,
    async traces() {
      await flushTraces();
      return exporter.take();
    },
    async onlyTrace() {
      await flushTraces();
      const traces = exporter.take();
      if (traces.length !== 1) throw new Error(`expected exactly one trace, got ${traces.length}`);
      return traces[0]!;
    },
  };
}

/** The span tree as nested [name, children] pairs, for compact assertions. */
export function shape(trace: Trace): unknown {
  const build = (spanId: string): unknown[] =>
    trace.children(spanId).map((child) => {
      const nested = build(child.spanId);
      return nested.length ? [child.name, nested] : child.name;
    });
  const root = trace.rootSpan!;
  const children = build(root.spanId);
  return children.length ? [root.name, children] : root.name;
}
