/** Finished traces built directly from the model, shaped as traced records them. */
import { newOtelTraceId, newSpanId, TRACE_ID_PREFIX } from "../../src/model/ids.js";
import { Span, type SpanEvent } from "../../src/model/span.js";
import { Trace } from "../../src/model/trace.js";
import { type TraceInfo } from "../../src/model/trace-info.js";

export const START_NS = 1_730_000_000_123_456_789n;

/** Attribute values as traced stores them: JSON text. */
function jsonAttributes(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, JSON.stringify(value)]));
}

export interface SampleTrace {
  trace: Trace;
  root: Span;
  llm: Span;
  tool: Span;
}

/** An agent root with an LLM child (token usage, a stream chunk event) and a failing tool child. */
export function agentTrace(options: { experimentId?: string } = {}): SampleTrace {
  const traceId = TRACE_ID_PREFIX + newOtelTraceId();
  const rootId = newSpanId();
  const common = { traceId, events: [] as SpanEvent[] };
  const root = new Span({
    ...common,
    spanId: rootId,
    parentId: null,
    name: "agent",
    startTimeNs: START_NS,
    endTimeNs: START_NS + 42_000_000n,
    status: { code: "OK", message: "" },
    attributes: jsonAttributes({
      "mlflow.traceRequestId": traceId,
      "mlflow.spanType": "AGENT",
      "mlflow.spanInputs": { question: "What is 2+2?", options: { temperature: 0.2, retries: 3 } },
      "mlflow.spanOutputs": "4",
      "mlflow.spanFunctionName": "runAgent",
    }),
  });
  const llm = new Span({
    traceId,
    spanId: newSpanId(),
    parentId: rootId,
    name: "chat",
    startTimeNs: START_NS + 1_000_000n,
    endTimeNs: START_NS + 30_000_000n,
    status: { code: "OK", message: "" },
    attributes: jsonAttributes({
      "mlflow.traceRequestId": traceId,
      "mlflow.spanType": "CHAT_MODEL",
      "mlflow.spanInputs": { messages: [{ role: "user", content: "What is 2+2?" }] },
      "mlflow.spanOutputs": [{ role: "assistant", content: "4" }],
      "mlflow.chat.tokenUsage": { input_tokens: 12, output_tokens: 1, total_tokens: 13 },
      "gen_ai.request.temperature": 0.2,
      "custom.flag": true,
      "custom.nothing": null,
    }),
    events: [{ name: "mlflow.chunk.item.0", timeUnixNano: START_NS + 20_000_000n, attributes: { "mlflow.chunk.value": '"4"' } }],
  });
  const tool = new Span({
    traceId,
    spanId: newSpanId(),
    parentId: rootId,
    name: "calculator",
    startTimeNs: START_NS + 31_000_000n,
    endTimeNs: START_NS + 40_000_000n,
    status: { code: "ERROR", message: "RangeError: overflow" },
    attributes: jsonAttributes({ "mlflow.traceRequestId": traceId, "mlflow.spanType": "TOOL", "mlflow.spanInputs": { a: 2, b: 2 } }),
    events: [
      {
        name: "exception",
        timeUnixNano: START_NS + 39_000_000n,
        attributes: { "exception.type": "RangeError", "exception.message": "overflow", "exception.stacktrace": "RangeError: overflow\n    at add", "exception.escaped": "False" },
      },
    ],
  });
  const info: TraceInfo = {
    traceId,
    traceLocation: { type: "MLFLOW_EXPERIMENT", experimentId: options.experimentId ?? "0" },
    requestTimeMs: Number(START_NS / 1_000_000n),
    executionDurationMs: 42,
    state: "OK",
    requestPreview: '{"question":"What is 2+2?","options":{"temperature":0.2,"retries":3}}',
    responsePreview: '"4"',
    metadata: { "mlflow.trace_schema.version": "3", "mlflow.trace.user": "alice" },
    tags: { "mlflow.traceName": "agent", team: "search" },
    assessments: [],
  };
  return { trace: new Trace(info, [root, llm, tool]), root, llm, tool };
}

/** A one-span trace, for volume tests. */
export function smallTrace(index = 0): Trace {
  const traceId = TRACE_ID_PREFIX + newOtelTraceId();
  const span = new Span({
    traceId,
    spanId: newSpanId(),
    parentId: null,
    name: `step-${index}`,
    startTimeNs: START_NS,
    endTimeNs: START_NS + 1_000n,
    status: { code: "OK", message: "" },
    attributes: jsonAttributes({ "mlflow.spanType": "CHAIN", "mlflow.spanInputs": { index }, "mlflow.spanOutputs": index }),
    events: [],
  });
  const info: TraceInfo = {
    traceId,
    traceLocation: { type: "MLFLOW_EXPERIMENT", experimentId: "0" },
    requestTimeMs: Number(START_NS / 1_000_000n),
    executionDurationMs: 0,
    state: "OK",
    metadata: { "mlflow.trace_schema.version": "3" },
    tags: {},
    assessments: [],
  };
  return new Trace(info, [span]);
}
