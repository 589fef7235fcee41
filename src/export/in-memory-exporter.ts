import { type Trace } from "../model/trace.js";
import { type TraceExporter } from "./exporter.js";

/** Keeps exported traces in an array: for tests and for inspecting traces in-process. */
export class InMemoryExporter implements TraceExporter {
  readonly name = "in-memory";
  readonly traces: Trace[] = [];

  export(traces: readonly Trace[]): void {
    this.traces.push(...traces);
  }

  exportSync(traces: readonly Trace[]): void {
    this.export(traces);
  }

  /** Empties the store and returns what it held. */
  take(): Trace[] {
    return this.traces.splice(0, this.traces.length);
  }

  clear(): void {
    this.traces.length = 0;
  }
}
