/**
 * The trace store of an MLflow tracking server, over its REST API 3.0: what traced's own file
 * store offers (get, search, tags, deletes, assessments), for traces exported to the server.
 * Filters and orderings are checked with traced's parser first, so a mistake fails the same
 * way, before any request, and then go to the server as text.
 */
import { checkKnownKeys, checkString, describeValue, TracedUsageError } from "../../config/errors.js";
import { checkUrl } from "../../export/otlp/otlp-settings.js";
import { type RetryPolicy } from "../../export/otlp/retry-policy.js";
import { assessmentBody } from "../../export/mlflow/trace-info-body.js";
import { type Assessment } from "../../model/assessment.js";
import { assessmentFromDict, assessmentToDict, TraceFormatError, traceInfoFromDict } from "../../model/mlflow-json.js";
import { Trace } from "../../model/trace.js";
import { newExpectation, newFeedback, type AssessmentUpdate, type LogExpectationOptions, type LogFeedbackOptions } from "../assessments.js";
import { checkDeleteTracesOptions, type DeleteTracesOptions } from "../delete-traces.js";
import { resolveCondition } from "../filter-fields.js";
import { parseFilter } from "../filter-parser.js";
import { TraceNotFoundError } from "../not-found.js";
import { compileOrderBy } from "../order-by.js";
import { DEFAULT_MAX_RESULTS, type SearchTracesOptions, type SearchTracesResult } from "../search-traces.js";
import { MlflowRestClient, MlflowServerError, STORE_RETRY_POLICY } from "./mlflow-rest-client.js";
import { BatchTraceReader } from "./batch-get-traces.js";
import { traceFromRest } from "./rest-trace.js";
import { type TraceStore } from "./trace-store-api.js";
import { getServerSession, searchServerSessions } from "./server-sessions.js";
import { summarizeOnServer } from "./server-summary.js";
import { type SummarizeTracesOptions, type SummarizeTracesResult } from "../summarize-types.js";
import { type GetSessionOptions, type SearchSessionsOptions, type SearchSessionsResult, type Session } from "../session-types.js";
import { trackingAuthHeaders } from "../../export/mlflow/mlflow-settings.js";
import { beforeDelete, changeTrace } from "../export-target-changes.js";
import * as openTrace from "../open-trace-changes.js";
import { locationUri, mlflowDestination } from "../store-location.js";

export interface MlflowServerStoreOptions {
  /** e.g. `http://localhost:5000` (default: `MLFLOW_TRACKING_URI`). */
  trackingUri?: string;
  /** The experiment searched and deleted in (default: `MLFLOW_EXPERIMENT_ID`, else "0"). */
  experimentId?: string;
  /** Extra headers on every request (authentication from the environment is added unless given here). */
  headers?: Record<string, string>;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

const OPTION_KEYS = ["trackingUri", "experimentId", "headers", "timeoutMs", "retry"];
const SEARCH_OPTIONS = ["filter", "orderBy", "maxResults", "pageToken", "experimentIds", "includeSpans"];
/** MLflow's REST API 3.0 serves at most this many traces a page. */
export const MAX_SEARCH_RESULTS = 500;
const DEFAULT_TIMEOUT_MS = 30_000;
const NOT_FOUND = "RESOURCE_DOES_NOT_EXIST";

const UPDATE_MASK: Record<string, string> = { name: "assessmentName", rationale: "rationale", metadata: "metadata" };

type Json = Record<string, unknown>;

export class MlflowServerStore implements TraceStore {
  readonly experimentId: string;
  private readonly client: MlflowRestClient;
  private readonly spans: BatchTraceReader;

