/**
 * `createUiServer`: the trace UI and its JSON API over one store (a file, or an MLflow
 * tracking server the server side reads and writes through, so its credentials never reach
 * the browser), on hono. Binds 127.0.0.1 unless told otherwise; `close()` ends open event
 * streams and connections so the process can exit at once.
 */
import { type AddressInfo } from "node:net";
import { type Server } from "node:http";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { TracedUsageError } from "../config/errors.js";
import { LocalTraceStore } from "../query/local-trace-store.js";
import { MlflowServerStore } from "../query/remote/mlflow-server-store.js";
import { type TraceStore } from "../query/remote/trace-store-api.js";
import { parseStoreUri } from "../query/store-uri.js";
import { apiRoutes } from "./api-routes.js";
import { hostGuard, isLoopback, loopbackHosts } from "./host-guard.js";
import { securityHeaders } from "./security-headers.js";
import { defaultAssetsDir, StaticAssets } from "./static-assets.js";
import { StoreWatcher } from "./store-watcher.js";

export const DEFAULT_UI_HOST = "127.0.0.1";
export const DEFAULT_UI_PORT = 5050;

export interface UiServerOptions {
  /** The trace file to serve (a path or sqlite:///…). */
  dbPath?: string;
  /** Or an MLflow tracking server (http(s)://…); authentication from MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME / _PASSWORD. */
  trackingUri?: string;
  /** The server's experiment (default MLFLOW_EXPERIMENT_ID, else "0"). */
  experimentId?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built front end; default: this package's dist/ui. */
  assetsDir?: string;
  /** How often the store is checked for new traces while a page listens; default 1000 ms for a file, 3000 ms for a server. */
  pollIntervalMs?: number;
}

export interface UiServer {
  /** e.g. http://127.0.0.1:5050/ */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A store of the server's own (not getTraceStore's shared one), since closing the server closes it. */
function openOwnStore(options: UiServerOptions): TraceStore {
  const location = parseStoreUri(options.trackingUri ?? options.dbPath, "createUiServer");
  if (location.kind === "file") return new LocalTraceStore(location.path);
  return new MlflowServerStore({ trackingUri: location.trackingUri, ...(options.experimentId !== undefined ? { experimentId: options.experimentId } : {}) });
}

export async function createUiServer(options: UiServerOptions): Promise<UiServer> {
  const host = options.host ?? DEFAULT_UI_HOST;
  const assets = new StaticAssets(options.assetsDir ?? defaultAssetsDir());
  if ((options.dbPath === undefined) === (options.trackingUri === undefined)) {
    throw new TracedUsageError('createUiServer: give "dbPath" (a trace file) or "trackingUri" (an MLflow tracking server), one of them');
  }
  const store = openOwnStore(options);
  const watcher = new StoreWatcher(store, options.pollIntervalMs ?? (options.trackingUri !== undefined ? 3000 : 1000));
  const shutdown = new AbortController();
  let allowedHosts: Set<string> | undefined;

  const app = new Hono();
  app.use("*", securityHeaders());
  // On a loopback address only this machine's names are accepted; bound elsewhere on purpose, any.
  app.use("*", hostGuard({ allowedHosts: () => allowedHosts }));
  app.route("/api", apiRoutes({ store, watcher, shutdownSignal: shutdown.signal }));
  // A mounted app's notFound is not consulted by its parent: unknown API paths end here.
  app.all("/api/*", (c) => c.json({ error: { message: `No API route ${c.req.method} ${c.req.path}`, kind: "not_found" } }, 404));
  app.get("*", (c) => assets.respond(c));

  let server: Server;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? DEFAULT_UI_PORT }, resolve) as Server;
    server.once("error", reject);
  });
  if (isLoopback(host)) allowedHosts = loopbackHosts(address.port);
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}/`,
    host: address.address,
    port: address.port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        shutdown.abort();
        watcher.stop();
        server.close(() => {
          void store.close().then(resolve, resolve);
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
