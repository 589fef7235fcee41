import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { createOtlpExporter } from "../../src/export/otlp/index.js";
import { otelTraceIdOf } from "../../src/model/ids.js";
import { type DecodedSpan } from "../support/otlp-decode.js";
import { OtlpReceiver } from "../support/otlp-receiver.js";
import { agentTrace, START_NS } from "../support/sample-traces.js";

let receiver: OtlpReceiver;
let diagnostics: Diagnostics;

beforeEach(async () => {
  diagnostics = new Diagnostics();
  diagnostics.handler = () => {};
});
afterEach(async () => {
  await receiver?.close();
});

function byName(spans: DecodedSpan[], name: string): DecodedSpan {
  const span = spans.find((s) => s.name === name);
  if (!span) throw new Error(`no span ${name}`);
  return span;
}

describe.each(["http/protobuf", "http/json"] as const)("OTLP export (%s)", (protocol) => {
  it("sends every span with MLflow's conventions, field by field", async () => {
    receiver = await OtlpReceiver.start({ accept: protocol === "http/json" ? "json" : "protobuf" });
    const exporter = createOtlpExporter({ endpoint: receiver.url, protocol, headers: { authorization: "Bearer t0k" } }, {}, diagnostics);
    const { trace, root, llm, tool } = agentTrace();
    await exporter.export([trace]);

    expect(receiver.requests).toHaveLength(1);
    const request = receiver.requests[0]!;
    expect(request.headers["content-type"]).toBe(protocol === "http/json" ? "application/json" : "application/x-protobuf");
    expect(request.headers.authorization).toBe("Bearer t0k");
    const spans = request.spans;
    expect(spans.map((s) => s.name)).toEqual(["agent", "chat", "calculator"]);

    const otelTraceId = otelTraceIdOf(trace.traceId);
    const agent = byName(spans, "agent");
    expect(agent.traceId).toBe(otelTraceId);
    expect(agent.spanId).toBe(root.spanId);
    expect(agent.parentSpanId).toBe("");
    expect(agent.kind).toBe(1); // SPAN_KIND_INTERNAL
    expect(agent.startTimeUnixNano).toBe(START_NS);
    expect(agent.endTimeUnixNano).toBe(START_NS + 42_000_000n);
    expect(agent.status).toEqual({ code: 1, message: "" });
    expect(agent.attributes["mlflow.spanType"]).toEqual({ kind: "stringValue", value: "AGENT" });
    expect(agent.attributes["mlflow.traceRequestId"]).toEqual({ kind: "stringValue", value: trace.traceId });
    expect(agent.attributes["mlflow.spanInputs"]).toEqual({
      kind: "kvlistValue",
      value: { question: "What is 2+2?", options: { temperature: 0.2, retries: 3 } },
    });
    expect(agent.attributes["mlflow.spanOutputs"]).toEqual({ kind: "stringValue", value: "4" });
    expect(agent.attributes["mlflow.spanFunctionName"]).toEqual({ kind: "stringValue", value: "runAgent" });
    expect(agent.resource["service.name"]).toBe("unknown_service:node");
    expect(agent.resource["telemetry.sdk.name"]).toBe("traced");
    expect(agent.scope?.name).toBe("traced");

    const chat = byName(spans, "chat");
    expect(chat.traceId).toBe(otelTraceId);
    expect(chat.spanId).toBe(llm.spanId);
    expect(chat.parentSpanId).toBe(root.spanId);
    expect(chat.startTimeUnixNano).toBe(START_NS + 1_000_000n);
    expect(chat.attributes["mlflow.spanType"]).toEqual({ kind: "stringValue", value: "CHAT_MODEL" });
    expect(chat.attributes["mlflow.spanInputs"]).toEqual({ kind: "kvlistValue", value: { messages: [{ role: "user", content: "What is 2+2?" }] } });
    expect(chat.attributes["mlflow.spanOutputs"]).toEqual({ kind: "arrayValue", value: [{ role: "assistant", content: "4" }] });
    expect(chat.attributes["mlflow.chat.tokenUsage"]).toEqual({ kind: "kvlistValue", value: { input_tokens: 12, output_tokens: 1, total_tokens: 13 } });
    expect(chat.attributes["gen_ai.request.temperature"]).toEqual({ kind: "doubleValue", value: 0.2 });
    expect(chat.attributes["custom.flag"]).toEqual({ kind: "boolValue", value: true });
    expect(chat.attributes["custom.nothing"]).toEqual({ kind: "empty", value: null });
    expect(chat.events).toEqual([
      { name: "mlflow.chunk.item.0", timeUnixNano: START_NS + 20_000_000n, attributes: { "mlflow.chunk.value": { kind: "stringValue", value: '"4"' } } },
    ]);

    const calculator = byName(spans, "calculator");
    expect(calculator.spanId).toBe(tool.spanId);
    expect(calculator.parentSpanId).toBe(root.spanId);
    expect(calculator.status).toEqual({ code: 2, message: "RangeError: overflow" });
    expect(calculator.attributes["mlflow.spanInputs"]).toEqual({ kind: "kvlistValue", value: { a: 2, b: 2 } });
    expect(calculator.attributes["mlflow.spanInputs"]!.value).toEqual({ a: 2, b: 2 });
    const [exception] = calculator.events;
    expect(exception!.name).toBe("exception");
    expect(exception!.timeUnixNano).toBe(START_NS + 39_000_000n);
    expect(exception!.attributes).toEqual({
      "exception.type": { kind: "stringValue", value: "RangeError" },
      "exception.message": { kind: "stringValue", value: "overflow" },
      "exception.stacktrace": { kind: "stringValue", value: "RangeError: overflow\n    at add" },
      "exception.escaped": { kind: "stringValue", value: "False" },
    });

    expect(exporter.stats).toMatchObject({ exportedSpans: 3, exportedTraces: 1, droppedSpans: 0, retries: 0, bufferedBytes: 0 });
    await exporter.shutdown();
  });
});

