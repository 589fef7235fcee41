/**
 * better-sqlite3, an optional peer dependency: its Database already has the TraceDatabase shape
 * (the interface was modelled on it). Loaded only when chosen, so an install where its
 * native build failed, or a Node that uses node:sqlite, never loads it.
 */
import { type TraceDatabase } from "./database.js";
import { requirePackage } from "./require-optional.js";
import { type DriverOpenOptions } from "./sqlite-driver.js";

type BetterSqlite3 = new (
  path: string,
  options: { readonly?: boolean; fileMustExist?: boolean; timeout?: number },
) => TraceDatabase;

let constructor: BetterSqlite3 | undefined;

/** Throws the loader's error (not installed, no binary for this Node) for the caller to explain. */
export function loadBetterSqlite3(): BetterSqlite3 {
  constructor ??= requirePackage<BetterSqlite3>("better-sqlite3");
  return constructor;
}

export function openBetterSqlite3(path: string, options: DriverOpenOptions): TraceDatabase {
  const Database = loadBetterSqlite3();
  return new Database(path, { readonly: options.readonly, fileMustExist: options.readonly, timeout: options.busyTimeoutMs });
}

/** better-sqlite3 loads its compiled addon on the first open: this tells that failure from an SQLite error. */
export function isNativeLoadError(error: unknown): boolean {
  const failure = error as { code?: unknown; message?: unknown } | null;
  if (typeof failure?.code === "string" && failure.code.startsWith("SQLITE_")) return false;
  const message = typeof failure?.message === "string" ? failure.message : "";
  return failure?.code === "ERR_DLOPEN_FAILED" || /bindings file|NODE_MODULE_VERSION|better_sqlite3\.node|invalid ELF header/.test(message);
}
