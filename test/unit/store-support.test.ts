import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { getTrace, closeTraceStores } from "../../src/query/index.js";
import {
  createStoreExporter,
  defaultStorePath,
  isBusyError,
  migrate,
  MIGRATIONS,
  SCHEMA_VERSION,
  openSqlite,
  openTraceDatabase,
  resolveDbPath,
  setDefaultStorePath,
  sqlitePathFromUri,
  StoreVersionError,
  withBusyRetry,
  withBusyRetrySync,
  type Migration,
} from "../../src/store/index.js";
import { makeTrace, tempDbPath } from "./store-test-traces.js";

/** A plain connection with the driver in use (better-sqlite3 or node:sqlite): no pragmas, no migration. */
function connect(path: string, options: { readonly?: boolean } = {}) {
  return openSqlite(path, { readonly: options.readonly ?? false, busyTimeoutMs: 0 });
}

function busy(): Error {
  return Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
}

const FAST = { maxWaitMs: 60_000, firstPauseMs: 1, maxPauseMs: 2 };

describe("busy retry", () => {
  it("recognises SQLite's busy and locked codes only", () => {
    expect(isBusyError(busy())).toBe(true);
    expect(isBusyError({ code: "SQLITE_BUSY_SNAPSHOT" })).toBe(true);
    expect(isBusyError({ code: "SQLITE_LOCKED" })).toBe(true);
    expect(isBusyError({ code: "SQLITE_CONSTRAINT" })).toBe(false);
    expect(isBusyError(new Error("x"))).toBe(false);
    expect(isBusyError(null)).toBe(false);
  });

  it("retries a busy operation until it succeeds (sync and async)", async () => {
    let attempts = 0;
    expect(withBusyRetrySync(() => (++attempts < 4 ? (() => { throw busy(); })() : "done"), FAST)).toBe("done");
    expect(attempts).toBe(4);
    attempts = 0;
    await expect(withBusyRetry(() => (++attempts < 3 ? (() => { throw busy(); })() : "done"), FAST)).resolves.toBe("done");
    expect(attempts).toBe(3);
  });

  it("rethrows other errors at once, and busy errors once the wait is used up", () => {
    let attempts = 0;
    expect(() => withBusyRetrySync(() => { attempts++; throw new Error("disk full"); }, FAST)).toThrow("disk full");
    expect(attempts).toBe(1);
    expect(() => withBusyRetrySync(() => { throw busy(); }, { maxWaitMs: 0, firstPauseMs: 1, maxPauseMs: 1 })).toThrow("database is locked");
  });

  it("waits out a real lock held by another connection", async () => {
    const path = tempDbPath();
    openTraceDatabase(path).close();
    const holder = connect(path);
    holder.exec("BEGIN IMMEDIATE");
    const waiter = openTraceDatabase(path, { busyTimeoutMs: 1 });
    const writing = withBusyRetry(() => waiter.exec("INSERT INTO trace_tags VALUES (1, 'k', 'v', 0)"), FAST);
    setTimeout(() => holder.exec("COMMIT"), 30);
    await expect(writing).resolves.toBe(waiter);
    expect(waiter.prepare("SELECT count(*) FROM trace_tags").pluck().get()).toBe(1);
    holder.close();
    waiter.close();
  });
});

