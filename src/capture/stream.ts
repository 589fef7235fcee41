/**
 * Generators and async generators: one span covers the whole stream. It opens when
 * iteration starts, every step runs inside it (so spans made by the generator's body nest
 * under it), each yielded item becomes a chunk event, and it ends exactly once — on
 * completion, on a throw, or when the consumer stops early (`break`, `return()`, `throw()`).
 */
import "../polyfill/dispose-symbols.js";
import { config, diagnostics } from "../config/registry.js";
import { isCapturing } from "../processing/capture-guard.js";
import { contextBridge } from "../context/context-bridge.js";
import { contextStorage } from "../context/storage.js";
import { NOT_SAMPLED } from "../context/not-sampled.js";
import { resolveParent } from "./active.js";
import { captureInputs, captureOutputs, type CallSite } from "./call-site.js";
import { type RecordingSpan } from "./recording-span.js";
import { startsRecordedTrace } from "./sampling.js";
import { failSpan, openSpan } from "./traced-call.js";

type AnyIterator = Iterator<unknown, unknown, unknown> | AsyncIterator<unknown, unknown, unknown>;
type Method = "next" | "return" | "throw";

export function isGeneratorObject(value: object): value is Generator | AsyncGenerator {
  const candidate = value as Partial<Generator>;
  return (
    typeof candidate.next === "function" &&
    typeof candidate.throw === "function" &&
    typeof candidate.return === "function" &&
    (Symbol.asyncIterator in value || Symbol.iterator in value)
  );
}

/** Collects the chunks of one stream and ends its span once. */
class StreamRecorder {
  private readonly chunks: unknown[] = [];

  constructor(
    readonly span: RecordingSpan,
    private readonly site: CallSite,
  ) {}

  chunk(value: unknown): void {
    if (this.span.isEnded) return;
    const index = this.chunks.length;
    this.chunks.push(value);
    this.span.addChunkEvent(index, value);
  }

  complete(): void {
    if (this.span.isEnded) return;
    let output: unknown = this.chunks;
    const reducer = this.site.outputReducer;
    if (reducer !== undefined) {
      try {
        output = reducer(this.chunks);
      } catch (error) {
        diagnostics.reportOnce("output-reducer-failed", `The outputReducer of "${this.site.name}" threw; the raw chunks were recorded instead`, error);
      }
    }
    this.span.outputsJson = captureOutputs(this.site, output);
    this.span.finish();
  }

  fail(error: unknown): void {
    if (!this.span.isEnded) failSpan(this.span, error);
  }
}

function step(iterator: AnyIterator, method: Method, argument: unknown): unknown {
  return (iterator[method] as (value: unknown) => unknown).call(iterator, argument);
}

/** State shared by the sync and async wrappers: when and where the span opens. */
abstract class TracedStream {
  protected store: object | undefined;
  protected recorder: StreamRecorder | undefined;

  constructor(
    protected readonly inner: AnyIterator,
    private readonly site: CallSite,
    private readonly parentStore: object | undefined,
    private readonly inputsJson: string | undefined,
    openedSpan: RecordingSpan | undefined,
  ) {
    if (openedSpan !== undefined) this.attach(openedSpan);
  }

  private attach(span: RecordingSpan): void {
    this.store = span;
    this.recorder = new StreamRecorder(span, this.site);
  }

  /** Opens the span on the first `next()`; `return()`/`throw()` before that open nothing. */
  protected begin(method: Method): boolean {
    if (this.store !== undefined) return true;
    if (method !== "next") return false;
    const parent = resolveParent(this.parentStore);
    if (this.parentStore === NOT_SAMPLED || (parent === undefined && !startsRecordedTrace(this.parentStore))) {
      this.store = NOT_SAMPLED;
    } else {
      this.attach(openSpan(this.site, parent, this.inputsJson, this.parentStore));
    }
    return true;
  }

  protected settled(result: IteratorResult<unknown, unknown>): void {
    if (this.recorder === undefined) return;
    if (result.done) this.recorder.complete();
    else this.recorder.chunk(result.value);
  }
}

