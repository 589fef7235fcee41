/**
 * JSON calls to an MLflow tracking server's REST API, over the exporters' HTTP client (Node's
 * `http` with keep-alive connections, the runtime's `fetch` elsewhere) and its retries:
 * network errors, timeouts, 429 and 5xx are retried a few times with backoff. Every failure
 * names the server and the call, never the credentials.
 */
import { RequestTimeoutError, type PostResponse } from "../../export/otlp/http-post.js";
import { DeliveryError, RetryingHttpClient } from "../../export/otlp/retrying-client.js";
import { type RetryPolicy } from "../../export/otlp/retry-policy.js";
import { quoteNanos } from "./quote-nanos.js";

/** A call the server refused or could not answer. */
export class MlflowServerError extends Error {
  override name = "MlflowServerError";

  constructor(
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
    /** MLflow's `error_code`, e.g. RESOURCE_DOES_NOT_EXIST. */
    readonly errorCode?: string,
  ) {
    super(message);
  }
}

export const STORE_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 4,
  initialBackoffMs: 200,
  maxBackoffMs: 2000,
  maxRetryAfterMs: 10_000,
});

export interface RestClientOptions {
  baseUrl: URL;
  headers: Record<string, string>;
  timeoutMs: number;
  retry: RetryPolicy;
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";
type Json = Record<string, unknown>;

const EXCERPT_CHARS = 200;

export class MlflowRestClient {
  private readonly http: RetryingHttpClient;
  private readonly jsonHeaders: Record<string, string>;
  /** The server, for messages (without any user:password part). */
  readonly server: string;

  private readonly baseUrl: URL;
  private readonly headers: Record<string, string>;

  constructor(options: RestClientOptions) {
    this.http = new RetryingHttpClient({ policy: options.retry, timeoutMs: options.timeoutMs });
    // A user:password@ URI is basic auth, sent as a header on every runtime (fetch refuses such URLs).
    const base = new URL(options.baseUrl.href);
    const userInfo = base.username || base.password ? `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}` : undefined;
    base.username = "";
    base.password = "";
    this.baseUrl = base;
    const explicit = Object.keys(options.headers).some((name) => name.toLowerCase() === "authorization");
    this.headers = userInfo && !explicit ? { Authorization: `Basic ${Buffer.from(userInfo).toString("base64")}`, ...options.headers } : options.headers;
    this.jsonHeaders = { ...this.headers, "Content-Type": "application/json" };
    this.server = base.href.replace(/\/$/, "");
  }

  /** Sends `body` as JSON (GET and DELETE: as query parameters); resolves with the JSON reply. */
  async call(method: Method, path: string, body: Json = {}): Promise<Json> {
    const url = new URL(path.replace(/^\//, ""), this.baseUrl);
    let headers = this.headers;
    let payload: Uint8Array | undefined;
    if (method === "GET" || method === "DELETE") {
      // A list is a repeated parameter (`trace_ids=a&trace_ids=b`), as MLflow reads repeated fields.
      for (const [key, value] of Object.entries(body)) {
        if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
        else if (value !== undefined) url.searchParams.set(key, String(value));
      }
    } else {
      payload = Buffer.from(JSON.stringify(body));
      headers = this.jsonHeaders;
    }
    const what = `${method} ${url.pathname}`;
    const cancelled = () => new MlflowServerError(`${what} to ${this.server} was cancelled: the store was closed`);
    if (this.closed) throw cancelled();
    let response: PostResponse;
    try {
      // Whole replies: a trace's spans can run to megabytes.
      response = await this.http.request({ method, url, headers, ...(payload ? { body: payload } : {}), maxReplyBytes: Infinity });
    } catch (error) {
      if (this.closed) throw cancelled();
      if (!(error instanceof DeliveryError)) throw error;
      const last = error.lastResponse;
      if (last === undefined) {
        throw new MlflowServerError(`Cannot reach the MLflow tracking server at ${this.server} (${what}, ${error.attempts} attempt(s)): ${networkReason(error.cause)}`);
      }
      const text = last.body.toString("utf8");
      throw new MlflowServerError(`The MLflow tracking server at ${this.server} kept failing (${what}, ${error.attempts} attempt(s)): HTTP ${last.status}${describeReply(tryJson(text), text)}`, last.status);
    }
    const text = response.body.toString("utf8");
    if (response.status >= 200 && response.status < 300) return this.parse(text, response, what);
    if (response.status === 401 || response.status === 403) {
      throw new MlflowServerError(
        `The MLflow tracking server at ${this.server} refused ${what} (HTTP ${response.status}): check MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD`,
        response.status,
      );
    }
    const reply = tryJson(text);
    const errorCode = typeof reply?.error_code === "string" ? reply.error_code : undefined;
    throw new MlflowServerError(`The MLflow tracking server at ${this.server} refused ${what}: HTTP ${response.status}${redirectHint(response, url)}${describeReply(reply, text)}`, response.status, errorCode);
  }

  get closed(): boolean {
    return this.http.closed;
  }

  close(): void {
    this.http.close();
  }

  private parse(text: string, response: PostResponse, what: string): Json {
    if (text.trim() === "") return {};
    // Nanosecond times, bare integers beyond 2^53, read exactly.
    const reply = tryJson(quoteNanos(text));
    if (reply === undefined) {
      const type = headerText(response.headers["content-type"]) ?? "no content type";
      throw new MlflowServerError(
        `The server at ${this.server} answered ${what} with something that is not MLflow's JSON (HTTP ${response.status}, ${type}): ${excerpt(text)}; is MLFLOW_TRACKING_URI the tracking server?`,
        response.status,
      );
    }
    return reply;
  }
}

/** Redirects are not followed (credentials would go along): say where the server points instead. */
function redirectHint(response: PostResponse, url: URL): string {
  const location = headerText(response.headers.location);
  if (response.status < 300 || response.status >= 400 || !location) return "";
  let target: URL;
  try {
    target = new URL(location, url);
  } catch {
    return "";
  }
  target.username = "";
  target.password = "";
  return ` (a redirect to ${target.href}: set the tracking URI to the server's own address)`;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

function tryJson(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function describeReply(reply: Json | undefined, text: string): string {
  if (reply && typeof reply.message === "string") return `: ${typeof reply.error_code === "string" ? reply.error_code + ": " : ""}${reply.message}`;
  return text.trim() ? `: ${excerpt(text)}` : "";
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > EXCERPT_CHARS ? flat.slice(0, EXCERPT_CHARS) + "…" : flat);
}

/** Why a request got no reply: the system's error code (ECONNREFUSED, ENOTFOUND…) where there is one. */
function networkReason(error: unknown): string {
  if (error instanceof RequestTimeoutError) return error.message;
  const own = error as { code?: unknown } | undefined;
  if (typeof own?.code === "string") return own.code;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? (cause?.message ?? error.message) : String(error);
}
