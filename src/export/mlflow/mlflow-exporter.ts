/**
 * MLflow tracking-server mode, as MLflow's own SDK talks to a 3.x server: the spans of a
 * batch go as one OTLP/protobuf request to `POST /v1/traces` (with the experiment id
 * header; the server creates the traces from them), then each trace's full info (previews,
 * state, tags, metadata) goes to `POST /api/3.0/mlflow/traces`, and its assessments after.
 * The options are checked here, at once; the delivery code (mlflow-delivery.ts, with the
 * HTTP client and the encoder) loads in the background when the exporter is created, so
 * `import "traced"` does not load it (issue 17).
 */
import type { Diagnostics } from "../../config/diagnostics.js";
import { lazyModule } from "../../config/lazy-module.js";
import { config, diagnostics as sharedDiagnostics } from "../../config/registry.js";
import type { Trace } from "../../model/trace.js";
import type { TraceExporter } from "../exporter.js";
import { emptyDeliveryStats, type DeliveryStats } from "../otlp/delivery-stats.js";
import type { MlflowDelivery } from "./mlflow-delivery.js";
import { resolveMlflowSettings, type MlflowExporterOptions, type MlflowSettings } from "./mlflow-settings.js";
import { TraceFollowUps } from "./trace-follow-ups.js";

const deliveryCode = lazyModule(() => import("./mlflow-delivery.js"), "export/mlflow/mlflow-delivery.js");

export interface MlflowExporterStats extends DeliveryStats {
  /** Traces whose spans arrived but whose info or assessments could not be logged. */
  incompleteTraces: number;
  /** Feedback, expectations and tags given to a trace while it waited for export that could not be made after it. */
  undeliveredChanges: number;
}

export class MlflowExporter implements TraceExporter {
  readonly name = "mlflow";
  private readonly followUps: TraceFollowUps;
  #delivery: MlflowDelivery | undefined;
  readonly #loading: Promise<MlflowDelivery>;

  constructor(
    private readonly settings: MlflowSettings,
    private readonly diagnostics: Diagnostics,
  ) {
    this.followUps = new TraceFollowUps(settings.trackingUri.href, (traceId, error) =>
      diagnostics.reportOnce(
        "mlflow-follow-up-failed",
        `A change to trace ${traceId} made while it waited for export to MLflow (feedback, expectation or tag) could not be made; later failures are counted in the exporter's stats (undeliveredChanges)`,
        error,
      ),
    );
    // A failure to load shows at the first export, which awaits this.
    this.#loading = deliveryCode.load().then((code) => this.#open(code));
    this.#loading.catch(() => {});
  }

  get stats(): Readonly<MlflowExporterStats> {
    return { ...(this.#delivery?.stats ?? { ...emptyDeliveryStats(), incompleteTraces: 0 }), undeliveredChanges: this.followUps.undelivered };
  }

  get trackingUri(): string {
    return this.settings.trackingUri.href;
  }

  /** The server, experiment and request headers (authentication included), for the store that reads back what this exporter sent. */
  connection(): { trackingUri: string; experimentId: string; headers: Record<string, string> } {
    return { trackingUri: this.settings.trackingUri.href, experimentId: this.experimentId, headers: { ...this.settings.restHeaders } };
  }

  /**
   * Runs `work` (a change to the trace on the server) once the trace has been stored, when it
   * still waits for export here or, per `stillQueued`, in the export queue before this
   * exporter; undefined when it does not wait (then `work` can run at once).
   */
  afterExport<T>(traceId: string, work: () => Promise<T>, stillQueued: () => boolean = () => false): Promise<T> | undefined {
    return this.followUps.add(traceId, work, stillQueued);
  }

  /** Resolves once the trace (waiting here, or per `stillQueued` in the export queue) has been stored or has failed; undefined when it does not wait. */
  whenExported(traceId: string, stillQueued: () => boolean = () => false): Promise<void> | undefined {
    return this.followUps.settled(traceId, stillQueued);
  }

  /** Traces handed to this exporter and not yet stored. */
  pendingTraceIds(): string[] {
    return this.followUps.pendingTraceIds();
  }

  /** Where traces go now: the option, else the experiment traces start in, else the default. */
  get experimentId(): string {
    return this.settings.experimentId ?? (config.experimentId !== "0" ? config.experimentId : this.settings.defaultExperimentId);
  }

  export(traces: readonly Trace[]): Promise<void> {
    if (this.#delivery !== undefined) return this.#delivery.export(traces);
    // Changes made to these traces from now on wait for their delivery, as they do once encoded.
    for (const trace of traces) this.followUps.accept(trace.traceId);
    return this.#loading.then(
      (delivery) => delivery.export(traces),
      (error: unknown) => {
        for (const trace of traces) this.followUps.failed(trace.traceId, error);
        throw error;
      },
    );
  }

  /**
   * At `process.exit()`: the spans, then each trace's info and assessments, sent in order by
   * one short-lived child process while this one blocks. Throws if the spans were not stored.
   */
  exportAtExit(traces: readonly Trace[], budgetMs: number): void {
    (this.#delivery ?? this.#open(deliveryCode.now())).exportAtExit(traces, budgetMs);
  }

  async forceFlush(): Promise<void> {
    await (await this.#settled())?.forceFlush();
    await this.followUps.idle();
  }

  async shutdown(): Promise<void> {
    await (await this.#settled())?.shutdown();
    // Changes already being sent finish on their own; those still waiting for a trace fail, counted.
    this.followUps.close();
  }

  /** The delivery once its code has loaded; undefined if it could not (then nothing was sent). */
  async #settled(): Promise<MlflowDelivery | undefined> {
    return this.#delivery ?? this.#loading.catch(() => undefined);
  }

  #open(code: typeof import("./mlflow-delivery.js")): MlflowDelivery {
    this.#delivery ??= new code.MlflowDelivery(this.settings, this.diagnostics, this.followUps);
    return this.#delivery;
  }
}

/**
 * An exporter to an MLflow tracking server (3.4 or newer: spans over OTLP, trace info over
 * REST). Options win over `MLFLOW_TRACKING_URI` / `MLFLOW_EXPERIMENT_ID` in `env`.
 */
export function createMlflowExporter(options: MlflowExporterOptions = {}, env: NodeJS.ProcessEnv = process.env, diagnostics: Diagnostics = sharedDiagnostics): MlflowExporter {
  return new MlflowExporter(resolveMlflowSettings(options, env, diagnostics), diagnostics);
}
