import "../polyfill/dispose-symbols.js";
import { config, diagnostics, registry } from "../config/registry.js";
import { monotonicNow, toUnixNs } from "../model/clock.js";
import { formatSpanId, randomWord } from "../model/ids.js";
import { EventAttributeKey, SpanAttributeKey, SpanEventName } from "../model/keys.js";
import { type EndSpanOptions, type LiveSpan } from "../model/live-span.js";
import { Span, type EventAttributeValue, type SpanEvent } from "../model/span.js";
import { SpanStatusCode } from "../model/status.js";
import { serialize } from "../processing/serialize.js";
import { runProcessors, spanProcessors } from "../processing/span-processor.js";
import { type TokenUsage } from "../model/token-usage.js";
import { describeError } from "./describe-error.js";
import { validateTokenUsage } from "./token-usage.js";
import { type TraceBuffer } from "./trace-buffer.js";

interface RecordedEvent {
  readonly name: string;
  /** performance.now() time; converted to Unix ns on export. */
  readonly time: number;
  readonly attributes: Readonly<Record<string, EventAttributeValue>>;
}

/**
 * A stream chunk's event: one small object until export (a stream may yield thousands). A
 * chunk that is an object is captured as JSON at once, like any input; a string or other
 * primitive cannot change, so it is written as JSON only when the event is read.
 */
class ChunkEvent implements RecordedEvent {
  private readonly json: string | undefined;
  private readonly primitive: unknown;

  constructor(
    private readonly index: number,
    readonly time: number,
    value: unknown,
  ) {
    if (typeof value === "object" && value !== null) this.json = serialize(value, config);
    else this.primitive = value;
  }

  get name(): string {
    return SpanEventName.CHUNK_PREFIX + this.index;
  }

  get attributes(): Record<string, EventAttributeValue> {
    return { [EventAttributeKey.CHUNK_VALUE]: this.json ?? serialize(this.primitive, config) };
  }
}

function parse(text: string | undefined): unknown {
  return text === undefined ? undefined : JSON.parse(text);
}

/**
 * The span being recorded. Kept small: it is what a finished span costs in memory until
 * export (ids as two numbers, times as one float each, captured values as JSON text).
 */
export class RecordingSpan implements LiveSpan {
  private readonly idHigh = randomWord();
  private readonly idLow = randomWord();
  private formattedId: string | undefined;
  readonly startTime = monotonicNow();
  endTime = -1;
  statusCode: SpanStatusCode = SpanStatusCode.UNSET;
  statusMessage = "";
  inputsJson: string | undefined;
  outputsJson: string | undefined;
  /** JSON text by key; may be a site's shared static object until the first own write. */
  private attributeJson: Record<string, string> | undefined;
  private ownsAttributes = false;
  private events: RecordedEvent[] | undefined;
  /** Set by `enterSpan`: this span was made active with enterWith and must be skipped once ended. */
  entered = false;
  /** Work moved from the span's end to its export: see `deferToExport`. */
  private deferred: (() => void) | undefined;

  constructor(
    readonly trace: TraceBuffer,
    readonly parent: RecordingSpan | undefined,
    public name: string,
    public spanType: string,
    staticAttributes: Record<string, string> | undefined,
  ) {
    this.attributeJson = staticAttributes;
    trace.add(this);
    if (spanProcessors.length !== 0) runProcessors("onStart", this);
  }

  get isRecording(): boolean {
    return true;
  }

  get spanId(): string {
    return (this.formattedId ??= formatSpanId(this.idHigh, this.idLow));
  }

  get traceId(): string {
    return this.trace.traceId;
  }

  get parentId(): string | null {
    return this.parent === undefined ? (this.trace.remoteParentId ?? null) : this.parent.spanId;
  }

  get isEnded(): boolean {
    return this.endTime >= 0;
  }

  get inputs(): unknown {
    return parse(this.inputsJson);
  }

  get outputs(): unknown {
    this.runDeferred();
    return parse(this.outputsJson);
  }

  getAttribute(key: string): unknown {
    return parse(this.attributeJson?.[key]);
  }

  private writable(what: string): boolean {
    if (this.endTime < 0) return true;
    diagnostics.reportOnce("span-changed-after-end", `Ignored ${what} on span "${this.name}": the span has already ended`);
    return false;
  }

  setInputs(inputs: unknown): this {
    if (this.writable("setInputs")) this.inputsJson = serialize(inputs, config);
    return this;
  }

  setOutputs(outputs: unknown): this {
    if (this.writable("setOutputs")) this.outputsJson = serialize(outputs, config);
    return this;
  }

  /** Stores already-serialized JSON text (the capture path serializes once). */
  setOutputsJson(json: string): void {
    this.outputsJson = json;
  }

  /**
   * Moves work from the span's end to its export, off the traced call's path: building the
   * outputs of a stream, translating a foreign span's attributes. Only for work whose result
   * cannot change by waiting (it reads values nothing changes any more). It runs once, before
   * anyone looks at the finished span — a span processor's onEnd, a read of `outputs`, the
   * export — and may write to the span as its end would have.
   */
  deferToExport(work: () => void): void {
    if (!this.writable("deferToExport")) return;
    const earlier = this.deferred;
    this.deferred =
      earlier === undefined
        ? work
        : () => {
            earlier();
            work();
          };
  }

  private runDeferred(): void {
    const work = this.deferred;
    if (work === undefined) return;
    this.deferred = undefined;
    // Ended spans refuse writes; the deferred work is part of the end.
    const endTime = this.endTime;
    this.endTime = -1;
    try {
      work();
    } catch (error) {
      diagnostics.reportOnce("span-deferred-end-failed", `Span "${this.name}": work deferred from its end to its export failed; it was exported as it was`, error);
    } finally {
      this.endTime = endTime;
    }
  }