describe("OTLP export options", () => {
  it("gzips the body when asked, and the receiver reads it", async () => {
    receiver = await OtlpReceiver.start();
    const exporter = createOtlpExporter({ endpoint: receiver.url, compression: "gzip" }, {}, diagnostics);
    await exporter.export([agentTrace().trace]);
    const request = receiver.requests[0]!;
    expect(request.headers["content-encoding"]).toBe("gzip");
    expect(request.status).toBe(200);
    expect(request.spans).toHaveLength(3);
    await exporter.shutdown();
  });

  it("takes endpoint, headers, compression and resource from OTEL_* variables", async () => {
    receiver = await OtlpReceiver.start();
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.origin + "/",
      OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=abc%20def, x-tenant=t1",
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: "x-tenant=t2",
      OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: "gzip",
      OTEL_SERVICE_NAME: "checkout",
      OTEL_RESOURCE_ATTRIBUTES: "deployment.environment=staging",
    };
    const exporter = createOtlpExporter({}, env, diagnostics);
    await exporter.export([agentTrace().trace]);
    const request = receiver.requests[0]!;
    expect(request.path).toBe("/v1/traces");
    expect(request.headers["x-api-key"]).toBe("abc def");
    expect(request.headers["x-tenant"]).toBe("t2");
    expect(request.headers["content-encoding"]).toBe("gzip");
    expect(request.spans[0]!.resource).toMatchObject({ "service.name": "checkout", "deployment.environment": "staging" });
    await exporter.shutdown();
  });

  it("reports a partial success once and still counts the request as delivered", async () => {
    receiver = await OtlpReceiver.start();
    receiver.reply({ kind: "partial", rejectedSpans: 1, errorMessage: "span too large" });
    const reports: string[] = [];
    diagnostics.handler = ({ message }) => reports.push(message);
    const exporter = createOtlpExporter({ endpoint: receiver.url }, {}, diagnostics);
    await exporter.export([agentTrace().trace]);
    expect(reports).toEqual([expect.stringContaining("1 of 3 span(s) rejected (span too large)")]);
    expect(exporter.stats.exportedSpans).toBe(3);
    await exporter.shutdown();
  });
});
