/**
 * The database that queries read by default: the one the most recent store exporter writes
 * to, else the configured path (TRACED_DB, MLFLOW_TRACKING_URI, ./traced.db). Kept in the
 * process-wide registry so an app that loads traced twice (ESM and CJS) agrees on it.
 */
import { shared } from "../config/registry.js";
import { resolveDbPath } from "./db-path.js";

const state = shared("store.defaultPath", () => ({ path: undefined as string | undefined }));

export function setDefaultStorePath(path: string | undefined): void {
  state.path = path;
}

export function defaultStorePath(): string {
  return state.path ?? resolveDbPath();
}
