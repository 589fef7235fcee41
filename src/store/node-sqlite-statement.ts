/**
 * node:sqlite's StatementSync behind the SqlStatement interface (better-sqlite3's shape):
 * pluck and raw become array rows (`setReturnArrays`, or the row's values in column order
 * where an older Node lacks it), safeIntegers becomes `setReadBigInts`, and errors carry
 * SQLite's code by name.
 */
import { type SqlStatement } from "./database.js";
import { runtimeLabel } from "./runtime-label.js";
import { sqliteCodeName } from "./sqlite-error-codes.js";

/** The part of node:sqlite's StatementSync used here (Node 22.13+; the setters marked ? came later). */
export interface NodeStatementSync {
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  setReadBigInts(enabled: boolean): void;
  setReturnArrays?(enabled: boolean): void;
  setAllowUnknownNamedParameters?(enabled: boolean): void;
}

type Shape = "object" | "pluck" | "raw";

/**
 * Node 22's node:sqlite reads text only up to its first U+0000 (Node 24 reads it whole);
 * SQLite stores it whole either way. Where the driver would cut it, a write of such text is
 * refused with this error rather than stored and read back shorter without a word.
 */
export class TextWithNulError extends Error {
  override name = "TextWithNulError";
}

export class NodeSqliteStatement<BindParameters extends unknown[], Result> implements SqlStatement<BindParameters, Result> {
  private shape: Shape = "object";
  private readonly nativeArrays: boolean;

  constructor(
    private readonly statement: NodeStatementSync,
    private readonly readsTextWhole: boolean,
  ) {
    this.nativeArrays = typeof statement.setReturnArrays === "function";
    // better-sqlite3 ignores named parameters the SQL does not use; node:sqlite would throw.
    statement.setAllowUnknownNamedParameters?.(true);
  }

  run(...params: BindParameters): { changes: number; lastInsertRowid: number | bigint } {
    if (!this.readsTextWhole) refuseTextWithNul(params);
    try {
      const result = this.statement.run(...params);
      // `changes` is a bigint only when the statement reads integers as bigints.
      if (typeof result.changes === "number") return result as { changes: number; lastInsertRowid: number | bigint };
      return { changes: Number(result.changes), lastInsertRowid: result.lastInsertRowid };
    } catch (error) {
      throw withSqliteCode(error);
    }
  }

  get(...params: BindParameters): Result | undefined {
    let row: unknown;
    try {
      row = this.statement.get(...params);
    } catch (error) {
      throw withSqliteCode(error);
    }
    return row === undefined ? undefined : this.shaped(row);
  }

  all(...params: BindParameters): Result[] {
    let rows: unknown[];
    try {
      rows = this.statement.all(...params);
    } catch (error) {
      throw withSqliteCode(error);
    }
    if (this.shape === "object" || (this.shape === "raw" && this.nativeArrays)) return rows as Result[];
    return rows.map((row) => this.shaped(row));
  }

  *iterate(...params: BindParameters): IterableIterator<Result> {
    let rows: IterableIterator<unknown>;
    try {
      rows = this.statement.iterate(...params);
    } catch (error) {
      throw withSqliteCode(error);
    }
    try {
      for (;;) {
        let next: IteratorResult<unknown>;
        try {
          next = rows.next();
        } catch (error) {
          throw withSqliteCode(error);
        }
        if (next.done) return;
        yield this.shaped(next.value);
      }
    } finally {
      // A caller that stops early (break) releases the statement for the next use.
      rows.return?.();
    }
  }

  pluck(toggleState = true): this {
    return this.reshape(toggleState ? "pluck" : this.shape === "pluck" ? "object" : this.shape);
  }

  raw(toggleState = true): this {
    return this.reshape(toggleState ? "raw" : this.shape === "raw" ? "object" : this.shape);
  }

  safeIntegers(toggleState = true): this {
    this.statement.setReadBigInts(toggleState);
    return this;
  }

  private reshape(shape: Shape): this {
    this.shape = shape;
    this.statement.setReturnArrays?.(shape !== "object");
    return this;
  }

  private shaped(row: unknown): Result {
    if (this.shape === "object") return row as Result;
    const values = this.nativeArrays ? (row as unknown[]) : Object.values(row as object);
    return (this.shape === "pluck" ? values[0] : values) as Result;
  }
}

function refuseTextWithNul(params: readonly unknown[]): void {
  for (const param of params) {
    if (typeof param === "string") {
      if (param.includes("\0")) throw nulError(param);
    } else if (typeof param === "object" && param !== null) {
      for (const value of Object.values(param)) if (typeof value === "string" && value.includes("\0")) throw nulError(value);
    }
  }
}

function nulError(text: string): TextWithNulError {
  return new TextWithNulError(
    `The text ${JSON.stringify(text.slice(0, 60))} contains U+0000, which node:sqlite on ${runtimeLabel()} cannot read back whole; ` +
      "run on Node 24, or install better-sqlite3 and set TRACED_SQLITE_DRIVER=better",
  );
}

/** node:sqlite's error with `code` set to SQLite's name for its `errcode` (the message is kept). */
export function withSqliteCode(error: unknown): unknown {
  const failure = error as { code?: unknown; errcode?: unknown } | null;
  if (failure && failure.code === "ERR_SQLITE_ERROR" && typeof failure.errcode === "number") {
    failure.code = sqliteCodeName(failure.errcode);
  }
  return error;
}
