/**
 * `traced/store`: the trace stores as classes, for code that opens one itself — the local
 * SQLite file (synchronous SqliteTraceStore, asynchronous LocalTraceStore) and an MLflow
 * tracking server (MlflowServerStore). They live here rather than in `traced` so that
 * `import "traced"` stays light (issue 17): the main entry's getTraceStore and module
 * functions load the same code on first use.
 */
export { TraceStore as SqliteTraceStore, type ExportOptions, type ExportTarget, type ImportOptions } from "./query/trace-store.js";
export { LocalTraceStore } from "./query/local-trace-store.js";
export { MlflowServerStore, MlflowServerError, MAX_SEARCH_RESULTS, type MlflowServerStoreOptions, type TraceStore } from "./query/remote/index.js";
export { type GetTraceStoreOptions } from "./query/store-location.js";
