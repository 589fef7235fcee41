/**
 * Bun's bun:sqlite behind the TraceDatabase interface. Its statements have no pluck or raw
 * switch (rows come as objects, or as arrays from `values()`), so the adapter shapes rows;
 * `strict` mode binds named parameters without their `@` prefix, as better-sqlite3 does.
 * Bun already names SQLite's error codes ("SQLITE_BUSY").
 */
import { type DriverOpenOptions } from "./sqlite-driver.js";
import { type SqlFunctionOptions, type SqlStatement, type SqlTransaction, type TraceDatabase } from "./database.js";
import { TransactionRunner } from "./sql-transaction.js";

interface BunStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  values(...params: unknown[]): unknown[][];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  safeIntegers(enabled: boolean): unknown;
}

interface BunDatabase {
  prepare(source: string): BunStatement;
  exec(source: string): void;
  function(name: string, options: SqlFunctionOptions, implementation: (...params: any[]) => any): void;
  close(): void;
  readonly inTransaction: boolean;
}

export interface BunSqliteModule {
  Database: new (path: string, options: { readonly?: boolean; create?: boolean; readwrite?: boolean; strict?: boolean }) => BunDatabase;
}

export function openBunSqlite(sqlite: BunSqliteModule, path: string, options: DriverOpenOptions): TraceDatabase {
  const db = new sqlite.Database(path, options.readonly ? { readonly: true, strict: true } : { create: true, readwrite: true, strict: true });
  return new BunSqliteDatabase(db, options);
}

type Shape = "object" | "pluck" | "raw";

class BunSqliteStatement<BindParameters extends unknown[], Result> implements SqlStatement<BindParameters, Result> {
  private shape: Shape = "object";

  constructor(private readonly statement: BunStatement) {}

  run(...params: BindParameters): { changes: number; lastInsertRowid: number | bigint } {
    const result = this.statement.run(...params);
    return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
  }

  get(...params: BindParameters): Result | undefined {
    const row = this.statement.get(...params);
    return row === null || row === undefined ? undefined : this.shaped(row);
  }

  all(...params: BindParameters): Result[] {
    if (this.shape === "object") return this.statement.all(...params) as Result[];
    const rows = this.statement.values(...params);
    return (this.shape === "raw" ? rows : rows.map((row) => row[0])) as Result[];
  }

  *iterate(...params: BindParameters): IterableIterator<Result> {
    for (const row of this.statement.iterate(...params)) yield this.shaped(row);
  }

  pluck(toggleState = true): this {
    this.shape = toggleState ? "pluck" : this.shape === "pluck" ? "object" : this.shape;
    return this;
  }

  raw(toggleState = true): this {
    this.shape = toggleState ? "raw" : this.shape === "raw" ? "object" : this.shape;
    return this;
  }

  safeIntegers(toggleState = true): this {
    this.statement.safeIntegers(toggleState);
    return this;
  }

  private shaped(row: unknown): Result {
    if (this.shape === "object") return row as Result;
    const values = Object.values(row as object);
    return (this.shape === "pluck" ? values[0] : values) as Result;
  }
}

class BunSqliteDatabase implements TraceDatabase {
  open = true;
  readonly readonly: boolean;
  private readonly control = new Map<string, BunStatement>();
  private readonly transactions = new TransactionRunner({
    control: (source) => this.controlStatement(source).run(),
    inTransaction: () => this.db.inTransaction,
  });

  constructor(
    private readonly db: BunDatabase,
    options: DriverOpenOptions,
  ) {
    this.readonly = options.readonly;
    this.db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
  }

  prepare<BindParameters extends unknown[] | {} = unknown[], Result = unknown>(
    source: string,
  ): BindParameters extends unknown[] ? SqlStatement<BindParameters, Result> : SqlStatement<[BindParameters], Result> {
    return new BunSqliteStatement(this.db.prepare(source)) as never;
  }

  exec(source: string): this {
    this.db.exec(source);
    return this;
  }

  pragma(source: string, options: { simple?: boolean | undefined } = {}): unknown {
    const statement = this.prepare(`PRAGMA ${source}`);
    return options.simple ? statement.pluck().get() : statement.all();
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

  private controlStatement(source: string): BunStatement {
    let statement = this.control.get(source);
    if (statement === undefined) {
      statement = this.db.prepare(source);
      this.control.set(source, statement);
    }
    return statement;
  }
}
