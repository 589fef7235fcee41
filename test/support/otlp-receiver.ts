/**
 * A local OTLP/HTTP traces receiver for tests, on 127.0.0.1 and a free port. It checks the
 * method, path, content type and required headers as a collector (or MLflow) would,
 * gunzips, decodes with the OTLP definitions, records every request, and can be told to
 * answer with an error status (and Retry-After), slowly, or never.
 */
import { once } from "node:events";
import http from "node:http";
import { type AddressInfo, type Socket } from "node:net";
import { gunzipSync } from "node:zlib";
import { encodeExportTraceServiceResponse } from "./otlp-wire.js";
import { decodeJsonRequest, decodeProtobufRequest, type DecodedSpan } from "./otlp-decode.js";

export type Reply =
  | { kind: "ok" }
  | { kind: "status"; status: number; retryAfter?: string; body?: string }
  | { kind: "slow"; delayMs: number }
  | { kind: "hang" }
  | { kind: "partial"; rejectedSpans: number; errorMessage: string };

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The status the receiver answered (undefined while hanging). */
  status: number | undefined;
  /** Decoded spans when the body was accepted. */
  spans: DecodedSpan[];
  rawBytes: number;
  error?: string;
}

export interface ReceiverOptions {
  path?: string;
  /** `application/x-protobuf` (exact), `application/json`, or both. */
  accept?: "protobuf" | "json" | "both";
  /** Header names that must be present (lower case); missing → 422, as MLflow answers. */
  requiredHeaders?: string[];
  /** Reply bodies as MLflow sends them: JSON labelled protobuf. */
  mlflowStyleReply?: boolean;
}

export class OtlpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly replies: Reply[] = [];
  private defaultReply: Reply = { kind: "ok" };
  private readonly sockets = new Set<Socket>();
  private readonly waiters: Array<() => void> = [];

  private constructor(
    private readonly server: http.Server,
    private readonly options: Required<ReceiverOptions>,
  ) {
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  static async start(options: ReceiverOptions = {}): Promise<OtlpReceiver> {
    const server = http.createServer();
    const receiver = new OtlpReceiver(server, {
      path: options.path ?? "/v1/traces",
      accept: options.accept ?? "protobuf",
      requiredHeaders: options.requiredHeaders ?? [],
      mlflowStyleReply: options.mlflowStyleReply ?? false,
    });
    server.on("request", (req, res) => void receiver.handle(req, res));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return receiver;
  }

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get url(): string {
    return this.origin + this.options.path;
  }

  /** The next requests get these replies, in order; later ones get the default. */
  reply(...replies: Reply[]): void {
    this.replies.push(...replies);
  }

  setDefaultReply(reply: Reply): void {
    this.defaultReply = reply;
  }

  /** Spans of every accepted request, in arrival order. */
  get spans(): DecodedSpan[] {
    return this.requests.filter((r) => r.status === 200).flatMap((r) => r.spans);
  }

  /** Resolves once `predicate` holds for what has arrived. */
  async waitFor(predicate: (receiver: OtlpReceiver) => boolean): Promise<void> {
    while (!predicate(this)) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    await once(this.server, "close");
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const record: ReceivedRequest = { path: req.url ?? "", headers: req.headers, status: undefined, spans: [], rawBytes: raw.length };
    this.requests.push(record);
    const refuse = (status: number, error: string) => {
      record.status = status;
      record.error = error;
      res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify({ detail: error }));
      this.notify();
    };

    if (req.method !== "POST" || record.path !== this.options.path) return refuse(404, `no route for ${req.method} ${record.path}`);
    const missing = this.options.requiredHeaders.find((name) => req.headers[name] === undefined);
    if (missing) return refuse(422, `missing header ${missing}`);
    const contentType = req.headers["content-type"];
    const protobuf = contentType === "application/x-protobuf" && this.options.accept !== "json";
    const json = contentType === "application/json" && this.options.accept !== "protobuf";
    if (!protobuf && !json) return refuse(400, `Invalid Content-Type: ${contentType}`);

    let body = raw;
    const encoding = req.headers["content-encoding"];
    if (encoding === "gzip") body = gunzipSync(raw);
    else if (encoding !== undefined && encoding !== "identity") return refuse(415, `unsupported Content-Encoding ${encoding}`);
    try {
      record.spans = protobuf ? decodeProtobufRequest(body) : decodeJsonRequest(body.toString("utf8"));
    } catch (error) {
      return refuse(400, (error as Error).message);
    }
    if (record.spans.length === 0) return refuse(400, "no spans found");

    const reply = this.replies.shift() ?? this.defaultReply;
    if (reply.kind === "hang") return this.notify();
    if (reply.kind === "slow") await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.kind === "status") {
      record.status = reply.status;
      const headers: http.OutgoingHttpHeaders = { "Content-Type": "text/plain" };
      if (reply.retryAfter !== undefined) headers["Retry-After"] = reply.retryAfter;
      res.writeHead(reply.status, headers).end(reply.body ?? "");
      return this.notify();
    }
    const partialSuccess = reply.kind === "partial" ? { rejectedSpans: reply.rejectedSpans, errorMessage: reply.errorMessage } : undefined;
    record.status = 200;
    if (this.options.mlflowStyleReply) {
      res.writeHead(200, { "Content-Type": "application/x-protobuf" }).end(JSON.stringify({ partialSuccess: partialSuccess ?? null }));
    } else if (protobuf) {
      res.writeHead(200, { "Content-Type": "application/x-protobuf" }).end(encodeExportTraceServiceResponse(partialSuccess));
    } else {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(partialSuccess ? { partialSuccess } : {}));
    }
    this.notify();
  }

  private notify(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/** A URL on 127.0.0.1 where nothing listens (a port just released). */
export async function deadEndpoint(): Promise<string> {
  const server = http.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, "close");
  return `http://127.0.0.1:${port}/v1/traces`;
}
