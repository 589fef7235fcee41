/**
 * `getTraceStore(uri?)`: one asynchronous store API for the local SQLite file and an MLflow
 * tracking server. Without a URI it follows MLFLOW_TRACKING_URI, then the destination traces
 * are exported to, then the default file. Stores are opened once per location and reused.
 */
import { resolve } from "node:path";
import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import { getExporters } from "../export/destination.js";
import { defaultStorePath } from "../store/default-store-path.js";
import { LocalTraceStore } from "./local-trace-store.js";
import { MlflowServerStore } from "./remote/mlflow-server-store.js";
import { type TraceStore as AsyncTraceStore } from "./remote/trace-store-api.js";
import { parseStoreUri, type StoreLocation } from "./store-uri.js";

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

type Located = StoreLocation & { experimentId?: string; headers?: Record<string, string> };

const open = new Map<string, AsyncTraceStore>();

/**
 * The store at `uri`: a path or `sqlite:///…` opens the local file, `http(s)://…` a tracking
 * server. Without one: MLFLOW_TRACKING_URI, then the configured destination, then the
 * default file. A store is shared by every caller that names the same location.
 */
export function getTraceStore(uri?: string, options: GetTraceStoreOptions = {}, env: NodeJS.ProcessEnv = process.env): AsyncTraceStore {
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
  return storeAt(location, env);
}

/**
 * The store that traces are being exported to: the MLflow destination's server (its
 * experiment and headers), else the local file the store exporter writes (or would write).
 */
export function exportTargetStore(): AsyncTraceStore {
  return storeAt(exportLocation() ?? { kind: "file", path: defaultStorePath() }, process.env);
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

function storeAt(location: Located, env: NodeJS.ProcessEnv): AsyncTraceStore {
  const key =
    location.kind === "file"
      ? `file:${resolve(location.path)}`
      : `server:${location.trackingUri.replace(/\/+$/, "")} ${location.experimentId ?? ""} ${JSON.stringify(location.headers ?? {})}`;
  let store = open.get(key);
  if (store === undefined || store.closed) {
    store =
      location.kind === "file"
        ? new LocalTraceStore(location.path)
        : new MlflowServerStore(
            { trackingUri: location.trackingUri, ...(location.experimentId ? { experimentId: location.experimentId } : {}), ...(location.headers ? { headers: location.headers } : {}) },
            env,
          );
    open.set(key, store);
  }
  return store;
}

/** Closes every store opened through getTraceStore and the module functions. */
export async function closeTraceStores(): Promise<void> {
  const stores = [...open.values()];
  open.clear();
  // Each store's close begins now (a file closes at once), so a caller that does not await still frees the files.
  await Promise.all(stores.map((store) => store.close()));
}
