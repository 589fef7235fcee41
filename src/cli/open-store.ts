import { existsSync } from "node:fs";
import { getTraceStore } from "../query/get-trace-store.js";
import { type TraceStore as AsyncTraceStore } from "../query/remote/trace-store-api.js";
import { parseStoreUri, type StoreLocation } from "../query/store-uri.js";

export { type StoreLocation };
import { type SearchTracesOptions } from "../query/search-traces.js";
import { DEFAULT_DB_FILE, sqlitePathFromUri } from "../store/db-path.js";
import { CliError, ExitCode } from "./cli-error.js";

export interface StoreOptions {
  db?: string;
  /** A file path, `sqlite:///path`, or an MLflow tracking server (`http(s)://…`). */
  trackingUri?: string;
  experimentId?: string;
}

/** The store a command works on: the local file or a tracking server, behind one async API. */
export type CliStore = AsyncTraceStore;

/** Reads one URI as the CLI takes it (`--tracking-uri`, `--from`, `--to`); a mistake names the flag. */
export function locationOf(uri: string, flag = "--tracking-uri"): StoreLocation {
  return parseStoreUri(uri, flag);
}

/**
 * Where the command's store is: `--tracking-uri` or `--db`, else `TRACED_DB`, else
 * `MLFLOW_TRACKING_URI` (a server or a sqlite:/// file, as MLflow's CLI reads it), else ./traced.db.
 */
export function resolveLocation(options: StoreOptions, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  if (options.db !== undefined && options.trackingUri !== undefined) throw new CliError("Choose --db or --tracking-uri, not both", ExitCode.USAGE);
  if (options.trackingUri !== undefined) return locationOf(options.trackingUri);
  if (options.db !== undefined) return { kind: "file", path: sqlitePathFromUri(options.db) ?? options.db };
  if (env.TRACED_DB) return { kind: "file", path: sqlitePathFromUri(env.TRACED_DB) ?? env.TRACED_DB };
  if (env.MLFLOW_TRACKING_URI?.trim()) return locationOf(env.MLFLOW_TRACKING_URI, "MLFLOW_TRACKING_URI");
  return { kind: "file", path: DEFAULT_DB_FILE };
}

/** For messages: the path, or the server without any user:password part. */
export function describeLocation(location: StoreLocation): string {
  return location.kind === "file" ? location.path : redactUserInfo(location.trackingUri);
}

export function redactUserInfo(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, "$1");
}

/**
 * Opens the store at `location`. Reading commands refuse to create a database that is not
 * there; a server's experiment is `--experiment-id`, else MLFLOW_EXPERIMENT_ID, else "0".
 */
export function openLocation(location: StoreLocation, options: Pick<StoreOptions, "experimentId">, create = false): CliStore {
  if (options.experimentId !== undefined && options.experimentId.trim() === "") throw new CliError("--experiment-id is empty", ExitCode.USAGE);
  if (location.kind === "server") {
    return getTraceStore(location.trackingUri, options.experimentId !== undefined ? { experimentId: options.experimentId } : {});
  }
  if (!create && !existsSync(location.path)) {
    throw new CliError(`No trace database at ${location.path} (choose one with --db, --tracking-uri or TRACED_DB)`);
  }
  return getTraceStore(location.path);
}

export function openStore(options: StoreOptions, create = false): CliStore {
  return openLocation(resolveLocation(options), options, create);
}

/** Runs `work` with the store open, closing it afterwards whatever happens. */
export async function withStore<T>(options: StoreOptions, work: (store: CliStore) => Promise<T> | T, create = false): Promise<T> {
  const store = openStore(options, create);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/**
 * What `--experiment-id` limits a search to. A server store searches its experiment already;
 * in a local file it selects the traces logged to that experiment.
 */
export function experimentScope(options: StoreOptions): Pick<SearchTracesOptions, "experimentIds"> {
  return options.experimentId !== undefined ? { experimentIds: [options.experimentId] } : {};
}
