/**
 * SQLite's result codes by name, as better-sqlite3 and bun:sqlite put them in `error.code`
 * ("SQLITE_BUSY", "SQLITE_CONSTRAINT_UNIQUE"). node:sqlite gives only the number
 * (`errcode`); the store reads codes by name (busy retry, "not a database"), so its
 * node:sqlite adapter names them the same way.
 */
const PRIMARY = [
  "OK", "ERROR", "INTERNAL", "PERM", "ABORT", "BUSY", "LOCKED", "NOMEM", "READONLY", "INTERRUPT",
  "IOERR", "CORRUPT", "NOTFOUND", "FULL", "CANTOPEN", "PROTOCOL", "EMPTY", "SCHEMA", "TOOBIG",
  "CONSTRAINT", "MISMATCH", "MISUSE", "NOLFS", "AUTH", "FORMAT", "RANGE", "NOTADB", "NOTICE", "WARNING",
];

/** Extended codes the store can meet; any other falls back to its primary code's name. */
const EXTENDED: Record<number, string> = {
  261: "BUSY_RECOVERY",
  517: "BUSY_SNAPSHOT",
  773: "BUSY_TIMEOUT",
  262: "LOCKED_SHAREDCACHE",
  518: "LOCKED_VTAB",
  264: "READONLY_RECOVERY",
  520: "READONLY_CANTLOCK",
  776: "READONLY_ROLLBACK",
  1032: "READONLY_DBMOVED",
  267: "CORRUPT_VTAB",
  522: "IOERR_SHORT_READ",
  778: "IOERR_WRITE",
  1034: "IOERR_FSYNC",
  3338: "IOERR_LOCK",
  270: "CANTOPEN_NOTEMPDIR",
  526: "CANTOPEN_ISDIR",
  782: "CANTOPEN_FULLPATH",
  275: "CONSTRAINT_CHECK",
  531: "CONSTRAINT_COMMITHOOK",
  787: "CONSTRAINT_FOREIGNKEY",
  1043: "CONSTRAINT_FUNCTION",
  1299: "CONSTRAINT_NOTNULL",
  1555: "CONSTRAINT_PRIMARYKEY",
  1811: "CONSTRAINT_TRIGGER",
  2067: "CONSTRAINT_UNIQUE",
  2323: "CONSTRAINT_VTAB",
  2579: "CONSTRAINT_ROWID",
};

export function sqliteCodeName(code: number): string {
  const name = EXTENDED[code] ?? PRIMARY[code & 0xff];
  return name === undefined ? `SQLITE_UNKNOWN_${code}` : `SQLITE_${name}`;
}
