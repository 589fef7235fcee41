import { config, diagnostics } from "../config/registry.js";
import { toUnixNs, nsToMs } from "../model/clock.js";
import { takeTraceIdOffset, traceIdPool, TRACE_ID_PREFIX } from "../model/ids.js";
import { isRemoteParent, type RemoteParent } from "../context/remote-parent.js";
import { TRACE_SCHEMA_VERSION, TraceMetadataKey, TraceTagKey } from "../model/keys.js";
import { SpanStatusCode, TraceState } from "../model/status.js";
import { Trace } from "../model/trace.js";
import { truncatePreview, type TraceInfo } from "../model/trace-info.js";
import { registry } from "../config/registry.js";
import { dedupeSpanNames } from "../processing/dedupe-names.js";
import { aggregateTokenUsage } from "../processing/token-usage.js";
import { addTraceCost, TRACE_COST_KEY } from "../processing/trace-cost.js";
import { type PendingTrace } from "../export/pipeline.js";
import { type Assessment } from "../model/assessment.js";
import { type RecordingSpan } from "./recording-span.js";
import { LATE_SPAN_WAIT_MS, openTraces, type OpenTrace } from "./open-traces.js";

const LATE_SPAN_WAIT_S = LATE_SPAN_WAIT_MS / 1000;
import { traceLifecycle } from "./trace-lifecycle.js";

/** Trace-level fields set through `updateCurrentTrace` and the client. */
export interface TraceUpdates {
  tags?: Record<string, string>;
  metadata?: Record<string, string>;
  requestPreview?: string;
  responsePreview?: string;
  clientRequestId?: string;
  state?: TraceState;
}

/** A trace while its spans are recorded; becomes a model `Trace` only when exported. */
export class TraceBuffer implements PendingTrace, OpenTrace {
  /** Where this trace's 16 random id bytes are, until the id is first read. */
  private readonly idBytes: Buffer | undefined;
  private readonly idOffset: number;
  private idHex: string | undefined;
  /** The span in another process that this part of the trace continues, if any. */
  readonly remoteParentId: string | undefined;
  /** In start order; created with the root so a one-span trace holds an array of exactly one. */
  spans!: RecordingSpan[];
  readonly experimentId = config.experimentId;
  updates: TraceUpdates | undefined;
  /** Feedback and expectations logged while the trace is open; exported with it. */
  assessments: Assessment[] | undefined;
  /** The root span has ended. */
  finished = false;
  /** Spans started and not yet ended: the trace goes to export when the root has ended and this is 0. */
  private openSpans = 0;
  /** Handed to the export queue (once). */
  private handedOver = false;
  /** Built into its exported form: a span ending after this is not part of what was exported. */
  private built = false;
  /** Started through the low-level client, which keeps it in a map by id until it ends. */
  openedByClient = false;
  /** Links in the list of open traces (see open-traces.ts). */
  olderOpen: OpenTrace | undefined = undefined;
  newerOpen: OpenTrace | undefined = undefined;
  closedEarly = false;

  /** A new trace, or the local part of one continued from another process. */
  constructor(remote?: RemoteParent) {
    if (remote === undefined) {
      this.idBytes = traceIdPool();
      this.idOffset = takeTraceIdOffset();
    } else {
      this.idOffset = 0;
      this.idHex = remote.otelTraceId;
    }
    this.remoteParentId = remote?.spanId;
  }

  /** The 32 hex digits; `traceId` adds MLflow's prefix (kept apart so this stays one flat string). */
  get otelTraceId(): string {
    return (this.idHex ??= this.idBytes!.toString("hex", this.idOffset, this.idOffset + 16));
  }

  /** The trace for a span started under `store` without a local parent. */
  static startUnder(store: object | undefined): TraceBuffer {
    return new TraceBuffer(isRemoteParent(store) ? store : undefined);
  }

  get traceId(): string {
    return TRACE_ID_PREFIX + this.otelTraceId;
  }

  add(span: RecordingSpan): void {
    this.openSpans++;
    if (this.spans === undefined) {
      this.spans = [span];
      openTraces.opened(this);
      return;
    }
    if (this.built) diagnostics.reportOnce("span-after-trace-end", `Span "${span.name}" started after its trace ${this.traceId} was exported; it will not be exported`);
    this.spans.push(span);
  }

  get root(): RecordingSpan {
    return this.spans[0]!;
  }

