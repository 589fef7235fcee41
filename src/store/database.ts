import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { withBusyRetrySync } from "./busy-retry.js";
import { migrate } from "./migrate.js";

export type TraceDatabase = Database.Database;

export interface OpenOptions {
  /** Open an existing file for reading only (no migration, no file created). */
  readonly readonly?: boolean;
  /** How long one statement waits for another process's lock before SQLITE_BUSY (ms). */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) a trace database: WAL so readers never block the writer and
 * several processes can share the file; synchronous=NORMAL, which in WAL mode loses no
 * committed data on a process crash, only possibly the last commits on power loss.
 */
export function openTraceDatabase(path: string, options: OpenOptions = {}): TraceDatabase {
  if (options.readonly) {
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout: options.busyTimeoutMs ?? 5000 });
    return db;
  }
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? 2000 });
  try {
    // Switching to WAL takes a lock, and so does the first migration: both may meet another
    // process that is opening the same file right now.
    withBusyRetrySync(() => db.pragma("journal_mode = WAL"));
    db.pragma("synchronous = NORMAL");
    // A larger page cache keeps the span indexes' hot pages in memory while ingesting;
    // fewer, larger checkpoints cost less than many small ones.
    db.pragma("cache_size = -65536");
    db.pragma("wal_autocheckpoint = 8192");
    withBusyRetrySync(() => migrate(db));
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
