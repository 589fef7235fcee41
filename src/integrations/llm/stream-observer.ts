/**
 * A streamed LLM response, observed as the app reads it: each chunk goes to the adapter's
 * assembler, and the call's span ends exactly once — when the stream completes, fails,
 * is aborted, or the app stops reading early. The app still drives the SDK's own iterator;
 * this only sits between, returning every step's result unchanged.
 */
import { diagnostics } from "../../config/registry.js";
import { LlmAttributeKey, type LlmCall, type LlmResult } from "./llm-call.js";

/** Turns a provider's chunks into the response the non-streamed call would have returned. */
export interface StreamAssembler<Chunk> {
  add(chunk: Chunk): void;
  /** The result from the chunks so far: the final response once the stream has completed. */
  result(): LlmResult;
}

/** The error recorded for an aborted call: the abort's reason, or an AbortError naming it. */
export function abortError(signal: AbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  const error = new Error("The request was aborted");
  error.name = "AbortError";
  return error;
}

/** How the observer learns of an abort: its own listener on the signal, or the caller's (which calls `aborted()`). */
export type AbortWatch = "listen" | "caller";

class ObservedStream<T> implements AsyncIterableIterator<T> {
  private assemblyFailed = false;
  /** Steps in flight: an abort during one surfaces through it (as its error, or a quiet end). */
  private pending = 0;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly inner: AsyncIterator<T>,
    private readonly call: LlmCall,
    private readonly assembler: StreamAssembler<T>,
    private readonly signal: AbortSignal | undefined,
    watch: AbortWatch,
  ) {
    if (signal !== undefined && watch === "listen") {
      this.onAbort = () => this.aborted();
      signal.addEventListener("abort", this.onAbort, { once: true });
    }
  }

  /** An abort while no step is in flight (a stream never read, or paused) ends the span now. */
  aborted(): void {
    if (this.pending === 0 && this.signal !== undefined) this.end("abort", abortError(this.signal));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  // The hot path (once per chunk): no closure, no argument array, one reaction on the SDK's promise.
  next(value?: unknown): Promise<IteratorResult<T>> {
    let pending: Promise<IteratorResult<T>>;
    try {
      pending = this.inner.next(value as undefined);
    } catch (error) {
      this.end("error", error);
      throw error;
    }
    this.pending++;
    return (typeof pending?.then === "function" ? pending : Promise.resolve(pending)).then(this.onStep, this.onError);
  }

  return(value?: unknown): Promise<IteratorResult<T>> {
    // Ended first: the SDK's own clean-up aborts its request, which is not the app's abort.
    this.end("stopped");
    if (this.inner.return === undefined) return Promise.resolve({ done: true, value } as IteratorResult<T>);
    return Promise.resolve(this.inner.return(value));
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    if (this.inner.throw === undefined) {
      this.end("stopped");
      return Promise.reject(error);
    }
    return this.step(() => this.inner.throw!(error));
  }

  private readonly onStep = (result: IteratorResult<T>): IteratorResult<T> => {
    this.pending--;
    if (result.done) this.end("complete");
    else if (!this.call.ended) this.add(result.value);
    return result;
  };

  private readonly onError = (error: unknown): never => {
    this.pending--;
    this.end("error", error);
    throw error;
  };

  private step(advance: () => Promise<IteratorResult<T>>): Promise<IteratorResult<T>> {
    let pending: Promise<IteratorResult<T>>;
    try {
      pending = advance();
    } catch (error) {
      this.end("error", error);
      throw error;
    }
    this.pending++;
    return Promise.resolve(pending).then(this.onStep, this.onError);
  }

  private add(chunk: T): void {
    this.call.chunk(chunk);
    if (this.assemblyFailed) return;
    try {
      this.assembler.add(chunk);
    } catch (error) {
      this.assemblyFailed = true;
      diagnostics.reportOnce("llm-stream-assembly-failed", `A chunk of a ${this.call.span.name} stream had a shape traced does not know; the stream's output was not recorded`, error);
    }
  }

  private partial(): LlmResult | undefined {
    if (this.assemblyFailed) return undefined;
    try {
      return this.assembler.result();
    } catch (error) {
      diagnostics.reportOnce("llm-stream-assembly-failed", `Assembling the ${this.call.span.name} stream's output failed; it was not recorded`, error);
      return undefined;
    }
  }

  private end(how: "complete" | "stopped" | "abort" | "error", error?: unknown): void {
    if (this.call.ended) return;
    if (this.onAbort !== undefined) this.signal!.removeEventListener("abort", this.onAbort);
    // An SDK may end an aborted stream quietly; the span still says it was aborted.
    if (how === "complete" && this.signal?.aborted === true) {
      how = "abort";
      error = abortError(this.signal);
    }
    const result = this.partial();
    if (how === "abort" || how === "error") {
      this.call.fail(error, result);
    } else if (how === "stopped") {
      this.call.succeed({ ...(result ?? { outputs: undefined }), attributes: { ...result?.attributes, [LlmAttributeKey.STREAM_STOPPED_EARLY]: true } });
    } else {
      this.call.succeed(result ?? { outputs: undefined });
    }
  }
}

/** An SDK stream's iterator, observed. */
export type ObservedIterator<T> = AsyncIterableIterator<T> & { aborted(): void };

/**
 * Wraps an SDK stream's async iterator so that `call` sees every chunk and ends with the stream.
 * `watch: "caller"` when the caller already listens to `signal` and calls `aborted()` itself.
 */
export function observeStream<T>(iterator: AsyncIterator<T>, call: LlmCall, assembler: StreamAssembler<T>, signal?: AbortSignal, watch: AbortWatch = "listen"): ObservedIterator<T> {
  return new ObservedStream(iterator, call, assembler, signal, watch);
}
