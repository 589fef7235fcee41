/**
 * One HTTP POST over Node's own client, on a keep-alive agent: the whole exchange (connect,
 * send, reply) is bounded by a timeout, and only the start of a reply body is kept (enough
 * for an error message or an OTLP partial-success reply).
 */
import http from "node:http";
import https from "node:https";

export interface PostRequest {
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
  timeoutMs: number;
  agent: http.Agent;
  signal?: AbortSignal;
}

export interface PostResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export const MAX_REPLY_BYTES = 64 * 1024;

export class RequestTimeoutError extends Error {
  override name = "RequestTimeoutError";
}

export function httpPost(request: PostRequest): Promise<PostResponse> {
  return new Promise((resolve, reject) => {
    const client = request.url.protocol === "https:" ? https : http;
    const req = client.request(request.url, {
      method: "POST",
      agent: request.agent,
      headers: { ...request.headers, "Content-Length": String(request.body.length) },
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const timer = setTimeout(() => {
      req.destroy(new RequestTimeoutError(`no reply within ${request.timeoutMs} ms`));
    }, request.timeoutMs);
    timer.unref();
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on("data", (chunk: Buffer) => {
        if (kept < MAX_REPLY_BYTES) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).subarray(0, MAX_REPLY_BYTES) });
      });
      res.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    req.end(request.body);
  });
}

export function createAgent(url: URL): http.Agent {
  const options = { keepAlive: true, maxSockets: 8 };
  return url.protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
}
