import { existsSync } from "node:fs";
import { TraceStore } from "../query/trace-store.js";
import { resolveDbPath } from "../store/db-path.js";
import { CliError } from "./cli-error.js";

export interface StoreOptions {
  db?: string;
}

/**
 * The store a command works on: `--db`, else TRACED_DB / MLFLOW_TRACKING_URI, else
 * ./traced.db. Reading commands refuse to create a database that is not there.
 */
export function openStore(options: StoreOptions, create = false): TraceStore {
  const path = resolveDbPath(options.db);
  if (!create && !existsSync(path)) {
    throw new CliError(`No trace database at ${path} (choose one with --db or TRACED_DB)`);
  }
  return TraceStore.open(path);
}

/** Runs `work` with the store open, closing it afterwards whatever happens. */
export function withStore<T>(options: StoreOptions, work: (store: TraceStore) => T, create = false): T {
  const store = openStore(options, create);
  try {
    return work(store);
  } finally {
    store.close();
  }
}
