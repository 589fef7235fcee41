/**
 * The default destination: finished traces written to a local SQLite file. The core's export
 * pipeline already queues and batches; this exporter writes each batch in one transaction.
 * The file is opened on first use, so creating the exporter never fails the app; a write
 * failure is thrown to the pipeline, which reports it once and counts the traces.
 */
import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import { type TraceExporter } from "../export/exporter.js";
import { type Trace } from "../model/trace.js";
import { resolveDbPath } from "./db-path.js";
import { setDefaultStorePath } from "./default-store-path.js";
import type { TraceFileWriter } from "./trace-file-writer.js";
import { loadTraceFileWriter, traceFileWriterNow } from "./trace-file-writer-loader.js";

export interface StoreExporterOptions {
  /** The database file; default TRACED_DB, MLFLOW_TRACKING_URI (sqlite:///…) or ./traced.db. */
  path?: string;
}

export interface StoreExporter extends TraceExporter {
  readonly path: string;
}

export function createStoreExporter(options: StoreExporterOptions = {}): StoreExporter {
  if (typeof options !== "object" || options === null) {
    throw new TracedUsageError(`createStoreExporter: expected an options object, got ${describeValue(options)}`);
  }
  checkKnownKeys(options, ["path"], "createStoreExporter");
  if (options.path !== undefined && (typeof options.path !== "string" || options.path === "")) {
    throw new TracedUsageError(`createStoreExporter: "path" must be a non-empty string, got ${describeValue(options.path)}`);
  }
  const path = resolveDbPath(options.path);
  setDefaultStorePath(path);
  // The writing code loads from now on, in the background; the file opens on the first batch.
  loadTraceFileWriter().catch(() => {});
  let file: TraceFileWriter | undefined;
  const fileNow = (): TraceFileWriter => (file ??= traceFileWriterNow().traceFileWriter(path));

  return {
    name: "sqlite",
    path,
    async export(traces: readonly Trace[]): Promise<void> {
      const writing = file === undefined ? await loadTraceFileWriter() : undefined;
      file ??= writing!.traceFileWriter(path);
      await file.write(traces);
    },
    exportSync(traces: readonly Trace[]): void {
      fileNow().writeSync(traces);
    },
    async shutdown(): Promise<void> {
      file?.close();
    },
  };
}
