/**
 * Which store `getTraceStore(uri?, options)` names, worked out without loading any store:
 * the URI, else MLFLOW_TRACKING_URI, else the MLflow destination's server, else the default
 * file. Kept small so the main entry can check a call at once and load the store on first use.
 */
import { resolve } from "node:path";
import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import { getExporters } from "../export/destination.js";
import { defaultStorePath } from "../store/default-store-path.js";
import { parseStoreUri, withoutUserInfo, type StoreLocation } from "./store-uri.js";

export interface GetTraceStoreOptions {
  /** For a tracking server: the experiment searched and deleted in (default: the MLflow destination's, else MLFLOW_EXPERIMENT_ID, else "0"). */
  experimentId?: string;
}

/** A tracking server as the MLflow exporter reaches it (its URI, experiment and headers). */
export interface MlflowConnection {
  trackingUri: string;
  experimentId: string;
  headers: Record<string, string>;
}

export type Located = StoreLocation & { experimentId?: string; headers?: Record<string, string> };

/** Checks getTraceStore's arguments (throwing TracedUsageError) and says where the store is. */
export function locateStore(uri: string | undefined, options: GetTraceStoreOptions, env: NodeJS.ProcessEnv): Located {
  if (typeof options !== "object" || options === null) throw new TracedUsageError(`getTraceStore: expected an options object, got ${describeValue(options)}`);
  checkKnownKeys(options, ["experimentId"], "getTraceStore");
  if (options.experimentId !== undefined && (typeof options.experimentId !== "string" || options.experimentId === "")) {
    throw new TracedUsageError(`getTraceStore: "experimentId" must be a non-empty string, got ${describeValue(options.experimentId)}`);
  }
  let location: Located;
  if (uri !== undefined) location = parseStoreUri(uri);
  else if (env.MLFLOW_TRACKING_URI?.trim()) location = parseStoreUri(env.MLFLOW_TRACKING_URI, "getTraceStore (MLFLOW_TRACKING_URI)");
  else location = exportLocation() ?? { kind: "file", path: defaultStorePath() };
  if (location.kind === "server") {
    // The experiment: the option, then the destination's (when the server is the destination), then MLFLOW_EXPERIMENT_ID, then "0".
    const experimentId = options.experimentId ?? location.experimentId ?? (env.MLFLOW_EXPERIMENT_ID?.trim() || "0");
    location = { ...location, experimentId };
  }
  return location;
}

/** Where traces are exported to: the MLflow destination's server, else the store exporter's file. */
export function exportTargetLocation(): Located {
  return exportLocation() ?? { kind: "file", path: defaultStorePath() };
}

/** The MLflow exporter among the destinations, if any (found by shape: two copies of traced may be loaded). */
export function mlflowDestination(): { name: string; connection(): MlflowConnection } | undefined {
  for (const exporter of getExporters()) {
    const candidate = exporter as unknown as { name?: string; connection?: () => MlflowConnection };
    if (candidate.name === "mlflow" && typeof candidate.connection === "function") return candidate as { name: string; connection(): MlflowConnection };
  }
  return undefined;
}

function exportLocation(): Located | undefined {
  const mlflow = mlflowDestination();
  if (mlflow !== undefined) {
    const { trackingUri, experimentId, headers } = mlflow.connection();
    return { kind: "server", trackingUri, experimentId, headers };
  }
  return undefined;
}

/** One key per store: the same file, or the same server, experiment and headers. */
export function locationKey(location: Located): string {
  return location.kind === "file"
    ? `file:${resolve(location.path)}`
    : `server:${location.trackingUri.replace(/\/+$/, "")} ${location.experimentId ?? ""} ${JSON.stringify(location.headers ?? {})}`;
}

/** The store's `uri` before it is opened: the path, or the server's URL without credentials or a trailing slash (as the store shows it). */
export function locationUri(location: Located): string {
  if (location.kind === "file") return location.path;
  try {
    const base = new URL(location.trackingUri.replace(/\/*$/, "/"));
    base.username = "";
    base.password = "";
    return base.href.replace(/\/$/, "");
  } catch {
    return withoutUserInfo(location.trackingUri);
  }
}
