/**
 * Changes and deletes made to a trace before it reached the MLflow server traces are
 * exported to — while it is still running in this process, or waits in the export queue —
 * through the module functions and through a getTraceStore() store of that server: they
 * reach the server after the trace (or with it), and a deleted trace never turns up later.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  closeTraceStores,
  configure,
  deleteAssessment,
  deleteTraces,
  deleteTraceTag,
  flushTraces,
  getActiveTraceId,
  getAssessment,
  getDestination,
  getLastActiveTraceId,
  getTrace,
  getTraceStore,
  logExpectation,
  logFeedback,
  reset,
  setTraceTag,
  startSpan,
  trace,
  updateAssessment,
} from "../../src/index.js";
import { type MlflowExporter } from "../../src/export/mlflow/index.js";
import { TraceNotFoundError } from "../../src/query/not-found.js";
import { TraceStore } from "../../src/query/trace-store.js";
import { setDefaultStorePath } from "../../src/store/default-store-path.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";

const FAST_RETRY = { maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20 };
const answer = trace((question: string) => `re: ${question}`, { name: "answer" });

let mlflow: FakeMlflowServer;
let diagnostics: string[];

beforeEach(async () => {
  reset();
  diagnostics = [];
  mlflow = await FakeMlflowServer.start();
  configure({ destination: { mlflow: { trackingUri: mlflow.uri, retry: FAST_RETRY } }, onDiagnostic: (d) => diagnostics.push(String(d.message ?? d)) });
});
afterEach(async () => {
  for (const exporter of getDestination()) await exporter.shutdown?.();
  reset();
  await closeTraceStores();
  await mlflow.close();
});

function exporter(): MlflowExporter {
  return getDestination()[0] as MlflowExporter;
}

/** The REST calls that name this trace, as "METHOD path status" with the id as {id}. */
function callsFor(traceId: string): string[] {
  return mlflow.calls.filter((c) => c.path.includes(traceId) || c.query.get("trace_id") === traceId).map((c) => `${c.method} ${c.path.replace(traceId, "{id}")} ${c.status}`);
}

describe("a change to a trace still running in this process", () => {
  it("is made on the trace and goes out with it: awaiting it before the trace ends does not hang", async () => {
    const root = startSpan("root");
    const traceId = root.traceId;
    await setTraceTag(traceId, "env", "prod");
    await setTraceTag(traceId, "gone", "soon");
    expect(await deleteTraceTag(traceId, "gone")).toBe(true);
    expect(await deleteTraceTag(traceId, "never-set")).toBe(false);
    const first = await logFeedback({ traceId, name: "thumbs", value: false });
    const second = await logFeedback({ traceId, name: "thumbs", value: true, overrides: first.assessmentId });
    const expected = await logExpectation({ traceId, name: "answer", value: "42" });
    expect(await getAssessment(traceId, second.assessmentId)).toEqual(second);
    expect((await updateAssessment(traceId, expected.assessmentId, { value: "43" })).expectation).toEqual({ value: "43" });
    // Nothing went to the server for a trace it does not have yet.
    expect(callsFor(traceId)).toEqual([]);
    root.end();
    await flushTraces();

    const back = (await getTrace(traceId))!;
    expect(back.info.tags).toMatchObject({ env: "prod" });
    expect(back.info.tags.gone).toBeUndefined();
    const byName = (value: unknown) => back.info.assessments.find((a) => JSON.stringify(a.feedback?.value ?? a.expectation?.value) === JSON.stringify(value))!;
    // The server gave them ids of its own; the override points at the server's id of the first.
    expect(byName(true).overrides).toBe(byName(false).assessmentId);
    expect(byName(false).valid).toBe(false);
    expect(byName("43").expectation).toEqual({ value: "43" });
    expect(exporter().stats.undeliveredChanges).toBe(0);
  });

  it("from inside the trace itself (its active trace): made at once, exported with it", async () => {
    const handler = trace(
      async (question: string) => {
        const traceId = getActiveTraceId()!;
        await logFeedback({ traceId, name: "self-check", value: 1, rationale: "from inside" });
        await setTraceTag(traceId, "checked", "yes");
        return `re: ${question}`;
      },
      { name: "handler" },
    );
    await handler("hi");
    const traceId = getLastActiveTraceId()!;
    await flushTraces();
    const back = (await getTrace(traceId))!;
    expect(back.info.tags.checked).toBe("yes");
    expect(back.info.assessments).toMatchObject([{ name: "self-check", feedback: { value: 1 }, rationale: "from inside" }]);
  });

  it("deleting an assessment logged on it gives the one it overrode its validity back", async () => {
    const root = startSpan("root");
    const first = await logFeedback({ traceId: root.traceId, name: "thumbs", value: false });
    const second = await logFeedback({ traceId: root.traceId, name: "thumbs", value: true, overrides: first.assessmentId });
    await deleteAssessment(root.traceId, second.assessmentId);
    await expect(getAssessment(root.traceId, second.assessmentId)).rejects.toThrow(TraceNotFoundError);
    root.end();
    await flushTraces();
    expect((await getTrace(root.traceId))!.info.assessments).toMatchObject([{ name: "thumbs", feedback: { value: false }, valid: true }]);
  });

  it("a usage mistake is the store's rejection, and nothing is added", async () => {
    const root = startSpan("root");
    await expect(logFeedback({ traceId: root.traceId, name: "" })).rejects.toThrow(/"name" must be a non-empty string/);
    await expect(logFeedback({ traceId: root.traceId, name: "x", value: 1, overrides: "a-missing" })).rejects.toThrow(TraceNotFoundError);
    await expect(updateAssessment(root.traceId, "a-missing", { value: 2 })).rejects.toThrow(TraceNotFoundError);
    root.end();
    await flushTraces();
    expect((await getTrace(root.traceId))!.info.assessments).toEqual([]);
  });
});

