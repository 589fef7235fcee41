/**
 * The store exporter's writing half: the SQLite file opened on the first batch, each batch
 * written in one transaction, another process's lock waited out. It loads when a store
 * exporter is created (trace-file-writer-loader.ts), not with `import "traced"`.
 */
import { type Trace } from "../model/trace.js";
import { withBusyRetry, withBusyRetrySync } from "./busy-retry.js";
import { openTraceDatabase, type TraceDatabase } from "./database.js";
import { TraceWriter } from "./trace-writer.js";
import { provideTraceFileWriter } from "./trace-file-writer-loader.js";

export interface TraceFileWriter {
  write(traces: readonly Trace[]): Promise<void>;
  writeSync(traces: readonly Trace[]): void;
  close(): void;
}

/** A writer for the file at `path`, which opens it on the first write (and again after close). */
export function traceFileWriter(path: string): TraceFileWriter {
  let db: TraceDatabase | undefined;
  let writer: TraceWriter | undefined;
  const writerFor = (): TraceWriter => {
    if (writer === undefined) {
      db = openTraceDatabase(path);
      writer = new TraceWriter(db);
    }
    return writer;
  };
  return {
    async write(traces) {
      // Waiting for another process's lock happens between attempts, off the event loop.
      await withBusyRetry(() => writerFor().write(traces));
    },
    writeSync(traces) {
      withBusyRetrySync(() => writerFor().write(traces));
    },
    close() {
      if (db?.open) db.pragma("optimize");
      db?.close();
      db = undefined;
      writer = undefined;
    },
  };
}

provideTraceFileWriter({ traceFileWriter });