describe("migrations", () => {
  const v2: Migration = { version: SCHEMA_VERSION + 1, description: "add a column", sql: "ALTER TABLE traces ADD COLUMN note TEXT;" };

  it("applies only the migrations a file lacks, and records the version", () => {
    const path = tempDbPath();
    openTraceDatabase(path).close();
    const db = connect(path);
    expect(migrate(db, [...MIGRATIONS, v2])).toBe(SCHEMA_VERSION + 1);
    expect(db.prepare("SELECT name FROM pragma_table_info('traces') WHERE name = 'note'").pluck().get()).toBe("note");
    expect(migrate(db, [...MIGRATIONS, v2])).toBe(SCHEMA_VERSION + 1);
    db.close();
  });

  it("refuses a file written by a newer schema", () => {
    const path = tempDbPath();
    const db = connect(path);
    db.pragma("user_version = 99");
    expect(() => migrate(db)).toThrow(StoreVersionError);
    db.close();
    expect(() => openTraceDatabase(path)).toThrow(/schema version 99/);
  });

  it("refuses a file that is not SQLite, naming it and what was expected, and leaves it as it was", () => {
    const path = tempDbPath("notes.txt");
    writeFileSync(path, "these are my notes, not a database\n".repeat(200));
    const before = readFileSync(path);
    for (const readonly of [false, true]) {
      expect(() => openTraceDatabase(path, { readonly })).toThrow(`${path} is not an SQLite database: expected an SQLite trace database written by traced`);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("refuses another program's SQLite database instead of adding traced's tables to it", () => {
    const path = tempDbPath("other-app.db");
    const other = connect(path);
    other.exec("CREATE TABLE notes (body TEXT)");
    other.close();
    expect(() => openTraceDatabase(path)).toThrow(`${path} is an SQLite database of another program (it has tables but no traced schema)`);
    const check = connect(path, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master").pluck().all()).toEqual(["notes"]);
    check.close();
  });
});

describe("database path", () => {
  it("prefers the explicit path, then TRACED_DB, then MLFLOW_TRACKING_URI, then ./traced.db", () => {
    expect(resolveDbPath("x.db", { TRACED_DB: "y.db" })).toBe("x.db");
    expect(resolveDbPath(undefined, { TRACED_DB: "y.db", MLFLOW_TRACKING_URI: "sqlite:///z.db" })).toBe("y.db");
    expect(resolveDbPath(undefined, { MLFLOW_TRACKING_URI: "sqlite:///z.db" })).toBe("z.db");
    expect(resolveDbPath(undefined, { MLFLOW_TRACKING_URI: "http://localhost:5000" })).toBe("traced.db");
    expect(resolveDbPath(undefined, {})).toBe("traced.db");
    expect(resolveDbPath("sqlite:///a.db", {})).toBe("a.db");
    expect(resolveDbPath(undefined, { TRACED_DB: "sqlite:////tmp/b.db" })).toBe("/tmp/b.db");
  });

  it("reads relative and absolute sqlite URIs as MLflow writes them", () => {
    expect(sqlitePathFromUri("sqlite:///mlruns.db")).toBe("mlruns.db");
    expect(sqlitePathFromUri("sqlite:////tmp/mlruns.db")).toBe("/tmp/mlruns.db");
    expect(sqlitePathFromUri("postgresql://db")).toBeUndefined();
  });
});

describe("store exporter", () => {
  afterEach(async () => {
    await closeTraceStores();
    setDefaultStorePath(undefined);
  });

  it("writes batches (async and at exit) and makes its file the default for queries", async () => {
    const path = tempDbPath();
    const exporter = createStoreExporter({ path });
    expect(exporter.name).toBe("sqlite");
    expect(defaultStorePath()).toBe(path);
    const [a, b] = [makeTrace(), makeTrace()];
    await exporter.export([a]);
    exporter.exportSync!([b]);
    await exporter.shutdown!();
    expect((await getTrace(a.traceId))!.info).toEqual(a.info);
    expect((await getTrace(b.traceId))!.spans).toEqual(b.spans);
  });

  it("opens its file only when the first batch arrives", async () => {
    const path = tempDbPath("lazy/deeper/traces.db");
    const exporter = createStoreExporter({ path });
    expect(() => connect(path, { readonly: true })).toThrow();
    await exporter.export([makeTrace()]);
    await exporter.shutdown!();
    expect(connect(path, { readonly: true }).prepare("SELECT count(*) FROM traces").pluck().get()).toBe(1);
  });

  it("rejects bad options where they are given", () => {
    expect(() => createStoreExporter({ path: "" })).toThrow(/"path" must be a non-empty string/);
    expect(() => createStoreExporter({ file: "x.db" } as never)).toThrow(/unknown option "file"/);
  });
});
