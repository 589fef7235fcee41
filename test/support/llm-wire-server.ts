/**
 * A scripted HTTP server on 127.0.0.1 (ephemeral port) that speaks LLM providers' wire
 * protocols, so tests can point the real SDKs at it. Tests queue replies per path (JSON,
 * SSE streams, error statuses, dropped sockets, requests that never get an answer) and
 * read back every request as received. Reply bodies come from ./llm-replies/*.
 */
import { once } from "node:events";
import http from "node:http";
import { type AddressInfo } from "node:net";

export type ScriptedReply =
  | { kind: "json"; status?: number; body: unknown; headers?: Record<string, string>; delayMs?: number }
  | {
      kind: "sse";
      events: SseEvent[];
      /** Wait between events. */
      delayMs?: number;
      /** Destroy the socket after this many events were written (a dropped stream). */
      destroyAfter?: number;
      headers?: Record<string, string>;
    }
  | { kind: "error"; status: number; body: unknown; retryAfter?: string; headers?: Record<string, string> }
  /** Destroy the socket before any response byte. */
  | { kind: "destroy" }
  /** Never answer (for abort tests); ended when the server closes. */
  | { kind: "hang" };

export interface SseEvent {
  event?: string;
  /** A string is written as is; anything else is JSON.stringify'd. */
  data: unknown;
}

export interface RecordedRequest {
  method: string;
  /** With the query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the raw string when it is not JSON. */
  body: unknown;
}

export interface LlmWireServer {
  /** "http://127.0.0.1:<port>" */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Queue replies for requests whose path (without query) matches; FIFO; each reply used once. */
  reply(path: string | RegExp, ...replies: ScriptedReply[]): void;
  /** Reply used when no queued reply matches (default: 404 JSON error). */
  fallback(handler: (request: RecordedRequest) => ScriptedReply): void;
  /** Forget requests and queued replies (the fallback stays). */
  reset(): void;
  /** Also ends hanging and streaming responses. */
  close(): Promise<void>;
}

interface Queued {
  path: string | RegExp;
  reply: ScriptedReply;
}

const notFound = (request: RecordedRequest): ScriptedReply => ({
  kind: "json",
  status: 404,
  body: { error: { message: `no scripted reply for ${request.method} ${request.path}` } },
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One SSE frame as real servers write it: optional `event:` line, `data:` line, blank line. */
function sseFrame({ event, data }: SseEvent): string {
  const text = typeof data === "string" ? data : JSON.stringify(data);
  // A multi-line payload needs one `data:` line per line; JSON.stringify never makes one.
  const lines = text.split("\n").map((line) => `data: ${line}\n`).join("");
  return (event === undefined ? "" : `event: ${event}\n`) + lines + "\n";
}

function matches(pattern: string | RegExp, pathname: string): boolean {
  if (typeof pattern === "string") return pattern === pathname;
  pattern.lastIndex = 0; // a /g or /y pattern keeps state between test() calls
  return pattern.test(pathname);
}

function parseBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export async function startLlmWireServer(): Promise<LlmWireServer> {
  const requests: RecordedRequest[] = [];
  const queue: Queued[] = [];
  let fallback = notFound;
  let closing = false;
  let closed: Promise<void> | undefined;

  // Writes one chunk; false once the response can take no more (client gone, or closing).
  async function write(res: http.ServerResponse, chunk: string): Promise<boolean> {
    if (closing || res.destroyed) return false;
    // The callback fires once the chunk is handed to the socket: each event is flushed
    // before the next delay, and before a scripted destroy.
    return new Promise((resolve) => res.write(chunk, (error) => resolve(!error)));
  }

  async function answer(reply: ScriptedReply, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    switch (reply.kind) {
      case "json": {
        if (reply.delayMs) await sleep(reply.delayMs);
        const headers = { "content-type": "application/json", ...reply.headers };
        res.writeHead(reply.status ?? 200, headers).end(JSON.stringify(reply.body));
        return;
      }
      case "error": {
        const headers: Record<string, string> = { "content-type": "application/json", ...reply.headers };
        if (reply.retryAfter !== undefined) headers["retry-after"] = reply.retryAfter;
        res.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
        return;
      }
      case "destroy":
        req.socket.destroy();
        return;
      case "hang":
        return; // close() destroys the socket
      case "sse": {
        res.writeHead(200, {
          "content-type": "text/event-stream",
          "cache-control": "no-cache",
          connection: "keep-alive",
          ...reply.headers,
        });
        res.flushHeaders();
        for (const [index, event] of reply.events.entries()) {
          if (index === reply.destroyAfter) break;
          if (index > 0 && reply.delayMs) await sleep(reply.delayMs);
          if (!(await write(res, sseFrame(event)))) return;
        }
        // Without a clean end of the chunked body, the client sees a dropped connection.
        if (reply.destroyAfter !== undefined) req.socket.destroy();
        else res.end();
        return;
      }
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? "/";
    const request: RecordedRequest = {
      method: req.method ?? "",
      path,
      headers: req.headers,
      body: parseBody(Buffer.concat(chunks).toString("utf8")),
    };
    requests.push(request);
    // A client that gave up while its body was being read (an aborted call of an earlier test,
    // read late on a busy machine) must not take a reply queued for the next request.
    if (req.socket.destroyed) return;
    const pathname = new URL(path, "http://127.0.0.1").pathname;
    const index = queue.findIndex((queued) => matches(queued.path, pathname));
    const reply = index === -1 ? fallback(request) : queue.splice(index, 1)[0]!.reply;
    await answer(reply, req, res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `llm-wire-server: ${String(error)}` } }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    reply(path, ...replies) {
      for (const reply of replies) queue.push({ path, reply });
    },
    fallback(handler) {
      fallback = handler;
    },
    reset() {
      requests.length = 0; // in place: callers may hold the array
      queue.length = 0;
    },
    close() {
      closing = true;
      closed ??= new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections(); // ends hanging, streaming and idle keep-alive sockets
      return closed;
    },
  };
}