  /**
   * A span that ends after its root (a thenable's traced `then` run by `await`, work the root
   * started and did not await) belongs to the trace: when the root ends with spans still
   * open, the trace waits for them (bounded, see open-traces.ts) and then goes to export.
   */
  spanEnded(span: RecordingSpan): void {
    this.openSpans--;
    if (span === this.spans[0]) {
      this.finished = true;
      traceLifecycle.rootEnded(this);
      // A trace dropped while open, or already exported at exit, is not exported (again).
      if (this.closedEarly) return;
      openTraces.closed(this);
      if (this.openSpans === 0) this.handOver();
      else openTraces.waitForLateSpans(this);
    } else if (this.finished && this.openSpans === 0 && !this.handedOver && !this.closedEarly) {
      openTraces.lateSpansEnded(this);
      this.handOver();
    } else if (this.built) {
      diagnostics.reportOnce("span-ended-after-trace", `Span "${span.name}" ended after its trace ${this.traceId} was exported, so the export shows it unfinished; end it before its root, or within ${LATE_SPAN_WAIT_S} s after`);
    }
  }

  /** To the export queue, once (also for a trace that stopped waiting for late spans). */
  handOver(): void {
    if (this.handedOver) return;
    this.handedOver = true;
    traceLifecycle.traceFinished(this);
  }

  /** Names of the spans not yet ended (for a report when the trace stops waiting for them). */
  openSpanNames(): string[] {
    return this.spans.filter((s) => !s.isEnded).map((s) => s.name);
  }

  /** Removes a tag set on the open trace (by a tag change or updateCurrentTrace); false when it has none with that key. */
  removeTag(key: string): boolean {
    const tags = this.updates?.tags;
    if (tags === undefined || !Object.hasOwn(tags, key)) return false;
    delete tags[key];
    return true;
  }

  update(updates: TraceUpdates): void {
    const current = (this.updates ??= {});
    if (updates.tags) current.tags = { ...current.tags, ...updates.tags };
    if (updates.metadata) current.metadata = { ...current.metadata, ...updates.metadata };
    for (const key of ["requestPreview", "responsePreview", "clientRequestId", "state"] as const) {
      if (updates[key] !== undefined) (current as Record<string, unknown>)[key] = updates[key];
    }
  }

  toTrace(): Trace {
    this.built = true;
    const traceId = this.traceId;
    const names = this.spans.map((span) => span.name);
    const finalNames = config.dedupeSpanNames ? dedupeSpanNames(names) : names;
    const spans = this.spans.map((span, i) => span.toSpan(finalNames[i]!, traceId));
    return new Trace(this.info(spans, traceId), spans);
  }

  private info(spans: ReturnType<RecordingSpan["toSpan"]>[], traceId: string): TraceInfo {
    const root = this.root;
    const updates = this.updates ?? {};
    const startNs = toUnixNs(registry.clock, root.startTime);
    const metadata: Record<string, string> = { [TraceMetadataKey.SCHEMA_VERSION]: TRACE_SCHEMA_VERSION };
    const usage = aggregateTokenUsage(spans);
    if (usage) metadata[TraceMetadataKey.TOKEN_USAGE] = JSON.stringify(usage);
    const cost = usage ? addTraceCost(spans) : undefined;
    if (cost) metadata[TRACE_COST_KEY] = JSON.stringify(cost);
    Object.assign(metadata, updates.metadata);
    const state =
      updates.state ??
      (!root.isEnded ? TraceState.IN_PROGRESS : root.statusCode === SpanStatusCode.ERROR ? TraceState.ERROR : TraceState.OK);
    return {
      traceId,
      traceLocation: { type: "MLFLOW_EXPERIMENT", experimentId: this.experimentId },
      requestTimeMs: nsToMs(startNs),
      executionDurationMs: root.isEnded ? Math.round(root.endTime - root.startTime) : null,
      state,
      requestPreview: updates.requestPreview ?? truncatePreview(root.inputsJson ?? ""),
      responsePreview: updates.responsePreview ?? truncatePreview(root.outputsJson ?? ""),
      ...(updates.clientRequestId !== undefined ? { clientRequestId: updates.clientRequestId } : {}),
      metadata,
      tags: { [TraceTagKey.TRACE_NAME]: root.name, ...updates.tags },
      assessments: this.assessments ? [...this.assessments] : [],
    };
  }
}
