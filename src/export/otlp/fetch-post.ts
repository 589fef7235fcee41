/**
 * One HTTP request over the runtime's `fetch`, for runtimes other than Node (Bun, Deno,
 * Cloudflare Workers), where `fetch` is the native client and Node's `http` module is an
 * emulation, or missing. Same contract as `httpPost`/`httpRequest`: the whole exchange is
 * bounded by a timeout and by default only the start of the reply body is kept.
 */
import type { IncomingHttpHeaders } from "node:http";
import { RequestTimeoutError, MAX_REPLY_BYTES, type PostResponse } from "./http-post.js";

export interface FetchPostRequest {
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A request with any method; `body` may be left out (GET, DELETE). */
export interface FetchRequest extends Omit<FetchPostRequest, "body"> {
  method: string;
  body?: Uint8Array;
  /** How much of the reply body to keep (default MAX_REPLY_BYTES; Infinity for all of it). */
  maxReplyBytes?: number;
}

/** True where `fetch` is the runtime's own HTTP client: every runtime but Node itself. */
export function prefersFetch(): boolean {
  if (typeof fetch !== "function") return false;
  const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  // Node 21+ says "Node.js/…"; Node 20 has no navigator at all.
  return typeof agent === "string" && !agent.startsWith("Node.js");
}

export function fetchPost(request: FetchPostRequest): Promise<PostResponse> {
  return fetchRequest({ ...request, method: "POST" });
}

export async function fetchRequest(request: FetchRequest): Promise<PostResponse> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new RequestTimeoutError(`no reply within ${request.timeoutMs} ms`)), request.timeoutMs);
  const onClose = () => abort.abort(request.signal?.reason);
  request.signal?.addEventListener("abort", onClose, { once: true });
  try {
    const init: RequestInit = { method: request.method, headers: request.headers, signal: abort.signal };
    if (request.body !== undefined) init.body = request.body;
    const response = await fetch(request.url, init);
    const headers: IncomingHttpHeaders = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: await readStart(response, request.maxReplyBytes ?? MAX_REPLY_BYTES) };
  } catch (error) {
    // An abort surfaces as the runtime's AbortError: report the reason instead (timeout or close).
    throw abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason : error;
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener("abort", onClose);
  }
}

/** The first `maxBytes` of the body; the rest is not read. */
async function readStart(response: Response, maxBytes: number): Promise<Buffer> {
  if (response.body === null) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let kept = 0;
  while (kept < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    kept += value.length;
  }
  if (kept >= maxBytes) await reader.cancel().catch(() => {});
  const body = Buffer.concat(chunks, kept);
  return kept > maxBytes ? body.subarray(0, maxBytes) : body;
}