  setAttribute(key: string, value: unknown): this {
    if (!this.writable("setAttribute")) return this;
    if (!this.ownsAttributes) {
      this.attributeJson = { ...this.attributeJson };
      this.ownsAttributes = true;
    }
    this.attributeJson![key] = serialize(value, config);
    return this;
  }

  /** Keys of the attributes set so far (static ones included). */
  attributeKeys(): string[] {
    return this.attributeJson === undefined ? [] : Object.keys(this.attributeJson);
  }

  /** Rewrites every event's attributes (for redaction, while the span is still open). */
  redactEvents(rewrite: (attributes: Record<string, EventAttributeValue>) => unknown): void {
    if (this.events === undefined || !this.writable("redactEvents")) return;
    this.events = this.events.map((event) => ({ name: event.name, time: event.time, attributes: rewrite({ ...event.attributes }) as Record<string, EventAttributeValue> }));
  }

  setAttributes(attributes: Record<string, unknown>): this {
    for (const key of Object.keys(attributes)) this.setAttribute(key, attributes[key]);
    return this;
  }

  setSpanType(spanType: string): this {
    if (this.writable("setSpanType")) this.spanType = String(spanType);
    return this;
  }

  setStatus(code: SpanStatusCode, message = ""): this {
    if (this.writable("setStatus")) {
      this.statusCode = code;
      this.statusMessage = message;
    }
    return this;
  }

  addEvent(name: string, attributes: Record<string, EventAttributeValue> = {}, timeUnixMs?: number): this {
    if (!this.writable("addEvent")) return this;
    const time = timeUnixMs === undefined ? monotonicNow() : registry.clock.perfMs + (timeUnixMs - Number(registry.clock.unixNs / 1_000_000n));
    (this.events ??= []).push({ name, time, attributes });
    return this;
  }

  /** The `index`th chunk of a stream, as MLflow records it: an event holding the chunk's JSON. */
  addChunkEvent(index: number, value: unknown): void {
    if (this.writable("addEvent")) (this.events ??= []).push(new ChunkEvent(index, monotonicNow(), value));
  }

  setTokenUsage(usage: Partial<TokenUsage> & Pick<TokenUsage, "input_tokens" | "output_tokens">): this {
    return this.setAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE, validateTokenUsage(usage, `setTokenUsage on span "${this.name}"`));
  }

  recordException(error: unknown): this {
    const { type, message, stack } = describeError(error);
    this.addEvent(SpanEventName.EXCEPTION, {
      [EventAttributeKey.EXCEPTION_TYPE]: type,
      [EventAttributeKey.EXCEPTION_MESSAGE]: message,
      [EventAttributeKey.EXCEPTION_STACKTRACE]: stack,
      [EventAttributeKey.EXCEPTION_ESCAPED]: "False",
    });
    return this.setStatus(SpanStatusCode.ERROR, `${type}: ${message}`);
  }

  end(options?: EndSpanOptions): void {
    if (!this.writable("end")) return;
    if (options !== undefined) {
      if (options.outputs !== undefined) this.setOutputs(options.outputs);
      if (options.attributes !== undefined) this.setAttributes(options.attributes);
      if (options.status !== undefined) this.setStatus(options.status, options.statusMessage);
    }
    this.finish();
  }

  /** Ends the span: processors see it while it is still writable, then it is sealed. */
  finish(): void {
    if (this.endTime >= 0) return;
    if (this.statusCode === SpanStatusCode.UNSET) this.statusCode = SpanStatusCode.OK;
    if (spanProcessors.length !== 0) {
      // Processors see (and may rewrite) the span as it will be exported.
      this.runDeferred();
      runProcessors("onEnd", this);
    }
    this.endTime = monotonicNow();
    this.trace.spanEnded(this);
  }

  [Symbol.dispose](): void {
    if (this.endTime < 0) this.finish();
  }

  /** The finished-span model object; built at export time, off the traced call's path. */
  toSpan(name: string, traceId = this.trace.traceId): Span {
    this.runDeferred();
    const clock = registry.clock;
    const attributes: Record<string, string> = {
      [SpanAttributeKey.TRACE_ID]: JSON.stringify(traceId),
      [SpanAttributeKey.SPAN_TYPE]: JSON.stringify(this.spanType),
    };
    if (this.inputsJson !== undefined) attributes[SpanAttributeKey.INPUTS] = this.inputsJson;
    if (this.outputsJson !== undefined) attributes[SpanAttributeKey.OUTPUTS] = this.outputsJson;
    if (this.attributeJson !== undefined) Object.assign(attributes, this.attributeJson);
    const events: SpanEvent[] = (this.events ?? []).map((event) => ({
      name: event.name,
      timeUnixNano: toUnixNs(clock, event.time),
      attributes: event.attributes,
    }));
    return new Span({
      traceId,
      spanId: this.spanId,
      parentId: this.parentId,
      name,
      startTimeNs: toUnixNs(clock, this.startTime),
      endTimeNs: this.endTime < 0 ? null : toUnixNs(clock, this.endTime),
      status: { code: this.statusCode, message: this.statusMessage },
      attributes,
      events,
    });
  }
}

/**
 * Spans are recognised by a registered symbol, not `instanceof`: a span made by another
 * copy of traced (the ESM and the CommonJS build loaded together) is still a span here.
 */
const SPAN_BRAND = Symbol.for("traced.recordingSpan");
Object.defineProperty(RecordingSpan.prototype, SPAN_BRAND, { value: true });

export function isRecordingSpan(value: unknown): value is RecordingSpan {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[SPAN_BRAND] === true;
}
