/**
 * What the MLflow exporter loads when it is created (mlflow-exporter.ts), to talk to a 3.x
 * server as MLflow's own SDK does: the spans of a batch go as one OTLP/protobuf request to `POST /v1/traces` (with the experiment id
 * header; the server creates the traces from them), then each trace's full info (previews,
 * state, tags, metadata) goes to `POST /api/3.0/mlflow/traces`, and its assessments after.
 * The info call comes only once the spans are stored, because the server waits for all
 * spans of a trace whose info announces them.
 */
import type { Diagnostics } from "../../config/diagnostics.js";
import type { Trace } from "../../model/trace.js";
import { DeliveryQueue, type DeliveryStats } from "../otlp/delivery-queue.js";
import { reportDrop, reportPartialSuccess, shutDownGracefully } from "../otlp/exporter-lifecycle.js";
import { buildExportRequest } from "../otlp/otlp-message.js";
import { encodeExportRequest } from "../otlp/otlp-delivery.js";
import { loadOtlpProto, otlpProtoLoaded } from "../otlp/otlp-proto-loader.js";
import { OtlpTransport } from "../otlp/otlp-transport.js";
import { postAllSync, type SyncFailure, type SyncRequest } from "../otlp/post-sync.js";
import { DeliveryError, RetryingHttpClient } from "../otlp/retrying-client.js";
import { EXPERIMENT_ID_HEADER, type MlflowSettings } from "./mlflow-settings.js";
import { assessmentBody, traceInfoBody } from "./trace-info-body.js";
import type { TraceFollowUps } from "./trace-follow-ups.js";
import { AssessmentIdMap, overriddenFirst } from "./assessment-overrides.js";
import type { Assessment } from "../../model/assessment.js";

const REST_CONCURRENCY = 4;

interface RestCall {
  path: string;
  body: Buffer;
  /** For an assessment: its `overrides` is rewritten to the server's new id (see assessment-overrides.ts). */
  assessment?: Assessment;
}

export class MlflowDelivery {
  private readonly name = "mlflow";
  private readonly queue: DeliveryQueue;
  private readonly client: RetryingHttpClient;
  private readonly transport: OtlpTransport;
  private readonly restHeaders: Record<string, string>;
  private incompleteTraces = 0;

  constructor(
    private readonly settings: MlflowSettings,
    private readonly diagnostics: Diagnostics,
    /** The exporter's: changes to a trace wait there from the moment the exporter takes it. */
    private readonly followUps: TraceFollowUps,
  ) {
    this.client = new RetryingHttpClient({
      policy: settings.otlp.retry,
      timeoutMs: settings.otlp.timeoutMs,
      onRetry: () => this.queue.stats.retries++,
    });
    this.transport = new OtlpTransport(settings.otlp, "http/protobuf", this.client);
    this.queue = new DeliveryQueue(settings.otlp.maxBufferBytes, (reason, job, error) => reportDrop(diagnostics, this.name, reason, job, error));
    this.restHeaders = { ...settings.restHeaders, "Content-Type": "application/json" };
    // The encoder loads in the background from now on; a failure shows at the first export.
    loadOtlpProto().catch(() => {});
  }

  /** The delivery counters and the traces whose info could not be logged. */
  get stats(): Readonly<DeliveryStats & { incompleteTraces: number }> {
    return { ...this.queue.stats, incompleteTraces: this.incompleteTraces };
  }

  private experimentOf(trace: Trace): string {
    const own = trace.info.traceLocation.experimentId;
    return this.settings.experimentId ?? (own && own !== "0" ? own : this.settings.defaultExperimentId);
  }

  /** The batch's traces by experiment: the spans of each go in one request with its experiment header. */
  private byExperiment(traces: readonly Trace[]): Map<string, Trace[]> {
    const groups = new Map<string, Trace[]>();
    for (const trace of traces) {
      const id = this.experimentOf(trace);
      (groups.get(id) ?? groups.set(id, []).get(id)!).push(trace);
    }
    return groups;
  }

  export(traces: readonly Trace[]): Promise<void> {
    if (otlpProtoLoaded()) return this.exportNow(traces);
    // Changes made to these traces from now on wait for their delivery, as they do once encoded.
    for (const trace of traces) this.followUps.accept(trace.traceId);
    return loadOtlpProto().then(
      () => this.exportNow(traces),
      (error: unknown) => {
        for (const trace of traces) this.followUps.failed(trace.traceId, error);
        throw error;
      },
    );
  }

