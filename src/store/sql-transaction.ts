/**
 * Transaction functions for drivers without better-sqlite3's helper (node:sqlite, and
 * bun:sqlite for one code path): commit on return, roll back on throw, nest as a savepoint,
 * and an `immediate` variant that takes the write lock up front (so a busy wait happens
 * before any work is done).
 */
import { type SqlTransaction } from "./database.js";

export interface TransactionHost {
  /** Runs one transaction-control statement (prepared once by the host). */
  control(source: string): void;
  /** Whether the connection is inside a transaction; undefined where the driver cannot tell. */
  inTransaction(): boolean | undefined;
}

type Begin = "BEGIN" | "BEGIN IMMEDIATE" | "BEGIN EXCLUSIVE";

export class TransactionRunner {
  private depth = 0;

  constructor(private readonly host: TransactionHost) {}

  wrap<F extends (...params: any[]) => unknown>(fn: F): SqlTransaction<F> {
    const variant =
      (begin: Begin) =>
      (...params: Parameters<F>): ReturnType<F> =>
        this.run(begin, () => fn(...params) as ReturnType<F>);
    return Object.assign(variant("BEGIN"), {
      immediate: variant("BEGIN IMMEDIATE"),
      deferred: variant("BEGIN"),
      exclusive: variant("BEGIN EXCLUSIVE"),
    }) as unknown as SqlTransaction<F>;
  }

  private run<T>(begin: Begin, body: () => T): T {
    // Inside another transaction (ours, or one begun by exec), a nested one is a savepoint.
    const nested = this.depth > 0 || this.host.inTransaction() === true;
    this.host.control(nested ? "SAVEPOINT traced_nested" : begin);
    this.depth++;
    let result: T;
    try {
      result = body();
      if (result instanceof Promise) {
        throw new TypeError("A store transaction function must not return a promise: it runs synchronously, in one transaction");
      }
    } catch (error) {
      this.depth--;
      this.rollback(nested);
      throw error;
    }
    this.depth--;
    try {
      this.host.control(nested ? "RELEASE traced_nested" : "COMMIT");
    } catch (error) {
      // A commit that failed (a busy lock, a full disk) leaves no half transaction open.
      this.rollback(nested);
      throw error;
    }
    return result;
  }

  private rollback(nested: boolean): void {
    try {
      if (nested) {
        this.host.control("ROLLBACK TO traced_nested");
        this.host.control("RELEASE traced_nested");
      } else if (this.host.inTransaction() !== false) {
        this.host.control("ROLLBACK");
      }
    } catch {
      // SQLite has rolled back already on some errors (a full disk, an interrupt): nothing is left open.
    }
  }
}
