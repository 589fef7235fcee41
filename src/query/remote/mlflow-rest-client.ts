/**
 * JSON calls to an MLflow tracking server's REST API. Network errors, timeouts, 429 and 5xx
 * are retried a few times with backoff; every failure names the server and the call, never
 * the credentials.
 */
import { isRetryableStatus, parseRetryAfter, retryDelayMs, type RetryPolicy } from "../../export/otlp/retry-policy.js";

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
// MLflow writes int64 fields as bare JSON integers; nanosecond times exceed 2^53, so they are
// quoted before parsing to stay exact (a structural key follows `{` or `,`; inside a JSON
// string every quote is escaped, so user text cannot match).
const NANO_KEYS = /([{,]\s*"(?:start_time_unix_nano|end_time_unix_nano|time_unix_nano|startTimeUnixNano|endTimeUnixNano|timeUnixNano)"\s*:\s*)(-?\d+)/g;

export class MlflowRestClient {
  private readonly closing = new AbortController();

  constructor(private readonly options: RestClientOptions) {}

  /** The server, for messages (without any user:password part). */
  get server(): string {
    const url = new URL(this.options.baseUrl.href);
    url.username = "";
    url.password = "";
    return url.href.replace(/\/$/, "");
  }

  /** Sends `body` as JSON (GET and DELETE: as query parameters); resolves with the JSON reply. */
  async call(method: Method, path: string, body: Json = {}): Promise<Json> {
    const url = new URL(path.replace(/^\//, ""), this.options.baseUrl);
    const init: RequestInit = { method, headers: { ...this.options.headers } };
    if (method === "GET" || method === "DELETE") {
      for (const [key, value] of Object.entries(body)) if (value !== undefined) url.searchParams.set(key, String(value));
    } else {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["Content-Type"] = "application/json";
    }
    const what = `${method} ${url.pathname}`;
    const { retry, timeoutMs } = this.options;
    for (let attempt = 1; ; attempt++) {
      let reason: string;
      let retryAfterMs: number | undefined;
      let status: number | undefined;
      try {
        const response = await fetch(url, { ...init, signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(timeoutMs)]) });
        const text = await response.text();
        if (response.ok) return this.parse(text, response, what);
        if (response.status === 401 || response.status === 403) {
          throw new MlflowServerError(
            `The MLflow tracking server at ${this.server} refused ${what} (HTTP ${response.status}): check MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD`,
            response.status,
          );
        }
        const reply = tryJson(text);
        const errorCode = typeof reply?.error_code === "string" ? reply.error_code : undefined;
        reason = `HTTP ${response.status}${describeReply(reply, text)}`;
        status = response.status;
        if (!isRetryableStatus(response.status)) {
          throw new MlflowServerError(`The MLflow tracking server at ${this.server} refused ${what}: ${reason}`, response.status, errorCode);
        }
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after") ?? undefined, Date.now());
      } catch (error) {
        if (error instanceof MlflowServerError) throw error;
        if (this.closing.signal.aborted) throw new MlflowServerError(`${what} to ${this.server} was cancelled: the store was closed`);
        reason = networkReason(error, timeoutMs);
      }
      const delayMs = retryDelayMs(attempt, retryAfterMs, retry);
      if (delayMs === undefined) {
        const failure = status === undefined ? `Cannot reach the MLflow tracking server at ${this.server}` : `The MLflow tracking server at ${this.server} kept failing`;
        throw new MlflowServerError(`${failure} (${what}, ${attempt} attempt(s)): ${reason}`, status);
      }
      await sleep(delayMs, this.closing.signal);
    }
  }

  get closed(): boolean {
    return this.closing.signal.aborted;
  }

  close(): void {
    this.closing.abort();
  }

  private parse(text: string, response: Response, what: string): Json {
    if (text.trim() === "") return {};
    const reply = tryJson(text.replace(NANO_KEYS, '$1"$2"'));
    if (reply === undefined) {
      const type = response.headers.get("content-type") ?? "no content type";
      throw new MlflowServerError(
        `The server at ${this.server} answered ${what} with something that is not MLflow's JSON (HTTP ${response.status}, ${type}): ${excerpt(text)}; is MLFLOW_TRACKING_URI the tracking server?`,
        response.status,
      );
    }
    return reply;
  }
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

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") return `no reply within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? (cause?.message ?? error.message) : String(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
