/**
 * A stored-trace database opened for reading and management: the API behind the module
 * functions (getTrace, searchTraces, …) and the `traced` CLI. Writes wait out another
 * process's lock instead of failing with SQLITE_BUSY.
 */
import { type Assessment } from "../model/assessment.js";
import { Trace } from "../model/trace.js";
import { withBusyRetrySync } from "../store/busy-retry.js";
import { openTraceDatabase, type TraceDatabase } from "../store/database.js";
import { defaultStorePath } from "../store/default-store-path.js";
import { TraceReader } from "../store/trace-reader.js";
import { TraceWriter } from "../store/trace-writer.js";
import {
  deleteAssessment,
  getAssessment,
  logExpectation,
  logFeedback,
  updateAssessment,
  type AssessmentUpdate,
  type LogExpectationOptions,
  type LogFeedbackOptions,
} from "./assessments.js";
import { deleteTraces, type DeleteTracesOptions } from "./delete-traces.js";
import { directorySink, fileSink, readMlflowTraceFile, traceFilesAt, type TraceFileFormat } from "./mlflow-files.js";
import { countTraces, searchTraces, type SearchTracesOptions, type SearchTracesResult } from "./search-traces.js";
import { registerSqlFunctions } from "./sql-functions.js";
import { summarizeTraces } from "./summarize-traces.js";
import { type SummarizeTracesOptions, type TracesSummary } from "./summarize-types.js";
import { searchSessions } from "./sessions.js";
import { SessionReader } from "./session-turns.js";
import { type GetSessionOptions, type SearchSessionsOptions, type SearchSessionsResult, type Session } from "./session-types.js";
import { deleteTraceTag, setTraceTag } from "./trace-tags.js";

export interface ExportOptions extends Pick<SearchTracesOptions, "filter" | "orderBy" | "experimentIds"> {
  /** Called after each trace written: (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Where an export goes: `{ directory }` (one file per trace) or `{ file }` (a path or a
 * descriptor) holding a JSON array, or JSON Lines with `format: "jsonl"`.
 */
export type ExportTarget = { directory: string } | { file: string | number; format?: TraceFileFormat };

export interface ImportOptions {
  onProgress?: (done: number, files: number) => void;
}

const EXPORT_PAGE = 500;
const IMPORT_BATCH = 500;

export class TraceStore {
  readonly db: TraceDatabase;
  private readonly reader: TraceReader;
  private writer: TraceWriter | undefined;
  private sessions: SessionReader | undefined;

  private constructor(readonly path: string) {
    this.db = openTraceDatabase(path);
    registerSqlFunctions(this.db);
    this.reader = new TraceReader(this.db);
  }

  /** Opens (creating if needed) the store at `path`; default: where traces are being exported. */
  static open(path: string = defaultStorePath()): TraceStore {
    return new TraceStore(path);
  }

  getTrace(traceId: string): Trace | undefined {
    return this.reader.trace(traceId);
  }

  searchTraces(options: SearchTracesOptions = {}): SearchTracesResult {
    return searchTraces(this.db, this.reader, options);
  }

  countTraces(options: Pick<SearchTracesOptions, "filter" | "experimentIds"> = {}): number {
    return countTraces(this.db, options);
  }

  /** Sessions (traces sharing `mlflow.trace.session`) with their turns, tokens, cost and errors, counted in SQLite. */
  searchSessions(options: SearchSessionsOptions = {}): SearchSessionsResult {
    return searchSessions(this.db, options);
  }

  /** One session's summary and a page of its turns, oldest first; undefined when no trace has that session. */
  getSession(sessionId: string, options: GetSessionOptions = {}): Session | undefined {
    this.sessions ??= new SessionReader(this.db);
    return this.sessions.read(sessionId, options);
  }

  /** Numbers over a time range: per interval, a latency histogram, top groups (see summarize-traces.ts). */
  summarizeTraces(options: SummarizeTracesOptions = {}): TracesSummary {
    return summarizeTraces(this.db, options);
  }