  constructor(options: MlflowServerStoreOptions = {}, env: NodeJS.ProcessEnv = process.env) {
    const where = "MlflowServerStore";
    if (typeof options !== "object" || options === null) throw new TracedUsageError(`${where}: expected an options object, got ${describeValue(options)}`);
    checkKnownKeys(options, OPTION_KEYS, where);
    const uriText = options.trackingUri ?? env.MLFLOW_TRACKING_URI?.trim();
    if (!uriText) throw new TracedUsageError(`${where}: no tracking server: pass "trackingUri" (e.g. "http://localhost:5000") or set MLFLOW_TRACKING_URI`);
    if (!/^https?:\/\//i.test(uriText)) {
      throw new TracedUsageError(`${where}: "trackingUri" ${describeValue(uriText)} is not an MLflow tracking server URL (http:// or https://)`);
    }
    const base = new URL(checkUrl(uriText, `${where}: "trackingUri"`).replace(/\/*$/, "/"));
    const experimentId = options.experimentId ?? (env.MLFLOW_EXPERIMENT_ID?.trim() || "0");
    if (typeof experimentId !== "string" || experimentId === "") {
      throw new TracedUsageError(`${where}: "experimentId" must be a non-empty string, got ${describeValue(experimentId)}`);
    }
    this.experimentId = experimentId;
    this.client = new MlflowRestClient({
      baseUrl: base,
      headers: { ...trackingAuthHeaders(env), ...options.headers },
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: { ...STORE_RETRY_POLICY, ...options.retry },
    });
    this.spans = new BatchTraceReader(this.client, (traceId) => this.getTrace(traceId), (value) => traceFromReply(value, this.client.server, "traces/batchGet"));
  }

  get trackingUri(): string {
    return this.client.server;
  }

  get uri(): string {
    return this.client.server;
  }

  get closed(): boolean {
    return this.client.closed;
  }

  async getTrace(traceId: string): Promise<Trace | undefined> {
    checkTraceId(traceId, "getTrace");
    let reply: Json;
    try {
      reply = await this.client.call("GET", "api/3.0/mlflow/traces/get", { trace_id: traceId, allow_partial: false });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    return traceFromReply(reply.trace, this.client.server, "traces/get");
  }

  async searchTraces(options: SearchTracesOptions = {}): Promise<SearchTracesResult> {
    if (typeof options !== "object" || options === null) throw new TracedUsageError(`searchTraces: expected an options object, got ${describeValue(options)}`);
    checkKnownKeys(options, SEARCH_OPTIONS, "searchTraces");
    const filter = options.filter ?? "";
    if (typeof filter !== "string") throw new TracedUsageError(`searchTraces: "filter" must be a string, got ${describeValue(filter)}`);
    for (const comparison of parseFilter(filter)) resolveCondition(comparison, filter);
    if (options.orderBy !== undefined && !Array.isArray(options.orderBy)) {
      throw new TracedUsageError(`searchTraces: "orderBy" must be an array of strings, got ${describeValue(options.orderBy)}`);
    }
    compileOrderBy(options.orderBy);
    const maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS;
    if (!Number.isInteger(maxResults) || maxResults <= 0 || maxResults > MAX_SEARCH_RESULTS) {
      throw new TracedUsageError(`searchTraces: "maxResults" must be an integer from 1 to ${MAX_SEARCH_RESULTS} (the tracking server's page limit), got ${describeValue(maxResults)}`);
    }
    const experimentIds = options.experimentIds?.length ? options.experimentIds : [this.experimentId];
    const reply = await this.client.call("POST", "api/3.0/mlflow/traces/search", {
      locations: experimentIds.map((id) => ({ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: id } })),
      ...(filter ? { filter } : {}),
      max_results: maxResults,
      ...(options.orderBy?.length ? { order_by: [...options.orderBy] } : {}),
      ...(options.pageToken ? { page_token: options.pageToken } : {}),
    });
    const infos = (Array.isArray(reply.traces) ? reply.traces : []).map((info) => traceInfoFromDict(asObject(info, "traces[]")));
    const traces =
      options.includeSpans === false
        ? infos.map((info) => new Trace(info, []))
        : await this.spans.read(infos);
    const next = reply.next_page_token;
    return typeof next === "string" && next !== "" ? { traces, nextPageToken: next } : { traces };
  }

  /** Counted from the matching traces' info, read page by page (see server-sessions.ts for the limit). */
  async searchSessions(options: SearchSessionsOptions = {}): Promise<SearchSessionsResult> {
    return searchServerSessions(this, options);
  }

  async getSession(sessionId: string, options: GetSessionOptions = {}): Promise<Session | undefined> {
    return getServerSession(this, sessionId, options);
  }

  /** Counted from the matching traces' info, read page by page (see server-summary.ts for the limit and what is not available). */
  async summarizeTraces(options: SummarizeTracesOptions = {}): Promise<SummarizeTracesResult> {
    return summarizeOnServer(this, options);
  }

  /** The MLflow destination sends its traces to this server (then changes find a trace wherever it is: see export-target-changes.ts). */
  isExportTarget(): boolean {
    const destination = mlflowDestination();
    return destination !== undefined && locationUri({ kind: "server", trackingUri: destination.connection().trackingUri }) === this.client.server;
  }

  readonly waitsForMlflowExport = true;

  async setTraceTag(traceId: string, key: string, value: string): Promise<void> {
    checkTraceId(traceId, "setTraceTag");
    checkString(key, "key", "setTraceTag");
    checkString(value, "value", "setTraceTag", true);
    return changeTrace(
      this,
      traceId,
      (trace) => openTrace.setTag(trace, key, value),
      async () => void (await this.onTrace(traceId, () => this.client.call("PATCH", `api/2.0/mlflow/traces/${encodeURIComponent(traceId)}/tags`, { key, value }))),
    );
  }

  async deleteTraceTag(traceId: string, key: string): Promise<boolean> {
    checkTraceId(traceId, "deleteTraceTag");
    checkString(key, "key", "deleteTraceTag");
    return changeTrace(this, traceId, (trace) => openTrace.deleteTag(trace, key), () => this.deleteTagOnServer(traceId, key));
  }

  private async deleteTagOnServer(traceId: string, key: string): Promise<boolean> {
    try {
      await this.client.call("DELETE", `api/2.0/mlflow/traces/${encodeURIComponent(traceId)}/tags`, { key });
      return true;
    } catch (error) {
      // The server answers 404 for a missing tag as for a missing trace: tell them apart.
      if (isNotFound(error) && (await this.traceExists(traceId))) return false;
      if (isNotFound(error)) throw new TraceNotFoundError(traceId);
      throw error;
    }
  }

  /** Traces still on their way to this server (when it is the destination) are deleted too: see beforeDelete. */
  async deleteTraces(options: DeleteTracesOptions): Promise<number> {
    const { traceIds: asked, maxTimestampMs, maxTraces } = checkDeleteTracesOptions(options);
    if (asked?.length === 0) return 0;
    const { traceIds, discarded } = await beforeDelete(this, asked);
    if (traceIds?.length === 0) return discarded;
    const reply = await this.client.call("POST", "api/2.0/mlflow/traces/delete-traces", {
      experiment_id: this.experimentId,
      ...(traceIds ? { request_ids: [...traceIds] } : { max_timestamp_millis: maxTimestampMs, ...(maxTraces ? { max_traces: maxTraces } : {}) }),
    });
    return discarded + Number(reply.traces_deleted ?? 0);
  }

  async logFeedback(options: LogFeedbackOptions): Promise<Assessment> {
    const assessment = newFeedback(options);
    return changeTrace(this, assessment.traceId, (trace) => openTrace.addAssessment(trace, assessment), () => this.create(assessment));
  }

  async logExpectation(options: LogExpectationOptions): Promise<Assessment> {
    const assessment = newExpectation(options);
    return changeTrace(this, assessment.traceId, (trace) => openTrace.addAssessment(trace, assessment), () => this.create(assessment));
  }

  async getAssessment(traceId: string, assessmentId: string): Promise<Assessment> {
    checkTraceId(traceId, "getAssessment");
    return changeTrace(this, traceId, (trace) => openTrace.getAssessment(trace, assessmentId), () => this.getAssessmentOnServer(traceId, assessmentId), true);
  }

  private async getAssessmentOnServer(traceId: string, assessmentId: string): Promise<Assessment> {
    const reply = await this.onAssessment(traceId, assessmentId, () => this.client.call("GET", assessmentPath(traceId, assessmentId)));
    return assessmentFromDict(reply.assessment);
  }

  /** Changes the given fields; the update mask names exactly those (the server keeps the rest). */
  async updateAssessment(traceId: string, assessmentId: string, update: AssessmentUpdate): Promise<Assessment> {
    checkTraceId(traceId, "updateAssessment");
    // Checked first, also for a trace still open here: it is going to this server.
    checkKnownKeys(update, ["name", "value", "error", "rationale", "metadata", "source", "spanId", "valid"], "updateAssessment");
    for (const key of ["source", "spanId", "valid"] as const) {
      if (update[key] !== undefined) throw new TracedUsageError(`updateAssessment: an MLflow tracking server cannot change "${key}" of an assessment`);
    }
    if (update.name !== undefined && (typeof update.name !== "string" || update.name === "")) {
      throw new TracedUsageError(`updateAssessment: "name" must be a non-empty string, got ${describeValue(update.name)}`);
    }
    return changeTrace(this, traceId, (trace) => openTrace.updateAssessment(trace, assessmentId, update), () => this.updateAssessmentOnServer(traceId, assessmentId, update));
  }

  private async updateAssessmentOnServer(traceId: string, assessmentId: string, update: AssessmentUpdate): Promise<Assessment> {
    const current = await this.getAssessmentOnServer(traceId, assessmentId);
    if (update.error !== undefined && current.expectation) throw new TracedUsageError("updateAssessment: an expectation has no error");
    const paths = Object.keys(UPDATE_MASK).filter((key) => update[key as keyof AssessmentUpdate] !== undefined).map((key) => UPDATE_MASK[key]!);
    const changesValue = update.value !== undefined || update.error !== undefined;
    if (changesValue) paths.push(current.expectation ? "expectation" : "feedback");
    if (paths.length === 0) return current;
    const next: Assessment = {
      ...current,
      ...(update.name !== undefined ? { name: update.name } : {}),
      ...(update.rationale !== undefined ? { rationale: update.rationale } : {}),
      ...(update.metadata !== undefined ? { metadata: { ...update.metadata } } : {}),
      ...(current.expectation
        ? { expectation: { value: update.value !== undefined ? update.value : current.expectation.value } }
        : {
            feedback: {
              ...current.feedback,
              ...(update.value !== undefined ? { value: update.value } : {}),
              ...(update.error !== undefined ? { error: update.error } : {}),
            },
          }),
    };
    const reply = await this.onAssessment(traceId, assessmentId, () =>
      this.client.call("PATCH", assessmentPath(traceId, assessmentId), { assessment: assessmentToDict(next), update_mask: paths.join(",") }),
    );
    return assessmentFromDict(reply.assessment);
  }

  async deleteAssessment(traceId: string, assessmentId: string): Promise<void> {
    checkTraceId(traceId, "deleteAssessment");
    return changeTrace(
      this,
      traceId,
      (trace) => openTrace.deleteAssessment(trace, assessmentId),
      async () => void (await this.onAssessment(traceId, assessmentId, () => this.client.call("DELETE", assessmentPath(traceId, assessmentId)))),
    );
  }

  async close(): Promise<void> {
    this.client.close();
  }

  private async create(assessment: Assessment): Promise<Assessment> {
    const reply = await this.onTrace(assessment.traceId, () =>
      this.client.call("POST", `api/3.0/mlflow/traces/${encodeURIComponent(assessment.traceId)}/assessments`, assessmentBody(assessment)),
    );
    return assessmentFromDict(reply.assessment);
  }

  private async traceExists(traceId: string): Promise<boolean> {
    try {
      await this.client.call("GET", `api/3.0/mlflow/traces/${encodeURIComponent(traceId)}`);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** A call on a trace: the server's 404 becomes the store's not-found error. */
  private async onTrace(traceId: string, call: () => Promise<Json>): Promise<Json> {
    try {
      return await call();
    } catch (error) {
      if (isNotFound(error)) throw new TraceNotFoundError(traceId);
      throw error;
    }
  }

  /** A call on an assessment: a 404 names the trace when that is what is missing, else the assessment. */
  private async onAssessment(traceId: string, assessmentId: string, call: () => Promise<Json>): Promise<Json> {
    try {
      return await call();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      if (!(await this.traceExists(traceId))) throw new TraceNotFoundError(traceId);
      throw new TraceNotFoundError(assessmentId, "Assessment");
    }
  }
}

/** A trace of a `traces/get` or `traces/batchGet` reply; a reply that is not one names the server, not a file format. */
function traceFromReply(value: unknown, server: string, call: string): Trace {
  try {
    return traceFromRest(value);
  } catch (error) {
    if (error instanceof TraceFormatError) throw new MlflowServerError(`The tracking server at ${server} answered ${call} with something that is not a trace: ${error.message}`);
    throw error;
  }
}

function asObject(value: unknown, where: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MlflowServerError(`The tracking server's reply has no "${where}" object`);
  }
  return value as Json;
}

function isNotFound(error: unknown): boolean {
  return error instanceof MlflowServerError && (error.status === 404 || error.errorCode === NOT_FOUND) && error.errorCode !== "ENDPOINT_NOT_FOUND";
}

function assessmentPath(traceId: string, assessmentId: string): string {
  checkString(assessmentId, "assessmentId", "assessment");
  return `api/3.0/mlflow/traces/${encodeURIComponent(traceId)}/assessments/${encodeURIComponent(assessmentId)}`;
}




function checkTraceId(traceId: unknown, where: string): void {
  if (typeof traceId !== "string" || traceId === "") throw new TracedUsageError(`${where}: expected a trace id string, got ${describeValue(traceId)}`);
}
