/**
 * Requests that survive transient failures: retried on network errors, timeouts, 429 and 5xx
 * with the waits of the retry policy, until it succeeds, fails for good, or the client is
 * closed. Keep-alive connections are reused per origin. The exporters POST; the
 * tracking-server store sends any method and reads whole replies.
 */
import type { Agent } from "node:http";
import { fetchRequest, prefersFetch } from "./fetch-post.js";
import { createAgent, httpRequest, type PostResponse } from "./http-post.js";
import { isRetryableStatus, parseRetryAfter, retryDelayMs, type RetryPolicy } from "./retry-policy.js";

/** A request that was given up on: its data is lost. */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  constructor(
    message: string,
    readonly attempts: number,
    readonly status?: number,
    /** What the last attempt ended with: the server's reply, or (as `cause`) the network error. */
    last: { response?: PostResponse; error?: unknown } = {},
  ) {
    super(message, last.error === undefined ? undefined : { cause: last.error });
    if (last.response !== undefined) this.lastResponse = last.response;
  }

  readonly lastResponse?: PostResponse;
}

/** One request for `RetryingHttpClient.request`: any method, the body optional. */
export interface ClientRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** How much of the reply body to keep (default: the start only; Infinity for all of it). */
  maxReplyBytes?: number;
}

/** The reply that ended the retrying, and how many attempts it took. */
export interface FinalResponse extends PostResponse {
  attempts: number;
}

export interface RetryNotice {
  url: URL;
  /** The attempt that failed (1 = the first). */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface RetryingClientOptions {
  policy: RetryPolicy;
  timeoutMs: number;
  onRetry?: (notice: RetryNotice) => void;
  random?: () => number;
}

const REPLY_EXCERPT_CHARS = 300;

export class RetryingHttpClient {
  private readonly agents = new Map<string, Agent>();
  private readonly closing = new AbortController();
  private readonly useFetch = prefersFetch();

  constructor(private readonly options: RetryingClientOptions) {}

  get closed(): boolean {
    return this.closing.signal.aborted;
  }

  /** Resolves with a 2xx reply; rejects with a DeliveryError once retrying is over. */
  async post(url: URL, headers: Record<string, string>, body: Uint8Array): Promise<PostResponse> {
    const response = await this.request({ method: "POST", url, headers, body });
    if (response.status >= 200 && response.status < 300) return response;
    throw new DeliveryError(`${url.href} refused the request: HTTP ${response.status}${describeReply(response.body)}`, response.attempts, response.status);
  }

  /**
   * Resolves with the first reply that is not retried: a 2xx, or a refusal such as 400 or
   * 401 (for the caller to explain). Rejects with a DeliveryError once retrying is over (its
   * `lastResponse` or `cause` says how the last attempt ended) or the client is closed.
   */
  async request(request: ClientRequest): Promise<FinalResponse> {
    const { policy, onRetry, random } = this.options;
    const url = request.url;
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new DeliveryError(`not sent to ${url.href}: the exporter was shut down`, attempt - 1);
      let reason: string;
      let retryAfterMs: number | undefined;
      let last: { response?: PostResponse; error?: unknown };
      try {
        const response = await this.exchange(request);
        if (!isRetryableStatus(response.status)) return Object.assign(response, { attempts: attempt });
        reason = `HTTP ${response.status}${describeReply(response.body)}`;
        const header = response.headers["retry-after"];
        retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header, Date.now());
        last = { response };
      } catch (error) {
        reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        last = { error };
      }
      const delayMs = retryDelayMs(attempt, retryAfterMs, policy, random);
      if (delayMs === undefined) {
        const why = retryAfterMs !== undefined && attempt < policy.maxAttempts ? ` (the server asked to wait ${retryAfterMs} ms)` : "";
        throw new DeliveryError(`gave up sending to ${url.href} after ${attempt} attempt(s)${why}: ${reason}`, attempt, last.response?.status, last);
      }
      onRetry?.({ url, attempt, delayMs, reason });
      await this.sleep(delayMs);
    }
  }

  /** One attempt. Bun, Deno and Workers send with their own `fetch`; Node with its `http` module and keep-alive agents. */
  private exchange(request: ClientRequest): Promise<PostResponse> {
    const { timeoutMs } = this.options;
    const signal = this.closing.signal;
    return this.useFetch ? fetchRequest({ ...request, timeoutMs, signal }) : httpRequest({ ...request, timeoutMs, agent: this.agentFor(request.url), signal });
  }

  /** Ends waits and requests in progress (they fail) and closes idle connections. */
  close(): void {
    this.closing.abort();
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private agentFor(url: URL): Agent {
    let agent = this.agents.get(url.origin);
    if (agent === undefined) {
      agent = createAgent(url);
      this.agents.set(url.origin, agent);
    }
    return agent;
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.closing.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      // Not unref'd: a retry in progress keeps the process alive so a final flush completes.
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}

function describeReply(body: Buffer): string {
  if (body.length === 0) return "";
  const text = body.toString("utf8", 0, Math.min(body.length, REPLY_EXCERPT_CHARS * 4));
  // A protobuf reply is binary; only a readable one helps the user.
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return "";
  return `: ${text.length > REPLY_EXCERPT_CHARS ? text.slice(0, REPLY_EXCERPT_CHARS) + "…" : text}`;
}
