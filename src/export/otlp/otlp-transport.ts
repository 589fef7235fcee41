/**
 * Sends encoded OTLP export requests to one traces endpoint: content type, extra headers,
 * optional gzip, retries; and reads what the reply says about rejected spans.
 */
import { promisify } from "node:util";
import { gzip, gzipSync } from "node:zlib";
import { postAllSync, type SyncRequest } from "./post-sync.js";
import { readPartialSuccess, type PartialSuccess } from "./otlp-response.js";
import { type RetryingHttpClient } from "./retrying-client.js";
import { type OtlpProtocol, type TransportSettings } from "./otlp-settings.js";

const gzipAsync = promisify(gzip);

export const CONTENT_TYPES: Record<OtlpProtocol, string> = {
  // Exactly this: MLflow's server refuses anything else, even with "; charset=...".
  "http/protobuf": "application/x-protobuf",
  "http/json": "application/json",
};

export class OtlpTransport {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly settings: TransportSettings,
    protocol: OtlpProtocol,
    private readonly client: RetryingHttpClient,
  ) {
    this.headers = {
      ...settings.headers,
      "Content-Type": CONTENT_TYPES[protocol],
      ...(settings.compression === "gzip" ? { "Content-Encoding": "gzip" } : {}),
    };
  }

  get url(): URL {
    return this.settings.url;
  }

  /** Resolves when the endpoint accepted the request, with any partial success it reported. */
  async send(body: Uint8Array, extraHeaders?: Record<string, string>): Promise<PartialSuccess | undefined> {
    // Compressed on the thread pool, once for all attempts.
    const payload = this.settings.compression === "gzip" ? await gzipAsync(body) : body;
    const response = await this.client.post(this.settings.url, extraHeaders === undefined ? this.headers : { ...this.headers, ...extraHeaders }, payload);
    return readPartialSuccess(response.body);
  }

  /** The request `send` would make, for the blocking sender at exit (no retries there). */
  syncRequest(body: Uint8Array, extraHeaders?: Record<string, string>): SyncRequest {
    const payload = this.settings.compression === "gzip" ? gzipSync(body) : body;
    return { url: this.settings.url, headers: extraHeaders === undefined ? this.headers : { ...this.headers, ...extraHeaders }, body: payload, required: true };
  }

  /** Sends one request and blocks until the endpoint accepts it, at most `budgetMs` (throws otherwise). */
  sendSync(body: Uint8Array, budgetMs: number): void {
    const [failure] = postAllSync([this.syncRequest(body)], this.settings.timeoutMs, budgetMs);
    if (failure) throw new Error(`POST ${this.settings.url.href}: ${failure.message}`);
  }
}
