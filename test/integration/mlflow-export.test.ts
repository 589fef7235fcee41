import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Diagnostics, type Diagnostic } from "../../src/config/diagnostics.js";
import { TracedUsageError } from "../../src/config/errors.js";
import { createMlflowExporter, type MlflowExporterOptions } from "../../src/export/mlflow/index.js";
import { Trace } from "../../src/model/trace.js";
import { decodeProtobufRequest } from "../support/otlp-decode.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { agentTrace } from "../support/sample-traces.js";

const FAST_RETRY = { maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20 };

let mlflow: FakeMlflowServer;
let diagnostics: Diagnostics;
let reports: Diagnostic[];

beforeEach(async () => {
  mlflow = await FakeMlflowServer.start();
  mlflow.experiments.add("42");
  diagnostics = new Diagnostics();
  reports = [];
  diagnostics.handler = (d) => reports.push(d);
});
afterEach(() => mlflow.close());

function exporter(options: MlflowExporterOptions = {}, env: NodeJS.ProcessEnv = {}) {
  return createMlflowExporter({ trackingUri: mlflow.uri, experimentId: "42", retry: FAST_RETRY, ...options }, env, diagnostics);
}

describe("MLflow tracking-server export", () => {
  it("sends spans over OTLP/protobuf, then the full trace info over REST, as MLflow's SDK does", async () => {
    const { trace, root, llm, tool } = agentTrace();
    const mlflowExporter = exporter();
    await mlflowExporter.export([trace]);

    expect(mlflow.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      "POST /v1/traces 200",
      "POST /api/3.0/mlflow/traces 200",
    ]);
    const [otlp, rest] = mlflow.calls;
    expect(otlp!.headers["content-type"]).toBe("application/x-protobuf");
    expect(otlp!.headers["x-mlflow-experiment-id"]).toBe("42");
    expect(otlp!.headers["content-encoding"]).toBeUndefined();
    const sent = decodeProtobufRequest(otlp!.body);
    expect(sent[0]!.resource).toEqual({});
    expect(sent[0]!.scope).toBeUndefined();
    expect(sent[0]!.attributes["mlflow.spanInputs"]!.kind).toBe("kvlistValue");
    expect(sent[1]!.attributes["mlflow.spanOutputs"]!.kind).toBe("arrayValue");
    expect(sent[0]!.attributes["mlflow.spanType"]).toEqual({ kind: "stringValue", value: "AGENT" });

    // What MLflow stores reads back exactly as traced's own JSON-text attributes.
    const stored = mlflow.traces.get(trace.traceId)!;
    expect(stored.spans.map((s) => s.spanId)).toEqual([root.spanId, llm.spanId, tool.spanId]);
    for (const span of [root, llm, tool]) {
      const back = stored.spans.find((s) => s.spanId === span.spanId)!;
      expect(back.parentSpanId).toBe(span.parentId ?? "");
      expect(back.startTimeUnixNano).toBe(span.startTimeNs);
      expect(back.endTimeUnixNano).toBe(span.endTimeNs);
      expect(Object.keys(back.attributes).sort()).toEqual(Object.keys(span.attributes).sort());
      for (const [key, text] of Object.entries(span.attributes)) expect(JSON.parse(back.attributes[key]!)).toEqual(JSON.parse(text));
    }
    // The trace id survives: the bare `tr-…` string, not a quoted one.
    expect(stored.spans[0]!.attributes["mlflow.traceRequestId"]).toBe(JSON.stringify(trace.traceId));

    // The info call came after every span was stored, and carries every field.
    expect(stored.spansAtInfoCall).toBe(3);
    expect(rest!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(rest!.body.toString("utf8"))).toEqual({
      trace: {
        trace_info: {
          trace_id: trace.traceId,
          trace_location: { type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: "42" } },
          request_time: "2024-10-27T03:33:20.123Z",
          execution_duration: "0.042s",
          state: "OK",
          request_preview: trace.info.requestPreview,
          response_preview: trace.info.responsePreview,
          trace_metadata: { "mlflow.trace_schema.version": "3", "mlflow.trace.user": "alice" },
          tags: { "mlflow.traceName": "agent", team: "search" },
        },
      },
    });
    expect(stored.info).toMatchObject({ state: "OK", request_preview: trace.info.requestPreview, response_preview: '"4"' });
    expect(mlflowExporter.stats).toMatchObject({ exportedSpans: 3, exportedTraces: 1, droppedSpans: 0, incompleteTraces: 0 });
    expect(reports).toEqual([]);
    await mlflowExporter.shutdown();
  });

  it("takes the server, experiment and token from MLflow's variables", async () => {
    const env = { MLFLOW_TRACKING_URI: mlflow.uri, MLFLOW_EXPERIMENT_ID: "42", MLFLOW_TRACKING_TOKEN: "s3cret" };
    const fromEnv = createMlflowExporter({ retry: FAST_RETRY }, env, diagnostics);
    expect(fromEnv.experimentId).toBe("42");
    await fromEnv.export([agentTrace().trace]);
    expect(mlflow.calls.map((c) => c.headers.authorization)).toEqual(["Bearer s3cret", "Bearer s3cret"]);
    expect(mlflow.calls[0]!.headers["x-mlflow-experiment-id"]).toBe("42");
    await fromEnv.shutdown();
  });

  it("logs a trace's assessments after its info, leaving the id to the server", async () => {
    const { trace } = agentTrace();
    const withFeedback = new Trace(
      {
        ...trace.info,
        assessments: [
          {
            assessmentId: "a-local",
            name: "relevance",
            traceId: trace.traceId,
            source: { sourceType: "HUMAN", sourceId: "alice" },
            createTimeMs: 1_730_000_001_000,
            lastUpdateTimeMs: 1_730_000_001_000,
            feedback: { value: "yes" },
          },
        ],
      },
      trace.spans,
    );
    const mlflowExporter = exporter();
    await mlflowExporter.export([withFeedback]);
    expect(mlflow.calls.map((c) => c.path)).toEqual(["/v1/traces", "/api/3.0/mlflow/traces", `/api/3.0/mlflow/traces/${trace.traceId}/assessments`]);
    const [assessment] = mlflow.traces.get(trace.traceId)!.assessments;
    expect(assessment).toMatchObject({ assessment_name: "relevance", trace_id: trace.traceId, feedback: { value: "yes" }, source: { source_type: "HUMAN", source_id: "alice" } });
    expect(JSON.parse(mlflow.calls[2]!.body.toString("utf8")).assessment.assessment_id).toBeUndefined();
    await mlflowExporter.shutdown();
  });

  it("retries a busy server on both endpoints", async () => {
    mlflow.failNext("/v1/traces", 503);
    mlflow.failNext("/api/3.0/mlflow/traces", 429);
    const mlflowExporter = exporter();
    const { trace } = agentTrace();
    await mlflowExporter.export([trace]);
    expect(mlflow.calls.map((c) => `${c.path} ${c.status}`)).toEqual([
      "/v1/traces 503",
      "/v1/traces 200",
      "/api/3.0/mlflow/traces 429",
      "/api/3.0/mlflow/traces 200",
    ]);
    expect(mlflow.traces.get(trace.traceId)!.info.tags).toEqual({ "mlflow.traceName": "agent", team: "search" });
    expect(mlflowExporter.stats).toMatchObject({ retries: 2, exportedTraces: 1, incompleteTraces: 0 });
    await mlflowExporter.shutdown();
  });

  it("drops the batch for an unknown experiment without retrying or calling REST, reporting once", async () => {
    const mlflowExporter = exporter({ experimentId: "999" });
    await expect(mlflowExporter.export([agentTrace().trace])).rejects.toThrow(/HTTP 422.*No experiment with id 999/);
    await expect(mlflowExporter.export([agentTrace().trace])).rejects.toThrow(/HTTP 422/);
    expect(mlflow.calls.map((c) => `${c.path} ${c.status}`)).toEqual(["/v1/traces 422", "/v1/traces 422"]);
    expect(mlflowExporter.stats).toMatchObject({ droppedSpans: 6, droppedTraces: 2, retries: 0 });
    expect(reports.map((r) => r.code)).toEqual(["mlflow-dropped:delivery-failed"]);
    await mlflowExporter.shutdown();
  });

  it("says that a server without the OTLP endpoint (404) is older than MLflow 3.4", async () => {
    mlflow.failNext("/v1/traces", 404);
    const mlflowExporter = exporter();
    await expect(mlflowExporter.export([agentTrace().trace])).rejects.toThrow(/POST \/v1\/traces answered 404\): traced sends spans over OTLP, which needs MLflow 3\.4 or newer/);
    expect(mlflow.calls.map((c) => `${c.path} ${c.status}`)).toEqual(["/v1/traces 404"]);
    expect(mlflowExporter.stats).toMatchObject({ droppedTraces: 1, retries: 0 });
    await mlflowExporter.shutdown();
  });

  it("keeps the spans when only the info call fails, and counts the trace as incomplete", async () => {
    mlflow.failNext("/api/3.0/mlflow/traces", 400);
    const mlflowExporter = exporter();
    const { trace } = agentTrace();
    await mlflowExporter.export([trace]);
    expect(mlflow.traces.get(trace.traceId)!.spans).toHaveLength(3);
    expect(mlflowExporter.stats).toMatchObject({ exportedSpans: 3, incompleteTraces: 1 });
    expect(reports.map((r) => r.code)).toEqual(["mlflow-trace-info-failed"]);
    await mlflowExporter.shutdown();
  });

  it("rejects options that cannot reach a tracking server", () => {
    expect(() => createMlflowExporter({}, {}, diagnostics)).toThrow(/MLFLOW_TRACKING_URI/);
    expect(() => createMlflowExporter({ trackingUri: "databricks" }, {}, diagnostics)).toThrow(TracedUsageError);
    expect(() => createMlflowExporter({ trackingUri: "file:///tmp/mlruns" }, {}, diagnostics)).toThrow(/not an MLflow tracking server URL/);
    expect(() => createMlflowExporter({ trackingUri: "http://x", experimentID: "1" } as never, {}, diagnostics)).toThrow(/unknown option "experimentID"/);
  });
});

describe("enable({ experimentId })", () => {
  it("traces started after it belong to that experiment, and an exporter without an experimentId option sends them there", async () => {
    const { enable, reset, setDestination, flushTraces, withSpan } = await import("../../src/index.js");
    reset();
    mlflow.experiments.add("123");
    setDestination(createMlflowExporter({ trackingUri: mlflow.uri, retry: FAST_RETRY }, {}, diagnostics));
    enable({ experimentId: "123" });
    await withSpan("in-123", async () => "ok");
    await flushTraces();
    const [stored] = [...mlflow.traces.values()];
    expect(stored!.info.experiment_id ?? (stored!.info as { trace_location?: { mlflow_experiment?: { experiment_id?: string } } }).trace_location?.mlflow_experiment?.experiment_id).toBe("123");
    expect(mlflow.calls.find((c) => c.path === "/v1/traces")!.headers["x-mlflow-experiment-id"]).toBe("123");
    expect(() => enable({ experimentId: "" })).toThrow(/enable: "experimentId" must be/);
    expect(() => enable({ samplingRatio: 1 } as never)).toThrow(/enable: unknown option "samplingRatio"/);
    reset();
  });
});
