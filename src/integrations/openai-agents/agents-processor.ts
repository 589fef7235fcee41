/**
 * A TracingProcessor for the OpenAI Agents SDK: each SDK trace becomes one traced trace —
 * or, when a traced span is active where the agent run starts, a subtree under it — and each
 * SDK span a traced span under its SDK parent, opened when the SDK starts it and ended when
 * the SDK ends it. Whatever fails here is reported once and never reaches the agent run.
 */
import { getCurrentSpan, type Span as AgentsSpan, type Trace as AgentsTrace, type TracingProcessor } from "@openai/agents";
import { openBlockSpan } from "../../capture/block-spans.js";
import { isRecordingSpan, type RecordingSpan } from "../../capture/recording-span.js";
import { config, diagnostics } from "../../config/registry.js";
import { EventAttributeKey, SpanEventName } from "../../model/keys.js";
import { SpanType } from "../../model/span-type.js";
import { SpanStatusCode } from "../../model/status.js";
import { serialize } from "../../processing/serialize.js";
import { registerFrameworkRecordedCheck } from "../llm/framework-recorded.js";
import { AgentsAttributeKey, isModelSpan, replyText, spanEnd, spanStart } from "./span-mapping.js";
import { installToolContext } from "./tool-context.js";

/** One SDK trace being recorded: its root span and its SDK spans still open, by SDK span id. */
interface OpenAgentsTrace {
  readonly root: RecordingSpan;
  readonly spans: Map<string, RecordingSpan>;
  /** Set once the first model span gave the run's input (shown as the root's inputs). */
  hasInputs: boolean;
}

/** SDK ids of the model spans recorded now, by any processor: `traced/openai` leaves those calls to them. */
const recordedModelSpans = new Set<string>();
registerFrameworkRecordedCheck(() => recordedModelSpans.size !== 0 && recordedModelSpans.has(getCurrentSpan()?.spanId ?? ""));

/** The processor recording each SDK trace now open, by SDK trace id: the tool context asks it for a tool call's span. */
const traceOwners = new Map<string, TracedAgentsProcessor>();
const ownersToolSpan = (span: AgentsSpan<any>) => traceOwners.get(span.traceId)?.toolSpan(span);

function guarded(what: string, fn: () => void): Promise<void> {
  try {
    fn();
  } catch (error) {
    diagnostics.reportOnce(`openai-agents-${what}-failed`, `traced's OpenAI Agents processor failed in ${what}; the agent run is unaffected, its trace may be incomplete`, error);
  }
  return Promise.resolve();
}

/** How many SDK traces closed early (a failed run) are remembered, so that later spans of one reopen it. */
const CLOSED_EARLY_LIMIT = 1000;

export class TracedAgentsProcessor implements TracingProcessor {
  private readonly traces = new Map<string, OpenAgentsTrace>();
  /** SDK traces closed when a run in them failed, by id, with their name: the SDK may go on using one (a caught error in `withTrace`). */
  private readonly closedEarly = new Map<string, string>();

  /**
   * @param isActive - checked at each trace start: autolog({ disable: true }) turns its processor off.
   * @param onShutdown - the SDK shuts processors down when `setTraceProcessors` replaces them.
   */
  constructor(
    private readonly isActive: () => boolean = () => true,
    private readonly onShutdown: () => void = () => {},
  ) {
    installToolContext(ownersToolSpan);
  }

  onTraceStart(trace: AgentsTrace): Promise<void> {
    return guarded("onTraceStart", () => {
      if (!this.isActive()) return;
      const open = this.open(trace.traceId, trace.name);
      if (open === undefined) return;
      if (trace.groupId) open.root.setAttribute(AgentsAttributeKey.GROUP_ID, trace.groupId);
      if (trace.metadata !== undefined && Object.keys(trace.metadata).length !== 0) open.root.setAttribute(AgentsAttributeKey.METADATA, trace.metadata);
    });
  }

  /** Opens a trace's root under the traced span active where the run started, if any. */
  private open(traceId: string, name: string | undefined): OpenAgentsTrace | undefined {
    const root = openBlockSpan({ name: name || "Agent workflow", spanType: SpanType.CHAIN });
    if (!isRecordingSpan(root)) return undefined;
    const open: OpenAgentsTrace = { root, spans: new Map(), hasInputs: false };
    this.traces.set(traceId, open);
    traceOwners.set(traceId, this);
    return open;
  }

  onSpanStart(span: AgentsSpan<any>): Promise<void> {
    return guarded("onSpanStart", () => {
      // A tool call's span may be open already: the tool context opened it when the SDK made it current.
      if (this.traces.get(span.traceId)?.spans.has(span.spanId) !== true) this.openSpan(span);
    });
  }

