/**
 * Options of the MLflow tracking-server exporter, falling back to MLflow's own variables:
 * `MLFLOW_TRACKING_URI`, `MLFLOW_EXPERIMENT_ID`, and for authentication
 * `MLFLOW_TRACKING_TOKEN` (bearer) or `MLFLOW_TRACKING_USERNAME` / `MLFLOW_TRACKING_PASSWORD`.
 */
import { type Diagnostics } from "../../config/diagnostics.js";
import { describeValue, TracedUsageError } from "../../config/errors.js";
import {
  checkOptionsObject,
  checkUrl,
  resolveTransportSettings,
  type OtlpCompression,
  type TransportSettings,
} from "../otlp/otlp-settings.js";
import { type RetryPolicy } from "../otlp/retry-policy.js";

export interface MlflowExporterOptions {
  /** The tracking server, e.g. `http://localhost:5000` (default: `MLFLOW_TRACKING_URI`). */
  trackingUri?: string;
  /**
   * The experiment every trace goes to. Without it, each trace goes to its own experiment
   * (set with `enable({ experimentId })` or `configure({ experimentId })`), else to
   * `MLFLOW_EXPERIMENT_ID`, else "0" (MLflow's Default experiment).
   */
  experimentId?: string;
  /** Extra headers on every request (authentication from the environment is added unless given here). */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** "none" by default: MLflow 3.6 does not decompress OTLP bodies. */
  compression?: OtlpCompression;
  maxBufferBytes?: number;
  retry?: Partial<RetryPolicy>;
}

const OPTION_KEYS = ["trackingUri", "experimentId", "headers", "timeoutMs", "compression", "maxBufferBytes", "retry"];

export interface MlflowSettings {
  trackingUri: URL;
  /** The experiment option: every trace goes there when it is set. */
  experimentId: string | undefined;
  /** Where a trace goes when neither the option nor the trace names an experiment. */
  defaultExperimentId: string;
  /** For `POST /v1/traces`; its headers carry authentication (the experiment id is added per request). */
  otlp: TransportSettings;
  /** Authentication and extra headers for the REST calls. */
  restHeaders: Record<string, string>;
}

export const EXPERIMENT_ID_HEADER = "x-mlflow-experiment-id";

export function resolveMlflowSettings(options: MlflowExporterOptions, env: NodeJS.ProcessEnv, diagnostics: Diagnostics, where = "createMlflowExporter"): MlflowSettings {
  checkOptionsObject(options, OPTION_KEYS, where);
  const uriText = options.trackingUri ?? env.MLFLOW_TRACKING_URI?.trim();
  if (!uriText) {
    throw new TracedUsageError(`${where}: no tracking server: pass "trackingUri" (e.g. "http://localhost:5000") or set MLFLOW_TRACKING_URI`);
  }
  if (/^databricks/.test(uriText) || /^(file|sqlite|postgresql|mysql|mssql):/.test(uriText) || !uriText.includes("://")) {
    throw new TracedUsageError(
      `${where}: "trackingUri" ${describeValue(uriText)} is not an MLflow tracking server URL; traced sends traces to a server over http(s) (for a local store, use traced's own store)`,
    );
  }
  const base = checkUrl(uriText, `${where}: "trackingUri"`).replace(/\/*$/, "/");

  const experimentId = options.experimentId;
  if (experimentId !== undefined && (typeof experimentId !== "string" || experimentId === "")) {
    throw new TracedUsageError(`${where}: "experimentId" must be a non-empty string, got ${describeValue(experimentId)}`);
  }
  const defaultExperimentId = env.MLFLOW_EXPERIMENT_ID?.trim() || "0";

  const restHeaders: Record<string, string> = { ...trackingAuthHeaders(env), ...options.headers };
  const otlp = resolveTransportSettings(
    { ...options, headers: { ...restHeaders } },
    new URL("v1/traces", base).href,
    env,
    [],
    diagnostics,
    where,
  );
  return { trackingUri: new URL(base), experimentId, defaultExperimentId, otlp, restHeaders: { ...restHeaders } };
}

/** Authentication headers as MLflow's clients send them: a bearer token, else basic auth. */
export function trackingAuthHeaders(env: NodeJS.ProcessEnv): Record<string, string> {
  if (env.MLFLOW_TRACKING_TOKEN) return { Authorization: `Bearer ${env.MLFLOW_TRACKING_TOKEN}` };
  if (env.MLFLOW_TRACKING_USERNAME && env.MLFLOW_TRACKING_PASSWORD) {
    const credentials = Buffer.from(`${env.MLFLOW_TRACKING_USERNAME}:${env.MLFLOW_TRACKING_PASSWORD}`).toString("base64");
    return { Authorization: `Basic ${credentials}` };
  }
  return {};
}
