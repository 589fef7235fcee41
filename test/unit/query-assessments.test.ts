import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assessmentToDict } from "../../src/model/index.js";
import { TraceNotFoundError, TraceStore } from "../../src/query/index.js";
import { makeTrace, tempDbPath } from "./store-test-traces.js";

let store: TraceStore;
const trace = makeTrace({ spans: [{ name: "root" }, { name: "llm", type: "LLM" }] });
const spanId = trace.spans[1]!.spanId;

beforeEach(() => {
  store = TraceStore.open(tempDbPath());
  store.writeTraces([trace]);
});
afterEach(() => store.close());

describe("assessments", () => {
  it("logs feedback in MLflow's shape and stores it with the trace", () => {
    const logged = store.logFeedback({
      traceId: trace.traceId,
      name: "relevance",
      value: "yes",
      rationale: "on topic",
      source: { sourceType: "LLM_JUDGE", sourceId: "judge-v1" },
      spanId,
      metadata: { k: "v" },
    });
    expect(logged.assessmentId).toMatch(/^a-[0-9a-f]{32}$/);
    const dict = assessmentToDict(logged);
    expect(dict).toMatchObject({
      assessment_name: "relevance",
      trace_id: trace.traceId,
      span_id: spanId,
      source: { source_type: "LLM_JUDGE", source_id: "judge-v1" },
      feedback: { value: "yes" },
      rationale: "on topic",
      metadata: { k: "v" },
      valid: true,
    });
    expect(dict.create_time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(store.getTrace(trace.traceId)!.info.assessments).toEqual([logged]);
  });

  it("logs feedback that carries an error instead of a value", () => {
    const logged = store.logFeedback({
      traceId: trace.traceId,
      name: "judge",
      error: { errorCode: "RATE_LIMIT", errorMessage: "429", stackTrace: "at judge" },
    });
    expect(assessmentToDict(logged).feedback).toEqual({ error: { error_code: "RATE_LIMIT", error_message: "429", stack_trace: "at judge" } });
    expect(store.getAssessment(trace.traceId, logged.assessmentId)).toEqual(logged);
    expect(logged.source).toEqual({ sourceType: "CODE" });
  });

  it("logs expectations; structured values use MLflow's serialized_value form", () => {
    const logged = store.logExpectation({ traceId: trace.traceId, name: "expected_facts", value: ["a", "b"], source: { sourceType: "HUMAN", sourceId: "bob" } });
    expect(assessmentToDict(logged).expectation).toEqual({ serialized_value: { serialization_format: "JSON_FORMAT", value: '["a","b"]' } });
    expect(store.getAssessment(trace.traceId, logged.assessmentId).expectation).toEqual({ value: ["a", "b"] });
    const plain = store.logExpectation({ traceId: trace.traceId, name: "answer", value: 42 });
    expect(assessmentToDict(plain).expectation).toEqual({ value: 42 });
  });

  it("updates the given fields and the update time, keeping the rest", () => {
    const logged = store.logFeedback({ traceId: trace.traceId, name: "score", value: 0.4, rationale: "meh" });
    const updated = store.updateAssessment(trace.traceId, logged.assessmentId, { value: 0.9, metadata: { reviewed: "yes" } });
    expect(updated.feedback).toEqual({ value: 0.9 });
    expect(updated.rationale).toBe("meh");
    expect(updated.metadata).toEqual({ reviewed: "yes" });
    expect(updated.createTimeMs).toBe(logged.createTimeMs);
    expect(updated.lastUpdateTimeMs).toBeGreaterThanOrEqual(logged.lastUpdateTimeMs);
    expect(store.getAssessment(trace.traceId, logged.assessmentId)).toEqual(updated);
    expect(store.searchTraces({ filter: "feedback.score > 0.5" }).traces).toHaveLength(1);
  });

  it("overriding marks the old assessment invalid; deleting the new one restores it", () => {
    const first = store.logFeedback({ traceId: trace.traceId, name: "relevance", value: "no" });
    const second = store.logFeedback({ traceId: trace.traceId, name: "relevance", value: "yes", overrides: first.assessmentId });
    expect(second.overrides).toBe(first.assessmentId);
    expect(store.getAssessment(trace.traceId, first.assessmentId).valid).toBe(false);
    expect(store.searchTraces({ filter: "feedback.relevance = 'no'" }).traces).toHaveLength(0);
    expect(store.searchTraces({ filter: "feedback.relevance = 'yes'" }).traces).toHaveLength(1);
    store.deleteAssessment(trace.traceId, second.assessmentId);
    expect(() => store.getAssessment(trace.traceId, second.assessmentId)).toThrow(TraceNotFoundError);
    expect(store.getAssessment(trace.traceId, first.assessmentId).valid).toBe(true);
  });

  it("rejects misuse with errors naming the problem", () => {
    expect(() => store.logFeedback({ traceId: trace.traceId, name: "x" })).toThrow(/value.*or.*error/);
    expect(() => store.logFeedback({ traceId: trace.traceId, name: "", value: 1 })).toThrow(/"name"/);
    expect(() => store.logFeedback({ traceId: "tr-missing", name: "x", value: 1 })).toThrow(TraceNotFoundError);
    expect(() => store.logFeedback({ traceId: trace.traceId, name: "x", value: 1, spanId: "nope" })).toThrow(/spanId/);
    expect(() => store.logFeedback({ traceId: trace.traceId, name: "x", value: 1, source: { sourceType: "ROBOT" as never } })).toThrow(/sourceType/);
    expect(() => store.logFeedback({ traceId: trace.traceId, name: "x", value: 1n })).toThrow(/JSON-serializable/);
    expect(() => store.logFeedback({ traceId: trace.traceId, name: "x", value: 1, overrides: "a-missing" })).toThrow(TraceNotFoundError);
    expect(() => store.logExpectation({ traceId: trace.traceId, name: "x" } as never)).toThrow(/"value" is required/);
    expect(() => store.updateAssessment(trace.traceId, "a-missing", { value: 1 })).toThrow(TraceNotFoundError);
    const logged = store.logFeedback({ traceId: trace.traceId, name: "x", value: 1 });
    expect(() => store.updateAssessment(trace.traceId, logged.assessmentId, { spanId: "zz" })).toThrow(/spanId/);
    expect(() => store.updateAssessment(trace.traceId, logged.assessmentId, { name: "" })).toThrow(/"name"/);
    expect(() => store.logFeedback({ traceId: trace.traceId, name: "x", value: 1, colour: "red" } as never)).toThrow(/unknown option "colour"/);
  });
});

describe("trace tags", () => {
  it("sets, overwrites and deletes tags, keeping the tag order", () => {
    store.setTraceTag(trace.traceId, "reviewed", "no");
    store.setTraceTag(trace.traceId, "reviewed", "yes");
    store.setTraceTag(trace.traceId, "a.b", "c");
    expect(Object.entries(store.getTrace(trace.traceId)!.info.tags)).toEqual([
      ["mlflow.traceName", "root"],
      ["reviewed", "yes"],
      ["a.b", "c"],
    ]);
    expect(store.searchTraces({ filter: "tag.reviewed = 'yes'" }).traces).toHaveLength(1);
    expect(store.deleteTraceTag(trace.traceId, "reviewed")).toBe(true);
    expect(store.deleteTraceTag(trace.traceId, "reviewed")).toBe(false);
    expect(store.getTrace(trace.traceId)!.info.tags).toEqual({ "mlflow.traceName": "root", "a.b": "c" });
  });

  it("refuses tags on an unknown trace and empty keys", () => {
    expect(() => store.setTraceTag("tr-nope", "k", "v")).toThrow(TraceNotFoundError);
    expect(() => store.setTraceTag(trace.traceId, "", "v")).toThrow(/"key"/);
  });
});

describe("deleteTraces", () => {
  it("deletes by id, with every child row", () => {
    const other = makeTrace();
    store.writeTraces([other]);
    store.logFeedback({ traceId: trace.traceId, name: "x", value: 1 });
    expect(store.deleteTraces({ traceIds: [trace.traceId, "tr-unknown"] })).toBe(1);
    expect(store.getTrace(trace.traceId)).toBeUndefined();
    for (const table of ["spans", "trace_tags", "trace_metadata", "assessments"]) {
      const left = store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
      expect(left, table).toBe(table === "assessments" ? 0 : table === "spans" ? other.spans.length : table === "trace_tags" ? 1 : 1);
    }
    expect(store.getTrace(other.traceId)).toBeDefined();
  });

  it("deletes by age, oldest first, at most maxTraces", () => {
    store.writeTraces([1, 2, 3, 4].map((n) => makeTrace({ name: `old${n}`, timeMs: 1000 * n })));
    expect(store.deleteTraces({ maxTimestampMs: 3500, maxTraces: 2 })).toBe(2);
    expect(store.searchTraces({ filter: "trace.timestamp_ms < 5000" }).traces.map((t) => t.info.tags["mlflow.traceName"])).toEqual(["old4", "old3"]);
    expect(store.deleteTraces({ maxTimestampMs: 3500 })).toBe(1);
  });

  it("needs exactly one way of choosing traces", () => {
    expect(() => store.deleteTraces({})).toThrow(/exactly one/);
    expect(() => store.deleteTraces({ traceIds: [], maxTimestampMs: 1 })).toThrow(/exactly one/);
    expect(() => store.deleteTraces({ maxTimestampMs: 1, maxTraces: 0 })).toThrow(/maxTraces/);
  });
});