describe("a change through a getTraceStore() store of the destination's server", () => {
  it("waits for a trace still in the export queue, as the module functions do; a store of another server does not", async () => {
    const store = getTraceStore();
    const sameServer = getTraceStore(mlflow.uri + "/", { experimentId: "7" });
    await store.searchTraces(); // the query code is loaded: the change below is made in this same turn
    mlflow.failNext("/v1/traces", 503);
    answer("queued");
    const traceId = getLastActiveTraceId()!;
    const tagged = store.setTraceTag(traceId, "env", "prod");
    const feedback = sameServer.logFeedback({ traceId, name: "thumbs", value: false });
    const other = await FakeMlflowServer.start();
    try {
      await expect(getTraceStore(other.uri).logFeedback({ traceId, name: "thumbs", value: true })).rejects.toThrow(TraceNotFoundError);
    } finally {
      await other.close();
    }
    await Promise.all([tagged, feedback]);
    const order = callsFor(traceId);
    expect(order.indexOf("POST /api/3.0/mlflow/traces/{id}/assessments 200")).toBeGreaterThan(-1);
    expect(order[0]).toBe("PATCH /api/2.0/mlflow/traces/{id}/tags 200");
    const back = (await getTrace(traceId))!;
    expect(back.info.tags.env).toBe("prod");
    expect(back.info.assessments).toMatchObject([{ name: "thumbs", feedback: { value: false } }]);
    expect(exporter().stats.undeliveredChanges).toBe(0);
  });

  it("a change to a running trace is made on it too", async () => {
    const store = getTraceStore(mlflow.uri);
    const root = startSpan("root");
    await store.setTraceTag(root.traceId, "via", "store");
    root.end();
    await flushTraces();
    expect((await getTrace(root.traceId))!.info.tags.via).toBe("store");
  });
});

describe("deleteTraces on the destination's server", () => {
  it("by id: waits for a trace still queued, so it is deleted after it arrives and stays deleted", async () => {
    mlflow.failNext("/v1/traces", 503, 503);
    answer("doomed");
    const traceId = getLastActiveTraceId()!;
    expect(await deleteTraces({ traceIds: [traceId] })).toBe(1);
    await flushTraces();
    expect(mlflow.traces.has(traceId)).toBe(false);
    const order = mlflow.calls.map((c) => `${c.method} ${c.path}`);
    expect(order.lastIndexOf("POST /api/2.0/mlflow/traces/delete-traces")).toBeGreaterThan(order.lastIndexOf("POST /api/3.0/mlflow/traces"));
    expect(exporter().stats.undeliveredChanges).toBe(0);
  });

  it("by id: a trace still running here is never exported, and counts as deleted", async () => {
    const root = startSpan("root");
    answer("kept");
    const kept = getLastActiveTraceId()!;
    await flushTraces();
    expect(await getTraceStore().deleteTraces({ traceIds: [root.traceId, kept] })).toBe(2);
    root.end();
    await flushTraces();
    expect(mlflow.traces.has(root.traceId)).toBe(false);
    expect(mlflow.traces.has(kept)).toBe(false);
    expect(callsFor(root.traceId)).toEqual([]);
    expect(mlflow.calls.filter((c) => c.path === "/v1/traces")).toHaveLength(1);
  });

  it("by age: waits for every trace queued now, then deletes on the server", async () => {
    mlflow.failNext("/v1/traces", 503);
    answer("one");
    const one = getLastActiveTraceId()!;
    answer("two");
    const two = getLastActiveTraceId()!;
    expect(await deleteTraces({ maxTimestampMs: Date.now() + 1000 })).toBe(2);
    await flushTraces();
    expect(mlflow.traces.has(one)).toBe(false);
    expect(mlflow.traces.has(two)).toBe(false);
  });
});

describe("with the store destination (a local file)", () => {
  it("a change to a running trace is made on it and written with it; a running trace deleted by id is never written", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "traced-changes-")), "traces.db");
    setDefaultStorePath(path);
    configure({ destination: { store: { path } } });
    const root = startSpan("root");
    const feedback = await logFeedback({ traceId: root.traceId, name: "thumbs", value: true });
    await setTraceTag(root.traceId, "env", "dev");
    const dropped = startSpan("dropped");
    expect(await deleteTraces({ traceIds: [dropped.traceId] })).toBe(1);
    dropped.end();
    root.end();
    await flushTraces();
    const file = TraceStore.open(path);
    try {
      const back = file.getTrace(root.traceId)!;
      expect(back.info.tags.env).toBe("dev");
      // A file keeps the id the feedback was given.
      expect(back.info.assessments.map((a) => a.assessmentId)).toEqual([feedback.assessmentId]);
      expect(file.getTrace(dropped.traceId)).toBeUndefined();
    } finally {
      file.close();
    }
    expect(mlflow.calls).toEqual([]);
  });
});
