/**
 * Traces with known numbers for summary tests: a root span (optionally ERROR) and, when a
 * model is given, an LLM child with token usage and cost, as traced records them.
 */
import { newOtelTraceId, newSpanId, TRACE_ID_PREFIX } from "../../src/model/ids.js";
import { Span } from "../../src/model/span.js";
import { Trace } from "../../src/model/trace.js";
import { type TraceInfo } from "../../src/model/trace-info.js";

export interface SummaryTraceSpec {
  startMs: number;
  durationMs: number;
  error?: boolean;
  rootName?: string;
  /** Adds an LLM span `chat` of this model. */
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  /** USD, on the LLM span and the trace. */
  cost?: number;
  tags?: Record<string, string>;
}

const json = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, JSON.stringify(v)]));

export function summaryTrace(spec: SummaryTraceSpec): Trace {
  const traceId = TRACE_ID_PREFIX + newOtelTraceId();
  const startNs = BigInt(spec.startMs) * 1_000_000n;
  const rootId = newSpanId();
  const spans = [
    new Span({
      traceId,
      spanId: rootId,
      parentId: null,
      name: spec.rootName ?? "agent",
      startTimeNs: startNs,
      endTimeNs: startNs + BigInt(spec.durationMs) * 1_000_000n,
      status: spec.error ? { code: "ERROR", message: "failed" } : { code: "OK", message: "" },
      attributes: json({ "mlflow.traceRequestId": traceId, "mlflow.spanType": "AGENT" }),
      events: [],
    }),
  ];
  const metadata: Record<string, string> = { "mlflow.trace_schema.version": "3" };
  if (spec.model !== undefined) {
    const usage = { input_tokens: spec.inputTokens ?? 0, output_tokens: spec.outputTokens ?? 0, total_tokens: (spec.inputTokens ?? 0) + (spec.outputTokens ?? 0) };
    const cost = spec.cost === undefined ? undefined : { input_cost: 0, output_cost: spec.cost, total_cost: spec.cost };
    spans.push(
      new Span({
        traceId,
        spanId: newSpanId(),
        parentId: rootId,
        name: "chat",
        startTimeNs: startNs,
        endTimeNs: startNs + BigInt(Math.max(0, spec.durationMs - 1)) * 1_000_000n,
        status: { code: "OK", message: "" },
        attributes: json({
          "mlflow.traceRequestId": traceId,
          "mlflow.spanType": "LLM",
          "mlflow.llm.model": spec.model,
          "mlflow.chat.tokenUsage": usage,
          ...(cost ? { "mlflow.llm.cost": cost } : {}),
        }),
        events: [],
      }),
    );
    metadata["mlflow.trace.tokenUsage"] = JSON.stringify(usage);
    if (cost) metadata["mlflow.trace.cost"] = JSON.stringify(cost);
  }
  const info: TraceInfo = {
    traceId,
    traceLocation: { type: "MLFLOW_EXPERIMENT", experimentId: "0" },
    requestTimeMs: spec.startMs,
    executionDurationMs: spec.durationMs,
    state: spec.error ? "ERROR" : "OK",
    requestPreview: "question",
    responsePreview: "answer",
    metadata,
    tags: { "mlflow.traceName": spec.rootName ?? "agent", ...spec.tags },
    assessments: [],
  };
  return new Trace(info, spans);
}

/** 2026-11-01T00:00:00Z: the seeded hours start here. */
export const T0 = Date.UTC(2026, 10, 1);
export const HOUR = 3_600_000;

/**
 * Six traces in three hours (none in the middle one), and one just before and one just after:
 * durations 5, 10, 15 (ERROR), 200 ms in hour 0; 8 and 12 ms in hour 2.
 */
export function seededTraces(): Trace[] {
  return [
    summaryTrace({ startMs: T0 - 1, durationMs: 50, model: "gpt-4o", inputTokens: 999, outputTokens: 999, cost: 9 }),
    summaryTrace({ startMs: T0 + 1_000, durationMs: 5, model: "gpt-4o", inputTokens: 100, outputTokens: 20, cost: 0.01, tags: { env: "dev" } }),
    summaryTrace({ startMs: T0 + 2_000, durationMs: 10, model: "gpt-4o", inputTokens: 100, outputTokens: 20, cost: 0.01 }),
    summaryTrace({ startMs: T0 + 3_000, durationMs: 15, error: true, model: "claude-sonnet-4", inputTokens: 50, outputTokens: 10, cost: 0.03 }),
    summaryTrace({ startMs: T0 + 4_000, durationMs: 200 }),
    summaryTrace({ startMs: T0 + 2 * HOUR + 1_000, durationMs: 8, model: "gpt-4o", inputTokens: 100, outputTokens: 20, cost: 0.02, tags: { env: "prod" } }),
    summaryTrace({ startMs: T0 + 2 * HOUR + 2_000, durationMs: 12, tags: { env: "prod" } }),
    summaryTrace({ startMs: T0 + 3 * HOUR, durationMs: 70, error: true }),
  ];
}
