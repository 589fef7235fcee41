export { createStoreExporter, type StoreExporter, type StoreExporterOptions } from "./store-exporter.js";
export { openTraceDatabase, type TraceDatabase, type OpenOptions } from "./database.js";
export { resolveDbPath, sqlitePathFromUri, DEFAULT_DB_FILE } from "./db-path.js";
export { defaultStorePath, setDefaultStorePath } from "./default-store-path.js";
export { TraceWriter } from "./trace-writer.js";
export { TraceReader } from "./trace-reader.js";
export { migrate, StoreVersionError } from "./migrate.js";
export { SCHEMA_VERSION, MIGRATIONS, type Migration } from "./schema.js";
export { isBusyError, withBusyRetry, withBusyRetrySync, type RetryPolicy } from "./busy-retry.js";
