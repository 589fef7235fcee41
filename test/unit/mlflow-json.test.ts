import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  SpanStatusCode,
  TraceFormatError,
  TraceState,
  traceFromMlflowDict,
  traceFromMlflowJson,
  traceToMlflowJson,
} from "../../src/model/index.js";

const goldenPath = join(import.meta.dirname, "../fixtures/mlflow/golden-trace.json");
const golden = readFileSync(goldenPath, "utf8");

describe("MLflow trace JSON", () => {
  it("reads the hand-written golden trace field by field", () => {
    const trace = traceFromMlflowJson(golden);
    expect(trace.info.traceId).toBe("tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a");
    expect(trace.info.traceLocation).toEqual({ type: "MLFLOW_EXPERIMENT", experimentId: "1" });
    expect(trace.info.requestTimeMs).toBe(Date.UTC(2024, 9, 27, 3, 33, 20, 123));
    expect(trace.info.executionDurationMs).toBe(42);
    expect(trace.info.state).toBe(TraceState.ERROR);
    expect(trace.info.clientRequestId).toBe("req-7");
    expect(trace.info.metadata["mlflow.trace.user"]).toBe("alice");
    expect(trace.info.tags.fruit).toBe("apple");

    const [root, child] = trace.spans;
    expect(root!.spanId).toBe("3c9a1f2e7d6b5a40");
    expect(root!.parentId).toBeNull();
    // Nanosecond times beyond 2^53 survive exactly.
    expect(root!.startTimeNs).toBe(1730000000123000001n);
    expect(root!.endTimeNs).toBe(1730000000165000003n);
    expect(root!.status).toEqual({ code: SpanStatusCode.ERROR, message: "ValueError: boom" });
    expect(root!.spanType).toBe("AGENT");
    expect(root!.inputs).toEqual({ q: "hi" });
    expect(root!.events[0]!.attributes["exception.type"]).toBe("ValueError");
    expect(root!.events[0]!.timeUnixNano).toBe(1730000000164999999n);

    expect(child!.spanId).toBe("81d4e6f0a2b3c597");
    expect(child!.parentId).toBe(root!.spanId);
    expect(child!.traceId).toBe(trace.info.traceId);
    expect(child!.getAttribute("mlflow.chat.tokenUsage")).toEqual({ input_tokens: 3, output_tokens: 2, total_tokens: 5 });
    expect(child!.events.map((e) => e.name)).toEqual(["mlflow.chunk.item.0", "mlflow.chunk.item.1"]);

    const [feedback, expectation] = trace.info.assessments;
    expect(feedback!.feedback).toEqual({ value: "yes" });
    expect(feedback!.source).toEqual({ sourceType: "LLM_JUDGE", sourceId: "judge-v1" });
    expect(expectation!.expectation).toEqual({ value: ["a", "b"] });
    expect(trace.rootSpan).toBe(root);
    expect(trace.children(root!.spanId)).toEqual([child]);
  });

  it("writes the golden trace back byte for byte", () => {
    expect(traceToMlflowJson(traceFromMlflowJson(golden), 2)).toBe(golden.trimEnd());
  });

  it("serialises a trace and its spans with JSON.stringify, reading back exactly", () => {
    const trace = traceFromMlflowJson(golden);
    const text = JSON.stringify(trace);
    const value = JSON.parse(text) as { data: { spans: { start_time_unix_nano: unknown; events: { time_unix_nano: unknown }[] }[] } };
    // int64 as protobuf's JSON mapping writes it: a decimal string, exact beyond 2^53.
    expect(value.data.spans[0]!.start_time_unix_nano).toBe("1730000000123000001");
    expect(value.data.spans[0]!.events[0]!.time_unix_nano).toBe("1730000000164999999");
    expect(traceToMlflowJson(traceFromMlflowDict(value), 2)).toBe(golden.trimEnd());
    expect(JSON.parse(JSON.stringify(trace.spans[1]))).toEqual(value.data.spans[1]);
  });

  it("reads MLflow 3.5.0's hex ids and the TypeScript SDK's decoded attribute values", () => {
    const text = JSON.stringify({
      info: { trace_id: "tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a", request_time: "2024-10-27T03:33:20.123Z", state: "OK", execution_duration: "1.5s" },
      data: {
        spans: [
          {
            trace_id: "tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a",
            span_id: "3c9a1f2e7d6b5a40",
            parent_span_id: "",
            name: "root",
            start_time_unix_nano: 1,
            end_time_unix_nano: 2,
            status: { code: "OK" },
            attributes: { "mlflow.spanType": "LLM", "mlflow.spanInputs": { a: 1 } },
          },
        ],
      },
    });
    const trace = traceFromMlflowJson(text);
    expect(trace.info.executionDurationMs).toBe(1500);
    const span = trace.spans[0]!;
    expect(span.spanId).toBe("3c9a1f2e7d6b5a40");
    expect(span.parentId).toBeNull();
    expect(span.status.code).toBe("OK");
    expect(span.spanType).toBe("LLM");
    expect(span.attributes["mlflow.spanInputs"]).toBe('{"a":1}');
  });

  it("does not rewrite nanosecond-looking text inside user strings", () => {
    const trace = traceFromMlflowJson(golden.replace('"on topic"', '"x,\\"time_unix_nano\\": 12345678901234567890"'));
    expect(trace.info.assessments[0]!.rationale).toBe('x,"time_unix_nano": 12345678901234567890');
  });

  it("keeps a tag or metadata key named __proto__", () => {
    const text = golden.replace('"fruit": "apple"', '"__proto__": "apple"');
    const trace = traceFromMlflowJson(text);
    expect(Object.keys(trace.info.tags)).toContain("__proto__");
    expect(traceToMlflowJson(trace, 2)).toBe(text.trimEnd());
  });

  it("names the problem in malformed input", () => {
    expect(() => traceFromMlflowJson("{")).toThrow(TraceFormatError);
    expect(() => traceFromMlflowJson('{"data":{}}')).toThrow(/"info"/);
    expect(() => traceFromMlflowJson('{"info":{"trace_id":"tr-1"},"data":{"spans":[{"span_id":"AAAAAAAAAAA="}]}}')).toThrow(
      /data\.spans\[0\]\.start_time_unix_nano/,
    );
  });
});
