/**
 * Where the trace database lives: an explicit path wins, then `TRACED_DB`, then MLflow's
 * `MLFLOW_TRACKING_URI` when it names a SQLite file (`sqlite:///relative.db`,
 * `sqlite:////absolute.db`), then `./traced.db`. The explicit path and TRACED_DB may be
 * written as such a URI too.
 */
export const DEFAULT_DB_FILE = "traced.db";

export function resolveDbPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return sqlitePathFromUri(explicit) ?? explicit;
  if (env.TRACED_DB) return sqlitePathFromUri(env.TRACED_DB) ?? env.TRACED_DB;
  const fromUri = sqlitePathFromUri(env.MLFLOW_TRACKING_URI);
  return fromUri ?? DEFAULT_DB_FILE;
}

/** `sqlite:///x.db` → `x.db`; `sqlite:////tmp/x.db` → `/tmp/x.db`; anything else → undefined. */
export function sqlitePathFromUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const match = /^sqlite:\/\/\/(.+)$/.exec(uri.trim());
  return match ? match[1] : undefined;
}
