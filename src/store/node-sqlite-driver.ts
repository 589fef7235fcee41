/**
 * node:sqlite's DatabaseSync behind the TraceDatabase interface. node:sqlite has no
 * transaction helper, no pragma helper and (before Node 22.16) no busy-timeout option, so
 * this adapter supplies them with better-sqlite3's semantics (sql-transaction.ts).
 */
import { type DriverOpenOptions } from "./sqlite-driver.js";
import { type SqlFunctionOptions, type SqlStatement, type SqlTransaction, type TraceDatabase } from "./database.js";
import { TransactionRunner } from "./sql-transaction.js";
import { NodeSqliteStatement, withSqliteCode, type NodeStatementSync } from "./node-sqlite-statement.js";

/** The part of node:sqlite's DatabaseSync used here. */
export interface NodeDatabaseSync {
  prepare(source: string): NodeStatementSync;
  exec(source: string): void;
  function(name: string, options: SqlFunctionOptions, implementation: (...params: any[]) => any): void;
  close(): void;
  readonly isTransaction?: boolean;
}

export interface NodeSqliteModule {
  DatabaseSync: new (path: string, options?: { readOnly?: boolean }) => NodeDatabaseSync;
}

export function openNodeSqlite(sqlite: NodeSqliteModule, path: string, options: DriverOpenOptions): TraceDatabase {
  let db: NodeDatabaseSync;
  try {
    // Read-only opens never create the file: SQLite refuses a missing one (SQLITE_CANTOPEN).
    db = new sqlite.DatabaseSync(path, { readOnly: options.readonly });
  } catch (error) {
    throw withSqliteCode(error);
  }
  return new NodeSqliteDatabase(db, options, readsTextWhole(sqlite));
}

let probed: boolean | undefined;

/** Whether this node:sqlite reads a text value past a U+0000 in it (Node 24 does, Node 22 does not). */
export function readsTextWhole(sqlite: NodeSqliteModule): boolean {
  if (probed === undefined) {
    const db = new sqlite.DatabaseSync(":memory:");
    try {
      probed = (db.prepare("SELECT char(97, 0, 98) AS text").get() as { text: string }).text.length === 3;
    } finally {
      db.close();
    }
  }
  return probed;
}

class NodeSqliteDatabase implements TraceDatabase {
  open = true;
  readonly readonly: boolean;
  private readonly control = new Map<string, NodeStatementSync>();
  private readonly transactions = new TransactionRunner({
    control: (source) => this.run(source),
    inTransaction: () => this.db.isTransaction,
  });

  constructor(
    private readonly db: NodeDatabaseSync,
    options: DriverOpenOptions,
    private readonly readsTextWhole: boolean,
  ) {
    this.readonly = options.readonly;
    // The `timeout` open option exists only from Node 22.16; the pragma works everywhere.
    this.db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
  }

  prepare<BindParameters extends unknown[] | {} = unknown[], Result = unknown>(
    source: string,
  ): BindParameters extends unknown[] ? SqlStatement<BindParameters, Result> : SqlStatement<[BindParameters], Result> {
    try {
      return new NodeSqliteStatement(this.db.prepare(source), this.readsTextWhole) as never;
    } catch (error) {
      throw withSqliteCode(error);
    }
  }

  exec(source: string): this {
    try {
      this.db.exec(source);
    } catch (error) {
      throw withSqliteCode(error);
    }
    return this;
  }

  /** `PRAGMA source`: its rows, or with `simple` the first column of the first row. */
  pragma(source: string, options: { simple?: boolean | undefined } = {}): unknown {
    const statement = this.prepare(`PRAGMA ${source}`);
    if (options.simple) return statement.pluck().get();
    return statement.all();
  }

  function(name: string, options: SqlFunctionOptions, implementation: (...params: any[]) => any): this {
    this.db.function(name, { deterministic: options.deterministic ?? false, varargs: options.varargs ?? false }, implementation);
    return this;
  }

  transaction<F extends (...params: any[]) => unknown>(fn: F): SqlTransaction<F> {
    return this.transactions.wrap(fn);
  }

  close(): this {
    if (this.open) this.db.close();
    this.open = false;
    return this;
  }

  /** Transaction control statements, prepared once. */
  private run(source: string): void {
    let statement = this.control.get(source);
    if (statement === undefined) {
      statement = this.prepareNative(source);
      this.control.set(source, statement);
    }
    try {
      statement.run();
    } catch (error) {
      throw withSqliteCode(error);
    }
  }

  private prepareNative(source: string): NodeStatementSync {
    try {
      return this.db.prepare(source);
    } catch (error) {
      throw withSqliteCode(error);
    }
  }
}
