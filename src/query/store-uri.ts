/**
 * What a store URI names: a SQLite file (a path, or `sqlite:///relative.db` /
 * `sqlite:////absolute.db`) or an MLflow tracking server (`http://…`, `https://…`).
 * Anything else with a scheme is refused by name, so a typo never becomes a new file.
 */
import { describeValue, TracedUsageError } from "../config/errors.js";
import { sqlitePathFromUri } from "../store/db-path.js";

export type StoreLocation = { kind: "file"; path: string } | { kind: "server"; trackingUri: string };

export function parseStoreUri(uri: unknown, where = "getTraceStore"): StoreLocation {
  if (typeof uri !== "string" || uri.trim() === "") {
    throw new TracedUsageError(`${where}: expected a store URI (a file path, "sqlite:///traces.db" or "http://host:5000"), got ${describeValue(uri)}`);
  }
  const text = uri.trim();
  const shown = describeValue(withoutUserInfo(text));
  if (/^https?:\/\//i.test(text)) return { kind: "server", trackingUri: text };
  const path = sqlitePathFromUri(text);
  if (path !== undefined) return { kind: "file", path };
  if (/^databricks(-uc)?$/i.test(text)) {
    throw new TracedUsageError(`${where}: cannot open ${shown}: traced reads a SQLite file or an MLflow tracking server over http(s), not Databricks`);
  }
  if (/^sqlite:/i.test(text)) {
    throw new TracedUsageError(`${where}: ${shown} is not a SQLite URI traced reads: write "sqlite:///relative.db" or "sqlite:////absolute/path.db"`);
  }
  // A Windows drive letter ("C:\…") is a path, not a scheme.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(text)?.[1];
  if (scheme !== undefined) {
    throw new TracedUsageError(
      `${where}: cannot open ${shown}: traced reads a SQLite file (a path or sqlite:///…) or an MLflow tracking server (http:// or https://), not "${scheme}:"`,
    );
  }
  return { kind: "file", path: text };
}

/** For messages: a URI without its user:password part, which must never be printed. */
export function withoutUserInfo(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, "$1");
}
