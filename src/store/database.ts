import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { withBusyRetrySync } from "./busy-retry.js";
import { migrate } from "./migrate.js";
import { openSqlite } from "./sqlite-driver.js";

/**
 * The part of an SQLite driver traced uses, in better-sqlite3's shape; node:sqlite and
 * bun:sqlite are adapted to it (sqlite-driver.ts chooses). Declared here rather than taken
 * from better-sqlite3's types, which a published declaration cannot import (TS7016 in an
 * app without them and without skipLibCheck).
 */
export interface TraceDatabase {
  readonly open: boolean;
  readonly readonly: boolean;
  prepare<BindParameters extends unknown[] | {} = unknown[], Result = unknown>(
    source: string,
  ): BindParameters extends unknown[] ? SqlStatement<BindParameters, Result> : SqlStatement<[BindParameters], Result>;
  transaction<F extends (...params: any[]) => unknown>(fn: F): SqlTransaction<F>;
  exec(source: string): this;
  pragma(source: string, options?: { simple?: boolean | undefined }): unknown;
  function(name: string, options: SqlFunctionOptions, implementation: (...params: any[]) => any): this;
  close(): this;
}

/** A prepared statement (pluck, raw and safeIntegers change how it returns rows). */
export interface SqlStatement<BindParameters extends unknown[], Result = unknown> {
  run(...params: BindParameters): { changes: number; lastInsertRowid: number | bigint };
  get(...params: BindParameters): Result | undefined;
  all(...params: BindParameters): Result[];
  iterate(...params: BindParameters): IterableIterator<Result>;
  pluck(toggleState?: boolean): this;
  raw(toggleState?: boolean): this;
  safeIntegers(toggleState?: boolean): this;
}

/** A function run inside one transaction; `immediate` takes the write lock at once. */
export interface SqlTransaction<F extends (...params: any[]) => unknown> {
  (...params: ArgumentsOf<F>): ReturnType<F>;
  immediate(...params: ArgumentsOf<F>): ReturnType<F>;
}

/** Parameters<F>, spelled as the driver's types spell it so that its Database is assignable. */
type ArgumentsOf<F> = F extends (...params: infer A) => unknown ? A : never;

export interface SqlFunctionOptions {
  deterministic?: boolean | undefined;
  varargs?: boolean | undefined;
}

export interface OpenOptions {
  /** Open an existing file for reading only (no migration, no file created). */
  readonly readonly?: boolean;
  /** How long one statement waits for another process's lock before SQLITE_BUSY (ms). */
  readonly busyTimeoutMs?: number;
}

/** The file at the path is something other than a trace database traced can use. */
export class NotATraceDatabaseError extends Error {
  override name = "NotATraceDatabaseError";
}

const EXPECTED = "expected an SQLite trace database written by traced, or a path where a new one can be created";

/**
 * Reads the file's header before anything writes to it, so that a file of another kind is
 * refused by name and left untouched: not SQLite at all (SQLite says only "file is not a
 * database"), or an SQLite database of another program (tables, but none of traced's
 * schema versions, which every traced migration sets together with its tables).
 */
function checkIsTraceDatabase(db: TraceDatabase, path: string): void {
  let version: number;
  try {
    version = withBusyRetrySync(() => db.pragma("user_version", { simple: true }) as number);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") throw new NotATraceDatabaseError(`${path} is not an SQLite database: ${EXPECTED}`);
    throw error;
  }
  if (version !== 0) return;
  const tables = withBusyRetrySync(() => db.prepare("SELECT count(*) FROM sqlite_master").pluck().get() as number);
  if (tables > 0) throw new NotATraceDatabaseError(`${path} is an SQLite database of another program (it has tables but no traced schema): ${EXPECTED}`);
}

/**
 * Opens (creating if needed) a trace database: WAL so readers never block the writer and
 * several processes can share the file; synchronous=NORMAL, which in WAL mode loses no
 * committed data on a process crash, only possibly the last commits on power loss.
 */
export function openTraceDatabase(path: string, options: OpenOptions = {}): TraceDatabase {
  if (options.readonly) {
    const db = openSqlite(path, { readonly: true, busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
    try {
      checkIsTraceDatabase(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
    return db;
  }
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = openSqlite(path, { readonly: false, busyTimeoutMs: options.busyTimeoutMs ?? 2000 });
  try {
    if (path !== ":memory:") checkIsTraceDatabase(db, path);
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