  /** @internal Traced's span for an SDK function span, opened now if the SDK has not started it yet. */
  toolSpan(span: AgentsSpan<any>): RecordingSpan | undefined {
    const open = this.traces.get(span.traceId)?.spans.get(span.spanId);
    // An SDK span already ended (made current again by a later scope) is not reopened.
    return open ?? (span.endedAt === null ? this.openSpan(span) : undefined);
  }

  private openSpan(span: AgentsSpan<any>): RecordingSpan | undefined {
    let open = this.traces.get(span.traceId);
    if (open === undefined) {
      // The SDK trace goes on after a failed run was closed: its next part is a trace of its own.
      const name = this.closedEarly.get(span.traceId);
      if (name === undefined || !this.isActive()) return undefined;
      this.closedEarly.delete(span.traceId);
      open = this.open(span.traceId, name);
      if (open === undefined) return undefined;
    }
    const parent = (span.parentId === null ? undefined : open.spans.get(span.parentId)) ?? open.root;
    const { name, spanType } = spanStart(span.spanData);
    const recorded = openBlockSpan({ name, spanType, parent });
    if (!isRecordingSpan(recorded)) return undefined;
    open.spans.set(span.spanId, recorded);
    if (isModelSpan(span.spanData)) recordedModelSpans.add(span.spanId);
    return recorded;
  }

  onSpanEnd(span: AgentsSpan<any>): Promise<void> {
    return guarded("onSpanEnd", () => {
      recordedModelSpans.delete(span.spanId);
      const open = this.traces.get(span.traceId);
      const recorded = open?.spans.get(span.spanId);
      if (open === undefined || recorded === undefined) return;
      open.spans.delete(span.spanId);
      try {
        this.record(open, recorded, span);
      } finally {
        recorded.finish();
      }
      // A run that throws leaves its SDK trace unended (the SDK ends traces only on success):
      // once its failed top-level span has ended and nothing else is open, the trace is over.
      if (span.parentId === null && span.error !== null && open.spans.size === 0) {
        open.root.setStatus(SpanStatusCode.ERROR, recorded.statusMessage);
        this.close(span.traceId, open);
        if (this.closedEarly.size >= CLOSED_EARLY_LIMIT) this.closedEarly.delete(this.closedEarly.keys().next().value!);
        this.closedEarly.set(span.traceId, open.root.name);
      }
    });
  }

  onTraceEnd(trace: AgentsTrace): Promise<void> {
    return guarded("onTraceEnd", () => {
      this.closedEarly.delete(trace.traceId);
      const open = this.traces.get(trace.traceId);
      if (open !== undefined) this.close(trace.traceId, open);
    });
  }

  private close(traceId: string, open: OpenAgentsTrace): void {
    this.traces.delete(traceId);
    if (traceOwners.get(traceId) === this) traceOwners.delete(traceId);
    // Spans the SDK never ended close with their trace, innermost first.
    for (const [id, span] of [...open.spans].reverse()) {
      recordedModelSpans.delete(id);
      span.finish();
    }
    open.root.finish();
  }

  shutdown(): Promise<void> {
    return guarded("shutdown", this.onShutdown);
  }

  /** Traces are handed to traced's export queue as they end; flushing it is `flushTraces()`'s job. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  private record(open: OpenAgentsTrace, recorded: RecordingSpan, span: AgentsSpan<any>): void {
    const end = spanEnd(span.spanData);
    if (end.inputs !== undefined) recorded.setInputs(end.inputs);
    if (end.outputs !== undefined) recorded.setOutputs(end.outputs);
    recorded.setAttributes(end.attributes);
    if (isModelSpan(span.spanData)) this.showOnRoot(open, end.inputs, end.outputs);
    const error = span.error;
    if (error !== null && error !== undefined) {
      const message = typeof error.message === "string" ? error.message : String(error.message);
      const detail = error.data === undefined ? "" : serialize(error.data, config);
      recorded.addEvent(SpanEventName.EXCEPTION, {
        [EventAttributeKey.EXCEPTION_TYPE]: "AgentsSpanError",
        [EventAttributeKey.EXCEPTION_MESSAGE]: detail === "" ? message : `${message} ${detail}`,
        [EventAttributeKey.EXCEPTION_STACKTRACE]: "",
        [EventAttributeKey.EXCEPTION_ESCAPED]: "False",
      });
      recorded.setStatus(SpanStatusCode.ERROR, message);
    }
  }

  /** The root (the whole run) shows the first model call's input and the latest model reply's text, for the trace's previews. */
  private showOnRoot(open: OpenAgentsTrace, inputs: unknown, outputs: unknown): void {
    const request = inputs as { input?: unknown; messages?: unknown } | undefined;
    if (!open.hasInputs && request !== undefined) {
      open.root.setInputs(request.input ?? request.messages);
      open.hasInputs = true;
    }
    const reply = replyText(outputs);
    if (reply !== undefined) open.root.setOutputs(reply);
  }
}
