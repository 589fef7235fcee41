/**
 * Where `traces copy` (and `traces import` to a server) writes whole traces: a trace file, or
 * an MLflow tracking server, sent exactly as traced's MLflow exporter sends them (spans over
 * OTLP, then each trace's info and assessments over REST). A batch resolves once stored;
 * anything the server did not take fails the command, counted and named.
 */
import { Diagnostics } from "../config/diagnostics.js";
import { createMlflowExporter, type MlflowExporter } from "../export/mlflow/index.js";
import { DeliveryError } from "../export/otlp/retrying-client.js";
import { type Trace } from "../model/trace.js";
import { LocalTraceStore } from "../query/local-trace-store.js";
import { CliError } from "./cli-error.js";
import { redactUserInfo, type StoreLocation } from "./open-store.js";

export interface TraceWriter {
  /** For messages: the path or the server. */
  readonly where: string;
  /** Resolves with how many of `traces` were written. */
  write(traces: readonly Trace[]): Promise<number>;
  close(): Promise<void>;
}

export interface WriterOptions {
  /** A server's experiment: default MLFLOW_EXPERIMENT_ID, else "0". */
  experimentId?: string;
  env?: NodeJS.ProcessEnv;
}

export function openTraceWriter(location: StoreLocation, options: WriterOptions = {}): TraceWriter {
  if (location.kind === "file") return fileWriter(new LocalTraceStore(location.path));
  return new ServerTraceWriter(location.trackingUri, options);
}

export function fileWriter(store: LocalTraceStore): TraceWriter {
  return {
    where: store.uri,
    async write(traces) {
      await store.writeTraces(traces);
      return traces.length;
    },
    close: () => store.close(),
  };
}

export class ServerTraceWriter implements TraceWriter {
  readonly where: string;
  readonly experimentId: string;
  /** Traces left out because they have no spans: the server builds a trace from its spans. */
  skippedWithoutSpans = 0;
  private readonly exporter: MlflowExporter;
  private readonly problems: string[] = [];

  constructor(uri: string, options: WriterOptions = {}) {
    const env = options.env ?? process.env;
    this.where = redactUserInfo(uri);
    this.experimentId = options.experimentId ?? (env.MLFLOW_EXPERIMENT_ID?.trim() || "0");
    const diagnostics = new Diagnostics();
    // Kept for the error message instead of printed as warnings halfway through a progress bar.
    diagnostics.handler = ({ message, error }) => this.problems.push(error instanceof Error ? `${message}: ${error.message}` : message);
    this.exporter = createMlflowExporter({ trackingUri: uri, experimentId: this.experimentId }, env, diagnostics);
  }

  async write(traces: readonly Trace[]): Promise<number> {
    const withSpans = traces.filter((trace) => trace.spans.length > 0);
    this.skippedWithoutSpans += traces.length - withSpans.length;
    if (withSpans.length === 0) return 0;
    const before = this.exporter.stats.incompleteTraces;
    try {
      await this.exporter.export(withSpans);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const refused = error instanceof DeliveryError && (error.status === 401 || error.status === 403);
      const hint = refused ? ": check MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD" : "";
      throw new CliError(`Could not write ${withSpans.length} trace(s) to the MLflow tracking server at ${this.where}: ${redactUserInfo(reason)}${hint}`);
    }
    const incomplete = this.exporter.stats.incompleteTraces - before;
    if (incomplete > 0) {
      const cause = this.problems.at(-1) ?? "the trace info call failed";
      throw new CliError(`The MLflow tracking server at ${this.where} stored the spans of ${incomplete} trace(s) but not their info, tags or assessments: ${redactUserInfo(cause)}`);
    }
    return withSpans.length;
  }

  async close(): Promise<void> {
    await this.exporter.shutdown();
  }
}
