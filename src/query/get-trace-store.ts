/**
 * `getTraceStore(uri?)`: one asynchronous store API for the local SQLite file and an MLflow
 * tracking server. Without a URI it follows MLFLOW_TRACKING_URI, then the destination traces
 * are exported to, then the default file. Stores are opened once per location and reused.
 */
import { LocalTraceStore } from "./local-trace-store.js";
import { MlflowServerStore } from "./remote/mlflow-server-store.js";
import { type TraceStore as AsyncTraceStore } from "./remote/trace-store-api.js";
import { exportTargetLocation, locateStore, locationKey, type GetTraceStoreOptions, type Located } from "./store-location.js";

export { mlflowDestination, type GetTraceStoreOptions, type MlflowConnection } from "./store-location.js";

const open = new Map<string, AsyncTraceStore>();

/**
 * The store at `uri`: a path or `sqlite:///…` opens the local file, `http(s)://…` a tracking
 * server. Without one: MLFLOW_TRACKING_URI, then the configured destination, then the
 * default file. A store is shared by every caller that names the same location.
 */
export function getTraceStore(uri?: string, options: GetTraceStoreOptions = {}, env: NodeJS.ProcessEnv = process.env): AsyncTraceStore {
  return storeAt(locateStore(uri, options, env), env);
}

/**
 * The store that traces are being exported to: the MLflow destination's server (its
 * experiment and headers), else the local file the store exporter writes (or would write).
 */
export function exportTargetStore(): AsyncTraceStore {
  return storeAt(exportTargetLocation(), process.env);
}

/** The store at a location already checked (the main entry's lazy stores open theirs here). */
export function storeAt(location: Located, env: NodeJS.ProcessEnv): AsyncTraceStore {
  const key = locationKey(location);
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
