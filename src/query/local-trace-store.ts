/**
 * The local SQLite file behind the asynchronous store API: the same methods as the tracking
 * server's store, each returning a promise, so code does not change when the store does.
 * The work itself stays synchronous (SQLite answers in microseconds); a failure, a usage
 * mistake included, becomes a rejected promise rather than a throw.
 */
import { type Assessment } from "../model/assessment.js";
import { type Trace } from "../model/trace.js";
import { resolve } from "node:path";
import { newExpectation, newFeedback, type AssessmentUpdate, type LogExpectationOptions, type LogFeedbackOptions } from "./assessments.js";
import { beforeDelete, changeTrace } from "./export-target-changes.js";
import { checkDeleteTracesOptions } from "./delete-traces.js";
import * as openTrace from "./open-trace-changes.js";
import { exportTargetLocation } from "./store-location.js";
import { type DeleteTracesOptions } from "./delete-traces.js";
import { type TraceStore as AsyncTraceStore } from "./remote/trace-store-api.js";
import { type SearchTracesOptions, type SearchTracesResult } from "./search-traces.js";
import { type SummarizeTracesOptions, type SummarizeTracesResult } from "./summarize-types.js";
import { type GetSessionOptions, type SearchSessionsOptions, type SearchSessionsResult, type Session } from "./session-types.js";
import { TraceStore, type ExportOptions, type ExportTarget, type ImportOptions } from "./trace-store.js";

export class LocalTraceStore implements AsyncTraceStore {
  /** The synchronous store, for what only the file offers (import, export, counting, writes). */
  readonly file: TraceStore;

  constructor(pathOrStore: string | TraceStore) {
    this.file = typeof pathOrStore === "string" ? TraceStore.open(pathOrStore) : pathOrStore;
  }

  /** The file's path. */
  get uri(): string {
    return this.file.path;
  }

  get closed(): boolean {
    return !this.file.db.open;
  }

  async getTrace(traceId: string): Promise<Trace | undefined> {
    return this.file.getTrace(traceId);
  }

  async searchTraces(options?: SearchTracesOptions): Promise<SearchTracesResult> {
    return this.file.searchTraces(options);
  }

  async searchSessions(options?: SearchSessionsOptions): Promise<SearchSessionsResult> {
    return this.file.searchSessions(options);
  }

  async getSession(sessionId: string, options?: GetSessionOptions): Promise<Session | undefined> {
    return this.file.getSession(sessionId, options);
  }

  async countTraces(options?: Pick<SearchTracesOptions, "filter" | "experimentIds">): Promise<number> {
    return this.file.countTraces(options);
  }

  async summarizeTraces(options?: SummarizeTracesOptions): Promise<SummarizeTracesResult> {
    return this.file.summarizeTraces(options);
  }

  /** The file the store destination writes (a change then also finds a trace still open in this process: see export-target-changes.ts). */
  isExportTarget(): boolean {
    const target = exportTargetLocation();
    return target.kind === "file" && resolve(target.path) === resolve(this.file.path);
  }

  readonly waitsForMlflowExport = false;

  async setTraceTag(traceId: string, key: string, value: string): Promise<void> {
    return changeTrace(this, traceId, (trace) => openTrace.setTag(trace, key, value), async () => this.file.setTraceTag(traceId, key, value));
  }

  async deleteTraceTag(traceId: string, key: string): Promise<boolean> {
    return changeTrace(this, traceId, (trace) => openTrace.deleteTag(trace, key), async () => this.file.deleteTraceTag(traceId, key));
  }

  /** A trace named by id that is still open in this process (when this file is the destination) is deleted too: see beforeDelete. */
  async deleteTraces(options: DeleteTracesOptions): Promise<number> {
    const { traceIds: asked } = checkDeleteTracesOptions(options);
    const { traceIds, discarded } = await beforeDelete(this, asked);
    if (asked !== undefined && traceIds!.length === 0) return discarded;
    return discarded + this.file.deleteTraces(traceIds !== undefined ? { traceIds } : options);
  }

  async logFeedback(options: LogFeedbackOptions): Promise<Assessment> {
    const assessment = newFeedback(options);
    return changeTrace(this, assessment.traceId, (trace) => openTrace.addAssessment(trace, assessment), async () => this.file.logFeedback(options));
  }

  async logExpectation(options: LogExpectationOptions): Promise<Assessment> {
    const assessment = newExpectation(options);
    return changeTrace(this, assessment.traceId, (trace) => openTrace.addAssessment(trace, assessment), async () => this.file.logExpectation(options));
  }

  async getAssessment(traceId: string, assessmentId: string): Promise<Assessment> {
    return changeTrace(this, traceId, (trace) => openTrace.getAssessment(trace, assessmentId), async () => this.file.getAssessment(traceId, assessmentId), true);
  }

  async updateAssessment(traceId: string, assessmentId: string, update: AssessmentUpdate): Promise<Assessment> {
    return changeTrace(this, traceId, (trace) => openTrace.updateAssessment(trace, assessmentId, update), async () => this.file.updateAssessment(traceId, assessmentId, update));
  }

  async deleteAssessment(traceId: string, assessmentId: string): Promise<void> {
    return changeTrace(this, traceId, (trace) => openTrace.deleteAssessment(trace, assessmentId), async () => this.file.deleteAssessment(traceId, assessmentId));
  }

  /** Writes whole traces (replacing any with the same id): how `traces copy` fills a file. */
  async writeTraces(traces: readonly Trace[]): Promise<void> {
    this.file.writeTraces(traces);
  }

  /** Imports MLflow trace JSON (files, or saved `traces/get` / `traces/search` replies); resolves with the number of traces. */
  async importTraces(path: string, options?: ImportOptions): Promise<number> {
    return this.file.importTraces(path, options);
  }

  /** Exports matching traces as MLflow trace JSON; resolves with the number written. */
  async exportTraces(to: ExportTarget, options?: ExportOptions): Promise<number> {
    return this.file.exportTraces(to, options);
  }

  async close(): Promise<void> {
    if (!this.closed) this.file.close();
  }
}
