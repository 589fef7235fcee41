/**
 * One HTTP request (a POST for the exporters, any method for the tracking-server store) over
 * Node's own client, on a keep-alive agent: the whole exchange (connect, send, reply) is
 * bounded by a timeout, and by default only the start of a reply body is kept (enough for an
 * error message or an OTLP partial-success reply).
 */
import type * as Http from "node:http";
import type * as Https from "node:https";
import { nodeBuiltin } from "./node-builtin.js";

const http = (): typeof Http => nodeBuiltin<typeof Http>("node:http");
const https = (): typeof Https => nodeBuiltin<typeof Https>("node:https");

export interface PostRequest {
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
  timeoutMs: number;
  agent: Http.Agent;
  signal?: AbortSignal;
}

/** A request with any method; `body` may be left out (GET, DELETE). */
export interface HttpRequest extends Omit<PostRequest, "body"> {
  method: string;
  body?: Uint8Array;
  /** How much of the reply body to keep (default MAX_REPLY_BYTES; Infinity for all of it). */
  maxReplyBytes?: number;
}

export interface PostResponse {
  status: number;
  headers: Http.IncomingHttpHeaders;
  body: Buffer;
}

export const MAX_REPLY_BYTES = 64 * 1024;

export class RequestTimeoutError extends Error {
  override name = "RequestTimeoutError";
}

export function httpPost(request: PostRequest): Promise<PostResponse> {
  return httpRequest({ ...request, method: "POST" });
}

export function httpRequest(request: HttpRequest): Promise<PostResponse> {
  const maxReplyBytes = request.maxReplyBytes ?? MAX_REPLY_BYTES;
  return new Promise((resolve, reject) => {
    const client = request.url.protocol === "https:" ? https() : http();
    const req = client.request(request.url, {
      method: request.method,
      agent: request.agent,
      headers: request.body === undefined ? request.headers : { ...request.headers, "Content-Length": String(request.body.length) },
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
        if (kept < maxReplyBytes) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      res.on("end", () => {
        clearTimeout(timer);
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, kept);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: kept > maxReplyBytes ? body.subarray(0, maxReplyBytes) : body });
      });
      res.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    if (request.body === undefined) req.end();
    else req.end(request.body);
  });
}

export function createAgent(url: URL): Http.Agent {
  const options = { keepAlive: true, maxSockets: 8 };
  return url.protocol === "https:" ? new (https().Agent)(options) : new (http().Agent)(options);
}
