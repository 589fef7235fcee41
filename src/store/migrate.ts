import { type TraceDatabase } from "./database.js";
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from "./schema.js";

export class StoreVersionError extends Error {
  override name = "StoreVersionError";
}

function userVersion(db: TraceDatabase): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Brings the schema up to date. Runs inside BEGIN IMMEDIATE and re-reads the version there,
 * so two processes opening a new file at once apply each migration exactly once.
 */
export function migrate(db: TraceDatabase, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (userVersion(db) === latest) return latest;
  const apply = db.transaction(() => {
    const current = userVersion(db);
    if (current > latest) {
      throw new StoreVersionError(
        `The trace database has schema version ${current}, newer than this traced supports (${latest}); upgrade traced.`,
      );
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  apply.immediate();
  return userVersion(db);
}

export { SCHEMA_VERSION };