  private exportNow(traces: readonly Trace[]): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const [experimentId, group] of this.byExperiment(traces)) {
      // MLflow's Python SDK sends an empty resource and scope; the server ignores them.
      const { request, spanCount } = buildExportRequest(group, [], undefined);
      if (spanCount === 0) {
        for (const trace of group) this.followUps.failed(trace.traceId, "the trace has no spans, so it was not exported");
        continue;
      }
      const spans = encodeExportRequest(request, "http/protobuf");
      const restCalls = group.map((trace) => this.restCallsFor(trace, experimentId));
      let bytes = spans.length;
      for (const calls of restCalls) for (const call of calls) bytes += call.body.length;
      const headers = { [EXPERIMENT_ID_HEADER]: experimentId };
      for (const trace of group) this.followUps.accept(trace.traceId);
      const job = this.queue.submit({ bytes, spans: spanCount, traces: group.length, run: () => this.deliver(spans, headers, spanCount, group, restCalls) });
      // A trace that was dropped or not delivered takes the changes waiting for it along (each counted).
      job.catch((error: unknown) => {
        for (const trace of group) this.followUps.failed(trace.traceId, error);
      });
      jobs.push(job);
    }
    return jobs.length === 1 ? jobs[0]! : Promise.all(jobs).then(() => undefined);
  }

  /**
   * At `process.exit()`: the spans, then each trace's info and assessments, sent in order by
   * one short-lived child process while this one blocks. Throws if the spans were not stored.
   */
  exportAtExit(traces: readonly Trace[], budgetMs: number): void {
    for (const [experimentId, group] of this.byExperiment(traces)) this.exportGroupAtExit(group, experimentId, budgetMs);
    // The process is ending: what waited for these traces cannot run any more.
    for (const trace of traces) this.followUps.failed(trace.traceId, "the process exited before the change could be sent");
  }

  private exportGroupAtExit(traces: readonly Trace[], experimentId: string, budgetMs: number): void {
    const { request, spanCount } = buildExportRequest(traces, [], undefined);
    if (spanCount === 0) return;
    const requests: SyncRequest[] = [this.transport.syncRequest(encodeExportRequest(request, "http/protobuf"), { [EXPERIMENT_ID_HEADER]: experimentId })];
    const traceOfRequest: Trace[] = [];
    for (const trace of traces) {
      for (const call of this.restCallsFor(trace, experimentId)) {
        requests.push({ url: new URL(call.path, this.settings.trackingUri), headers: this.restHeaders, body: call.body });
        traceOfRequest[requests.length - 1] = trace;
      }
    }
    let failures: SyncFailure[] = [];
    this.queue.runSync({ spans: spanCount, traces: traces.length }, () => {
      failures = postAllSync(requests, this.settings.otlp.timeoutMs, budgetMs);
      if (failures[0]?.index === 0) throw new Error(`POST ${this.transport.url.href}: ${failures[0].message}`);
    });
    const incomplete = new Set<Trace>();
    for (const failure of failures) {
      const trace = traceOfRequest[failure.index]!;
      if (incomplete.has(trace)) continue;
      incomplete.add(trace);
      this.traceInfoFailed(trace, failure.message);
    }
  }

  forceFlush(): Promise<void> {
    return this.queue.idle();
  }

  shutdown(): Promise<void> {
    return shutDownGracefully(this.queue, this.client, this.settings.otlp.timeoutMs);
  }

  private restCallsFor(trace: Trace, experimentId: string): RestCall[] {
    const calls: RestCall[] = [{ path: "api/3.0/mlflow/traces", body: Buffer.from(JSON.stringify(traceInfoBody(trace, experimentId))) }];
    const id = encodeURIComponent(trace.traceId);
    for (const assessment of overriddenFirst(trace.info.assessments)) {
      calls.push({ path: `api/3.0/mlflow/traces/${id}/assessments`, body: Buffer.from(JSON.stringify(assessmentBody(assessment))), assessment });
    }
    return calls;
  }

  private async deliver(spans: Uint8Array, headers: Record<string, string>, spanCount: number, traces: readonly Trace[], restCalls: RestCall[][]): Promise<void> {
    const partial = await this.transport.send(spans, headers).catch((error: unknown) => {
      throw error instanceof DeliveryError && error.status === 404 ? tooOldError(this.settings.trackingUri, error) : error;
    });
    if (partial) reportPartialSuccess(this.diagnostics, this.name, this.transport.url, partial, spanCount);
    // The spans are stored: a failed info call leaves a trace without tags and metadata,
    // which is reported and counted, but its spans are not lost. Traces are independent,
    // so a few go at once; each trace's calls stay in order (info before assessments).
    let next = 0;
    const worker = async () => {
      while (next < traces.length) {
        const i = next++;
        await this.logTraceInfo(traces[i]!, restCalls[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(REST_CONCURRENCY, traces.length) }, worker));
    if (this.client.closed) throw new Error("the MLflow exporter was shut down before every trace info was logged");
  }

  private async logTraceInfo(trace: Trace, calls: RestCall[]): Promise<void> {
    try {
      const ids = new AssessmentIdMap();
      for (const call of calls) {
        const body = call.assessment ? ids.body(call.assessment, call.body) : call.body;
        const reply = await this.client.post(new URL(call.path, this.settings.trackingUri), this.restHeaders, body);
        if (call.assessment) ids.learn(call.assessment, reply.body);
      }
    } catch (error) {
      this.traceInfoFailed(trace, error instanceof DeliveryError ? error.message : error);
    }
    // The spans are stored, so the server knows the trace even when its info call failed.
    this.followUps.delivered(trace.traceId);
  }

  private traceInfoFailed(trace: Trace, cause: unknown): void {
    this.incompleteTraces++;
    this.diagnostics.reportOnce(
      "mlflow-trace-info-failed",
      `MLflow stored the spans of trace ${trace.traceId} but not its info (tags, metadata, previews, assessments); later failures are counted in the exporter's stats`,
      cause,
    );
  }
}

/** A 404 on the OTLP endpoint: the server predates it, which the bare status would not say. */
function tooOldError(trackingUri: URL, cause: DeliveryError): Error {
  return new Error(`the MLflow server at ${trackingUri.href} has no OTLP traces endpoint (POST /v1/traces answered 404): traced sends spans over OTLP, which needs MLflow 3.4 or newer`, { cause });
}
