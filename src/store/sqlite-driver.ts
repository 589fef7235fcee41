/**
 * Which SQLite the store uses: Bun's bun:sqlite under Bun; node:sqlite where the runtime
 * has it without a flag (Node 22.13+, 23.4+, 24; Deno); otherwise better-sqlite3 (Node 20),
 * an optional peer dependency. All three read and write the same file format: SQLite's own.
 * TRACED_SQLITE_DRIVER=node|better|bun forces one (tests run the store suites on each).
 */
import { onCloudflareWorkers } from "../config/cloudflare-workers.js";
import { isNativeLoadError, loadBetterSqlite3, openBetterSqlite3 } from "./better-sqlite3-driver.js";
import { openBunSqlite, type BunSqliteModule } from "./bun-sqlite-driver.js";
import { type TraceDatabase } from "./database.js";
import { openNodeSqlite, type NodeSqliteModule } from "./node-sqlite-driver.js";
import { loadBuiltin } from "./require-optional.js";
import { runtimeLabel } from "./runtime-label.js";

export type SqliteDriverName = "node" | "better" | "bun";

export interface DriverOpenOptions {
  readonly readonly: boolean;
  readonly busyTimeoutMs: number;
}

/** No SQLite driver can be loaded here; the message says what to install. */
export class StoreDriverError extends Error {
  override name = "StoreDriverError";
}

const DRIVERS: readonly SqliteDriverName[] = ["node", "better", "bun"];
const INSTALL_HINT =
  "Install the optional peer dependency better-sqlite3 (`npm install better-sqlite3`; it needs a prebuilt binary for this Node, or build tools), " +
  "or run on Node 22.13+ or 24, where traced uses the built-in node:sqlite";

/** The driver this process uses: TRACED_SQLITE_DRIVER if set, else the runtime's best. */
export function sqliteDriverName(env: NodeJS.ProcessEnv = process.env): SqliteDriverName {
  const forced = env.TRACED_SQLITE_DRIVER?.trim();
  if (forced) {
    if (!(DRIVERS as readonly string[]).includes(forced)) {
      throw new StoreDriverError(`TRACED_SQLITE_DRIVER is "${forced}"; expected one of ${DRIVERS.join(", ")}, or unset to choose by runtime`);
    }
    return forced as SqliteDriverName;
  }
  if (process.versions.bun) return "bun";
  return hasUnflaggedNodeSqlite() ? "node" : "better";
}

/** Opens a connection with the chosen driver (no pragmas, no migration: see openTraceDatabase). */
export function openSqlite(path: string, options: DriverOpenOptions): TraceDatabase {
  // workerd would fail deep in a driver with "Illegal constructor"; say what is wrong instead.
  if (onCloudflareWorkers()) {
    throw new StoreDriverError(
      `traced's trace store needs SQLite, and Cloudflare Workers have none (no node:sqlite, better-sqlite3 or bun:sqlite), so ${path} cannot be opened: ` +
        "export to a server instead with { otlp: { endpoint } } or { mlflow: { trackingUri } }, and hand flushTraces() to ctx.waitUntil",
    );
  }
  const driver = sqliteDriverName();
  if (driver === "bun") return openBunSqlite(builtinOrExplain<BunSqliteModule>("bun:sqlite", runtimeLabel()), path, options);
  if (driver === "node") {
    if (!hasUnflaggedNodeSqlite()) {
      throw new StoreDriverError(`TRACED_SQLITE_DRIVER=node, but this runtime (${runtimeLabel()}) has no node:sqlite without a flag: it needs Node 22.13+ or 24`);
    }
    return openNodeSqlite(loadNodeSqlite(), path, options);
  }
  try {
    loadBetterSqlite3();
    return openBetterSqlite3(path, options);
  } catch (error) {
    if (!isNativeLoadError(error) && (error as { code?: unknown }).code !== "MODULE_NOT_FOUND") throw error;
    const reason = (error as Error).message.split("\n")[0];
    const why = process.env.TRACED_SQLITE_DRIVER?.trim()
      ? "TRACED_SQLITE_DRIVER=better chose better-sqlite3"
      : `Node ${process.versions.node} has no built-in node:sqlite (without a flag)`;
    throw new StoreDriverError(`traced's trace store needs SQLite: ${why}, and better-sqlite3 could not be loaded (${reason}). ${INSTALL_HINT}.`, {
      cause: error,
    });
  }
}

/** Node 22.13+ and 23.4+ load node:sqlite without --experimental-sqlite; Deno always has it. */
function hasUnflaggedNodeSqlite(): boolean {
  if (typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule !== "function") return false;
  if ("Deno" in globalThis) return true;
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  return major > 23 || (major === 23 && minor >= 4) || (major === 22 && minor >= 13);
}

let nodeSqlite: NodeSqliteModule | undefined;

/**
 * Node 22 warns on stderr when node:sqlite is first loaded ("SQLite is an experimental
 * feature"): traced's choice of driver is not the app's concern, so that one warning, and
 * only while loading it, is dropped; every other warning passes through.
 */
function loadNodeSqlite(): NodeSqliteModule {
  if (nodeSqlite) return nodeSqlite;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    if (isSqliteExperimentalWarning(warning, rest[0])) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    nodeSqlite = builtinOrExplain<NodeSqliteModule>("node:sqlite", runtimeLabel());
  } finally {
    process.emitWarning = emitWarning;
  }
  return nodeSqlite;
}

function isSqliteExperimentalWarning(warning: string | Error, typeOrOptions: unknown): boolean {
  const type = typeof typeOrOptions === "string" ? typeOrOptions : (typeOrOptions as { type?: unknown } | undefined)?.type;
  const name = typeof warning === "string" ? type : warning.name;
  const message = typeof warning === "string" ? warning : warning.message;
  return name === "ExperimentalWarning" && message.startsWith("SQLite is an experimental feature");
}

function builtinOrExplain<T>(id: string, runtime: string): T {
  const loaded = loadBuiltin<T>(id);
  if (loaded === undefined) throw new StoreDriverError(`traced's trace store needs SQLite, but ${runtime} does not provide ${id}. ${INSTALL_HINT}.`);
  return loaded;
}