export class TracedGenerator extends TracedStream implements Generator<unknown, unknown, unknown> {
  next(value?: unknown): IteratorResult<unknown, unknown> {
    return this.run("next", value);
  }
  return(value?: unknown): IteratorResult<unknown, unknown> {
    return this.run("return", value);
  }
  throw(error?: unknown): IteratorResult<unknown, unknown> {
    return this.run("throw", error);
  }
  [Symbol.iterator](): this {
    return this;
  }
  [Symbol.dispose](): void {
    this.return(undefined);
  }

  private run(method: Method, argument: unknown): IteratorResult<unknown, unknown> {
    if (!this.begin(method)) return step(this.inner, method, argument) as IteratorResult<unknown, unknown>;
    let result: IteratorResult<unknown, unknown>;
    try {
      // With the OpenTelemetry bridge installed, each step runs inside the span's OTel context too.
      const bridge = contextBridge.current;
      result = (bridge === undefined ? contextStorage.run(this.store!, step, this.inner, method, argument) : bridge.run(this.store!, step, this.inner, method, argument)) as IteratorResult<unknown, unknown>;
    } catch (error) {
      this.recorder?.fail(error);
      throw error;
    }
    this.settled(result);
    return result;
  }
}

export class TracedAsyncGenerator extends TracedStream implements AsyncGenerator<unknown, unknown, unknown> {
  next(value?: unknown): Promise<IteratorResult<unknown, unknown>> {
    return this.run("next", value);
  }
  return(value?: unknown): Promise<IteratorResult<unknown, unknown>> {
    return this.run("return", value);
  }
  throw(error?: unknown): Promise<IteratorResult<unknown, unknown>> {
    return this.run("throw", error);
  }
  [Symbol.asyncIterator](): this {
    return this;
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.return(undefined);
  }

  // Bound once per stream: each step settles through `then` (cheaper than an async function).
  private readonly onStep = (result: IteratorResult<unknown, unknown>): IteratorResult<unknown, unknown> => {
    this.settled(result);
    return result;
  };
  private readonly onStepError = (error: unknown): never => {
    this.recorder?.fail(error);
    throw error;
  };

  private run(method: Method, argument: unknown): Promise<IteratorResult<unknown, unknown>> {
    let pending: unknown;
    try {
      if (!this.begin(method)) return Promise.resolve(step(this.inner, method, argument) as IteratorResult<unknown, unknown>);
      const bridge = contextBridge.current;
      pending = bridge === undefined ? contextStorage.run(this.store!, step, this.inner, method, argument) : bridge.run(this.store!, step, this.inner, method, argument);
    } catch (error) {
      this.recorder?.fail(error);
      return Promise.reject(error as Error);
    }
    return Promise.resolve(pending as IteratorResult<unknown, unknown>).then(this.onStep, this.onStepError);
  }
}

function streamClass(iterator: object): typeof TracedGenerator | typeof TracedAsyncGenerator {
  return Symbol.asyncIterator in iterator ? TracedAsyncGenerator : TracedGenerator;
}

/** Wraps a generator object returned by a call whose span is already open. */
export function wrapStream(iterator: Generator | AsyncGenerator, site: CallSite, span: RecordingSpan): Generator | AsyncGenerator {
  const Wrapper = streamClass(iterator);
  return new Wrapper(iterator as never, site, undefined, undefined, span);
}

/**
 * Traces a generator object just made by a call with `args`: its span opens when iteration
 * starts, under the context active now. Untraced when tracing is off or the trace unsampled.
 */
export function traceGenerator<G extends Generator | AsyncGenerator>(site: CallSite, args: ArrayLike<unknown>, iterator: G): G {
  if (!config.enabled || isCapturing()) return iterator;
  const store = contextStorage.getStore();
  if (store === NOT_SAMPLED) return iterator;
  return deferredStream(iterator, site, store, captureInputs(site, args)) as G;
}

/** Wraps a generator object whose span opens when iteration starts, under `parentStore`. */
function deferredStream(iterator: Generator | AsyncGenerator, site: CallSite, parentStore: object | undefined, inputsJson: string | undefined): Generator | AsyncGenerator {
  const Wrapper = streamClass(iterator);
  // Called when the generator function is called: the OpenTelemetry bridge (if installed)
  // resolves the parent against the OTel context of that moment, as traced's own is.
  const bridge = contextBridge.current;
  return new Wrapper(iterator as never, site, bridge === undefined ? parentStore : bridge.parentStore(parentStore), inputsJson, undefined);
}
