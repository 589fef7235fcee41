/**
 * One HTTP POST that blocks until it is answered, for the `exit` event (after `process.exit()`
 * only synchronous code runs). Node has no blocking HTTP client, so a short-lived Node child
 * process sends the request while this one waits in `spawnSync`: ~50 ms of start-up, paid only
 * when traces are still queued as the process exits.
 */
import { spawnSync } from "node:child_process";

/** The child: reads `[4-byte header length][JSON header][body]` from stdin, posts, exits 0 on 2xx. */
const CHILD_SOURCE = `
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const input = Buffer.concat(chunks);
  const headerLength = input.readUInt32BE(0);
  const { url, headers, timeoutMs } = JSON.parse(input.subarray(4, 4 + headerLength).toString("utf8"));
  const body = input.subarray(4 + headerLength);
  const client = require(url.startsWith("https:") ? "node:https" : "node:http");
  const request = client.request(url, { method: "POST", headers: { ...headers, "Content-Length": String(body.length) }, timeout: timeoutMs });
  request.on("timeout", () => request.destroy(new Error("no reply within " + timeoutMs + " ms")));
  request.on("error", (error) => { process.stderr.write(error.message); process.exitCode = 2; });
  request.on("response", (response) => {
    const reply = [];
    response.on("data", (chunk) => reply.push(chunk));
    response.on("end", () => {
      if (response.statusCode >= 200 && response.statusCode < 300) return;
      process.stderr.write("HTTP " + response.statusCode + " " + Buffer.concat(reply).toString("utf8").slice(0, 500));
      process.exitCode = 1;
    });
  });
  request.end(body);
});
`;

export function postSync(url: URL, headers: Record<string, string>, body: Uint8Array, timeoutMs: number): void {
  const header = Buffer.from(JSON.stringify({ url: url.href, headers, timeoutMs }), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: "1" };
  // The app's preloads (NODE_OPTIONS=--require …, e.g. auto-instrumentation) have no business in the sender.
  delete env.NODE_OPTIONS;
  const result = spawnSync(process.execPath, ["-e", CHILD_SOURCE], {
    input: Buffer.concat([length, header, body]),
    env,
    timeout: timeoutMs + 2_000,
    stdio: ["pipe", "ignore", "pipe"],
    windowsHide: true,
  });
  if (result.error) throw new Error(`could not send synchronously: ${result.error.message}`);
  if (result.status !== 0) {
    const why = result.stderr?.toString("utf8").trim() || (result.signal ? `the sender was killed (${result.signal})` : `exit status ${result.status}`);
    throw new Error(`POST ${url.href} failed: ${why}`);
  }
}
