/**
 * fetchPost, the HTTP client of the OTLP and MLflow exporters outside Node (Bun, Deno,
 * Workers), run here on Node's own fetch against a local server: the request as sent, the
 * reply's status, headers and the start of its body, the timeout, and the client closing.
 */
import { once } from "node:events";
import http from "node:http";
import { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPost, prefersFetch } from "../../src/export/otlp/fetch-post.js";
import { MAX_REPLY_BYTES, RequestTimeoutError } from "../../src/export/otlp/http-post.js";

let server: http.Server;
let origin: string;
const received: { method: string; headers: http.IncomingHttpHeaders; body: Buffer }[] = [];

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ method: req.method ?? "", headers: req.headers, body: Buffer.concat(chunks) });
    if (req.url === "/slow") return; // never answers
    if (req.url === "/big") return res.writeHead(200).end(Buffer.alloc(MAX_REPLY_BYTES * 3, 0x61));
    res.writeHead(429, { "Retry-After": "3", "Content-Type": "text/plain" }).end("slow down");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

describe("fetchPost", () => {
  it("posts the body with the headers and returns the status, lower-cased headers and body", async () => {
    const body = new Uint8Array([1, 2, 3]);
    const reply = await fetchPost({ url: new URL(`${origin}/v1/traces`), headers: { "Content-Type": "application/x-protobuf", "X-Extra": "yes" }, body, timeoutMs: 5_000 });
    expect(reply.status).toBe(429);
    expect(reply.headers["retry-after"]).toBe("3");
    expect(reply.body.toString("utf8")).toBe("slow down");
    const last = received.at(-1)!;
    expect(last.method).toBe("POST");
    expect(last.headers["content-type"]).toBe("application/x-protobuf");
    expect(last.headers["x-extra"]).toBe("yes");
    expect([...last.body]).toEqual([1, 2, 3]);
  });

  it("keeps only the start of a large reply", async () => {
    const reply = await fetchPost({ url: new URL(`${origin}/big`), headers: {}, body: new Uint8Array(0), timeoutMs: 5_000 });
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(MAX_REPLY_BYTES);
  });

  it("fails with a RequestTimeoutError when no reply comes within the timeout", async () => {
    const error = await fetchPost({ url: new URL(`${origin}/slow`), headers: {}, body: new Uint8Array(0), timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toBe("no reply within 50 ms");
  });

  it("fails with the closing reason when the client is closed mid-request", async () => {
    const closing = new AbortController();
    const pending = fetchPost({ url: new URL(`${origin}/slow`), headers: {}, body: new Uint8Array(0), timeoutMs: 60_000, signal: closing.signal });
    closing.abort(new Error("the exporter was shut down"));
    await expect(pending).rejects.toThrow("the exporter was shut down");
  });

  it("is not what Node itself uses: Node keeps its http client and keep-alive agents", () => {
    expect(prefersFetch()).toBe(false);
  });
});