  setTraceTag(traceId: string, key: string, value: string): void {
    withBusyRetrySync(() => setTraceTag(this.db, traceId, key, value));
  }

  deleteTraceTag(traceId: string, key: string): boolean {
    return withBusyRetrySync(() => deleteTraceTag(this.db, traceId, key));
  }

  /** Returns how many traces were deleted. */
  deleteTraces(options: DeleteTracesOptions): number {
    return withBusyRetrySync(() => deleteTraces(this.db, options));
  }

  logFeedback(options: LogFeedbackOptions): Assessment {
    return withBusyRetrySync(() => logFeedback(this.db, options));
  }

  logExpectation(options: LogExpectationOptions): Assessment {
    return withBusyRetrySync(() => logExpectation(this.db, options));
  }

  getAssessment(traceId: string, assessmentId: string): Assessment {
    return getAssessment(this.db, traceId, assessmentId);
  }

  updateAssessment(traceId: string, assessmentId: string, update: AssessmentUpdate): Assessment {
    return withBusyRetrySync(() => updateAssessment(this.db, traceId, assessmentId, update));
  }

  deleteAssessment(traceId: string, assessmentId: string): void {
    withBusyRetrySync(() => deleteAssessment(this.db, traceId, assessmentId));
  }

  /** Writes traces (replacing any with the same id), in batches of one transaction each. */
  writeTraces(traces: readonly Trace[]): void {
    this.writer ??= new TraceWriter(this.db);
    for (let i = 0; i < traces.length; i += IMPORT_BATCH) {
      const batch = traces.slice(i, i + IMPORT_BATCH);
      withBusyRetrySync(() => this.writer!.write(batch));
    }
  }

  /**
   * Imports MLflow trace JSON from a file or a directory of files (MLflow's trace files, or
   * saved `traces/get` and `traces/search` replies of its REST API); returns the number of traces.
   */
  importTraces(path: string, options: ImportOptions = {}): number {
    const files = traceFilesAt(path);
    let imported = 0;
    files.forEach((file, i) => {
      const traces = readMlflowTraceFile(file).map((trace) => this.keepingSpans(trace));
      this.writeTraces(traces);
      imported += traces.length;
      options.onProgress?.(i + 1, files.length);
    });
    return imported;
  }

  /**
   * A trace without spans (a search reply holds the info alone) updates the info of a trace
   * already stored, keeping its spans, instead of wiping them.
   */
  private keepingSpans(trace: Trace): Trace {
    if (trace.spans.length > 0) return trace;
    const stored = this.reader.trace(trace.traceId);
    return stored && stored.spans.length > 0 ? new Trace(trace.info, stored.spans) : trace;
  }

  /**
   * Exports matching traces as MLflow JSON: to a directory (one file per trace), or to one
   * file or open descriptor. Pages through the store, so memory stays flat.
   */
  exportTraces(to: ExportTarget, options: ExportOptions = {}): number {
    const { onProgress, ...search } = options;
    const total = this.countTraces(search);
    const sink = "directory" in to ? directorySink(to.directory) : fileSink(to.file, to.format);
    let done = 0;
    try {
      let pageToken: string | undefined;
      do {
        const page = this.searchTraces({ ...search, maxResults: EXPORT_PAGE, ...(pageToken ? { pageToken } : {}) });
        for (const trace of page.traces) {
          // The count was taken first: traces written meanwhile by another process wait for
          // the next export, so the progress total holds.
          if (!("directory" in to) && done === total) break;
          sink.write(trace);
          done++;
          onProgress?.(done, total);
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
    } finally {
      sink.close();
    }
    return done;
  }

  close(): void {
    // Lets SQLite refresh the statistics its planner uses, cheaply, as it recommends at close.
    if (this.db.open && !this.db.readonly) this.db.pragma("optimize");
    this.db.close();
  }
}
