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
   * Optional synchronous export, for exporters that write locally (a file, a database): used
   * when the process ends (`process.exit()`, signals) and no more asynchronous work can run.
   */
  exportSync?(traces: readonly Trace[]): void;
  /**
   * Optional last resort at `process.exit()` for exporters whose synchronous export is costly
   * (a network exporter blocks in a child process): used only in the `exit` event, where
   * nothing asynchronous can run, and never at a signal, where the normal export still can.
   * It must return (or throw) within `budgetMs`.
   */
  exportAtExit?(traces: readonly Trace[], budgetMs: number): void;
  forceFlush?(): Promise<void>;
  shutdown?(): Promise<void>;
}
