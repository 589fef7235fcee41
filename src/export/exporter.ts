import { type Trace } from "../model/trace.js";

/**
 * Where finished traces go. Called off the traced call's path, in batches, one batch at a
 * time per pipeline; a thrown error or rejected promise is reported and counted, never
 * surfaced to the app.
 */
export interface TraceExporter {
  /** A short name for diagnostics ("sqlite", "otlp", ...). */
  readonly name?: string;
  export(traces: readonly Trace[]): void | Promise<void>;
  /**
   * Optional synchronous export, used when the process is exiting (`process.exit()`,
   * signals) and no more asynchronous work can run.
   */
  exportSync?(traces: readonly Trace[]): void;
  forceFlush?(): Promise<void>;
  shutdown?(): Promise<void>;
}
