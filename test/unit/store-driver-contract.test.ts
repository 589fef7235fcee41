/**
 * What the store relies on from its SQLite driver, checked on the driver this process uses:
 * better-sqlite3 in the main run (Node 20), node:sqlite when store-driver-suites.test.ts
 * re-runs the store suites under Node 22 and 24. better-sqlite3's behaviour is the
 * reference, so both runs hold the adapters to the same answers.
 */
import { afterEach, describe, expect, it } from "vitest";
import { openSqlite, sqliteDriverName, type TraceDatabase } from "../../src/store/index.js";
import { tempDbPath } from "./store-test-traces.js";

const open: TraceDatabase[] = [];
function connect(path = tempDbPath(), busyTimeoutMs = 0): TraceDatabase {
  const db = openSqlite(path, { readonly: false, busyTimeoutMs });
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function withTable(): TraceDatabase {
  const db = connect();
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, big INTEGER)");
  return db;
}

describe(`SQLite driver contract (${sqliteDriverName()})`, () => {
  it("uses the driver TRACED_SQLITE_DRIVER names, when set", () => {
    const forced = process.env.TRACED_SQLITE_DRIVER;
    expect(sqliteDriverName()).toBe(forced || (Number(process.versions.node.split(".")[0]) >= 22 ? "node" : "better"));
  });

  it("runs statements with positional and named parameters, and reports changes and row ids", () => {
    const db = withTable();
    expect(db.prepare("INSERT INTO t (name, big) VALUES (?, ?)").run("a", 1)).toEqual({ changes: 1, lastInsertRowid: 1 });
    // Named parameters are bound without their prefix; keys the SQL does not use are ignored.
    expect(db.prepare("INSERT INTO t (name, big) VALUES (@name, @big)").run({ name: "b", big: 2, unused: "x" }).changes).toBe(1);
    expect(db.prepare("UPDATE t SET big = big + 1").run().changes).toBe(2);
  });

  it("returns rows as objects, plucked values or raw arrays, and iterates them", () => {
    const db = withTable();
    const insert = db.prepare("INSERT INTO t (name, big) VALUES (?, ?)");
    for (const [name, big] of [["a", 1], ["b", 2], ["c", 3]] as const) insert.run(name, big);
    const select = db.prepare<[number], { name: string; big: number }>("SELECT name, big FROM t WHERE big >= ? ORDER BY id");
    expect(select.all(2)).toEqual([{ name: "b", big: 2 }, { name: "c", big: 3 }]);
    expect(select.get(3)).toEqual({ name: "c", big: 3 });
    expect(select.get(9)).toBeUndefined();
    expect([...select.iterate(1)].map((row) => row.name)).toEqual(["a", "b", "c"]);
    const names = db.prepare<[], string>("SELECT name FROM t ORDER BY id").pluck();
    expect(names.all()).toEqual(["a", "b", "c"]);
    expect(names.get()).toBe("a");
    expect([...names.iterate()]).toEqual(["a", "b", "c"]);
    const raw = db.prepare<[], unknown[]>("SELECT name, big FROM t ORDER BY id").raw();
    expect(raw.all()).toEqual([["a", 1], ["b", 2], ["c", 3]]);
    expect(raw.get()).toEqual(["a", 1]);
    expect(raw.raw(false).get()).toEqual({ name: "a", big: 1 });
    // Stopping an iteration early leaves the statement usable.
    for (const name of names.iterate()) if (name === "a") break;
    expect(names.all()).toHaveLength(3);
  });

  it("reads 64-bit integers exactly with safeIntegers", () => {
    const db = withTable();
    const big = 2n ** 62n + 1n;
    db.prepare("INSERT INTO t (name, big) VALUES (?, ?)").run("x", big);
    expect(db.prepare("SELECT big FROM t").pluck().safeIntegers(true).get()).toBe(big);
    expect(db.prepare("SELECT big, name FROM t").safeIntegers().get()).toEqual({ big, name: "x" });
  });

  it("commits a transaction on return and rolls it back on throw, nested ones as savepoints", () => {
    const db = withTable();
    const insert = db.prepare("INSERT INTO t (name) VALUES (?)");
    const count = () => db.prepare("SELECT count(*) FROM t").pluck().get();
    const many = db.transaction((names: string[]) => {
      for (const name of names) insert.run(name);
      return names.length;
    });
    expect(many(["a", "b"])).toBe(2);
    expect(() => many(["c", "a"])).toThrow(/UNIQUE/);
    expect(count()).toBe(2);
    const outer = db.transaction(() => {
      insert.run("d");
      try {
        many(["e", "d"]);
      } catch {
        // The inner part rolled back alone; the outer goes on.
      }
      insert.run("f");
    });
    outer.immediate();
    expect(db.prepare("SELECT name FROM t ORDER BY id").pluck().all()).toEqual(["a", "b", "d", "f"]);
  });

  it("takes the write lock up front with immediate, and names SQLite's codes (SQLITE_BUSY)", () => {
    const path = tempDbPath();
    const first = connect(path);
    first.exec("CREATE TABLE t (x)");
    const second = connect(path);
    const write = second.transaction(() => second.exec("INSERT INTO t VALUES (1)"));
    first.exec("BEGIN IMMEDIATE");
    let error: unknown;
    try {
      write.immediate();
    } catch (caught) {
      error = caught;
    }
    expect((error as { code?: string }).code).toBe("SQLITE_BUSY");
    first.exec("COMMIT");
    write.immediate();
    expect(first.prepare("SELECT count(*) FROM t").pluck().get()).toBe(1);
    expect(() => first.exec("INSERT INTO nowhere VALUES (1)")).toThrow(expect.objectContaining({ code: "SQLITE_ERROR" }));
    first.exec("CREATE TABLE u (k UNIQUE); INSERT INTO u VALUES (1)");
    expect(() => first.prepare("INSERT INTO u VALUES (?)").run(1)).toThrow(expect.objectContaining({ code: "SQLITE_CONSTRAINT_UNIQUE" }));
  });

  it("waits for another connection's lock up to its busy timeout", () => {
    const path = tempDbPath();
    const holder = connect(path);
    holder.exec("CREATE TABLE t (x)");
    const waiter = connect(path, 300);
    holder.exec("BEGIN IMMEDIATE");
    const started = Date.now();
    expect(() => waiter.exec("INSERT INTO t VALUES (1)")).toThrow(expect.objectContaining({ code: "SQLITE_BUSY" }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    holder.exec("ROLLBACK");
  });

  it("reads and sets pragmas, simple or as rows", () => {
    const db = connect();
    expect(db.pragma("user_version", { simple: true })).toBe(0);
    db.pragma("user_version = 7");
    expect(db.pragma("user_version", { simple: true })).toBe(7);
    expect(db.pragma("journal_mode = WAL", { simple: true })).toBe("wal");
    expect(db.pragma("user_version")).toEqual([{ user_version: 7 }]);
  });

  it("calls user functions from SQL", () => {
    const db = connect();
    db.function("twice", { deterministic: true }, (value: unknown) => (typeof value === "string" ? value + value : null));
    expect(db.prepare("SELECT twice(?) AS v").pluck().get("ab")).toBe("abab");
    expect(db.prepare("SELECT twice(1) AS v").pluck().get()).toBeNull();
  });

  it("opens read-only without creating a file, and refuses writes there", () => {
    const missing = tempDbPath("missing.db");
    expect(() => openSqlite(missing, { readonly: true, busyTimeoutMs: 0 })).toThrow(expect.objectContaining({ code: "SQLITE_CANTOPEN" }));
    const path = tempDbPath();
    connect(path).exec("CREATE TABLE t (x)");
    const reader = openSqlite(path, { readonly: true, busyTimeoutMs: 0 });
    open.push(reader);
    expect(reader.readonly).toBe(true);
    expect(() => reader.exec("INSERT INTO t VALUES (1)")).toThrow(expect.objectContaining({ code: "SQLITE_READONLY" }));
    reader.close();
    expect(reader.open).toBe(false);
  });
});
