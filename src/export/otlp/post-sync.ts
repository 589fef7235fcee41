/**
 * HTTP POSTs that block until they are answered, for the `exit` event (after `process.exit()`
 * only synchronous code runs). Node has no blocking HTTP client, so a short-lived Node child
 * process sends the requests, in order, while this one waits in `spawnSync`: ~50 ms of
 * start-up per call, paid only when traces are still queued as the process exits.
 */
import type * as ChildProcess from "node:child_process";
import { createRequire } from "node:module";

/**
 * node:child_process, loaded on first use: only `process.exit()` needs it, and Cloudflare
 * Workers before the 2026-03-17 compatibility date have none (a static import would keep
 * traced from loading there at all).
 */
function childProcess(): typeof ChildProcess {
  const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (typeof getBuiltinModule === "function") return getBuiltinModule.call(process, "node:child_process") as typeof ChildProcess;
  // Node 20 before 20.16: a require anchored anywhere loads a builtin.
  return createRequire(`${process.cwd()}/`)("node:child_process") as typeof ChildProcess;
}

export interface SyncRequest {
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
  /** When it fails, the requests after it are not sent (they depend on it). */
  required?: boolean;
}

/** A request that did not succeed: its index in the list and why. */
export interface SyncFailure {
  index: number;
  message: string;
}

/**
 * The child: reads `[4-byte header length][JSON header][bodies]` from stdin, posts each request
 * in order and prints the failures as JSON. It exits 0 whenever it could report.
 */
const CHILD_SOURCE = `
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", async () => {
  const input = Buffer.concat(chunks);
  const headerLength = input.readUInt32BE(0);
  const { timeoutMs, requests } = JSON.parse(input.subarray(4, 4 + headerLength).toString("utf8"));
  let offset = 4 + headerLength;
  const failures = [];
  for (let index = 0; index < requests.length; index++) {
    const { url, headers, length, required } = requests[index];
    const body = input.subarray(offset, offset + length);
    offset += length;
    const message = await post(url, headers, body, timeoutMs);
    if (message === undefined) continue;
    failures.push({ index, message });
    if (required) {
      for (let rest = index + 1; rest < requests.length; rest++) failures.push({ index: rest, message: "not sent: an earlier request failed" });
      break;
    }
  }
  process.stdout.write(JSON.stringify(failures));
});
function post(url, headers, body, timeoutMs) {
  return new Promise((resolve) => {
    const client = require(url.startsWith("https:") ? "node:https" : "node:http");
    const request = client.request(url, { method: "POST", headers: { ...headers, "Content-Length": String(body.length) }, timeout: timeoutMs });
    request.on("timeout", () => request.destroy(new Error("no reply within " + timeoutMs + " ms")));
    request.on("error", (error) => resolve(error.message));
    request.on("response", (response) => {
      const reply = [];
      response.on("data", (chunk) => reply.push(chunk));
      response.on("error", (error) => resolve(error.message));
      response.on("end", () => {
        if (response.statusCode >= 200 && response.statusCode < 300) resolve(undefined);
        else resolve("HTTP " + response.statusCode + " " + Buffer.concat(reply).toString("utf8").slice(0, 500));
      });
    });
    request.end(body);
  });
}
`;

/**
 * Sends `requests` in order and returns those that failed. Each request may take `timeoutMs`;
 * the whole call returns within `budgetMs` (the sender is stopped then). Throws when the sender
 * could not run or finish.
 */
export function postAllSync(requests: readonly SyncRequest[], timeoutMs: number, budgetMs: number): SyncFailure[] {
  if (requests.length === 0) return [];
  const list = requests.map((r) => ({ url: r.url.href, headers: r.headers, length: r.body.length, required: r.required === true }));
  const header = Buffer.from(JSON.stringify({ timeoutMs: Math.min(timeoutMs, budgetMs), requests: list }), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: "1" };
  // The app's preloads (NODE_OPTIONS=--require …, e.g. auto-instrumentation) have no business in the sender.
  delete env.NODE_OPTIONS;
  const result = childProcess().spawnSync(process.execPath, ["-e", CHILD_SOURCE], {
    input: Buffer.concat([length, header, ...requests.map((r) => r.body)]),
    env,
    timeout: Math.max(1, Math.floor(budgetMs)),
    stdio: ["pipe", "pipe", "pipe"],
    windowsHide: true,
  });
  if (result.signal !== null || (result.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT") {
    throw new Error(`no answer within ${Math.floor(budgetMs)} ms (the time left at exit)`);
  }
  if (result.error) throw new Error(`could not send synchronously: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`the synchronous sender failed: ${result.stderr?.toString("utf8").trim() || `exit status ${result.status}`}`);
  return JSON.parse(result.stdout.toString("utf8")) as SyncFailure[];
}
