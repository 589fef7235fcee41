/**
 * getTraceStore(uri?) and the module functions: which store a URI, the environment or the
 * configured destination selects, and changes to a trace that still waits for export to
 * an MLflow server (they wait for it, and are counted and reported when they cannot).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  closeTraceStores,
  configure,
  flushTraces,
  getDestination,
  getLastActiveTraceId,
  getTrace,
  getTraceStore,
  logExpectation,
  logFeedback,
  reset,
  searchTraces,
  setTraceTag,
  trace,
  TracedUsageError,
  type TraceStore,
} from "../../src/index.js";
import { MlflowServerError } from "../../src/store-entry.js";
import { type MlflowExporter } from "../../src/export/mlflow/index.js";
import { UndeliveredChangeError } from "../../src/export/mlflow/trace-follow-ups.js";
import { TraceNotFoundError } from "../../src/query/not-found.js";
import { setDefaultStorePath } from "../../src/store/default-store-path.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";

const FAST_RETRY = { maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20 };

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), "traced-get-store-")), "traces.db");
}

let mlflow: FakeMlflowServer;

/** The experiment a store searches in, read from the search it sends to the fake server (an unknown experiment's refusal is fine). */
async function searchedExperiment(store: TraceStore): Promise<string> {
  const before = mlflow.calls.length;
  await store.searchTraces().catch(() => undefined);
  const search = mlflow.calls.slice(before).find((call) => call.path.endsWith("/traces/search"));
  return (JSON.parse(search!.body.toString()) as { locations: { mlflow_experiment: { experiment_id: string } }[] }).locations[0]!.mlflow_experiment.experiment_id;
}
let diagnostics: string[];

beforeEach(async () => {
  reset();
  diagnostics = [];
  configure({ onDiagnostic: (d) => diagnostics.push(String(d.message ?? d)) });
  mlflow = await FakeMlflowServer.start();
  mlflow.experiments.add("42");
});
afterEach(async () => {
  for (const exporter of getDestination()) await exporter.shutdown?.();
  reset();
  await closeTraceStores();
  await mlflow.close();
});

describe("getTraceStore: which store a URI names", () => {
  it("opens a path or sqlite:/// as the local file, once per file", async () => {
    const path = tempDb();
    const byPath = getTraceStore(path);
    expect(byPath.uri).toBe(path);
    expect(getTraceStore(`sqlite:///${path}`)).toBe(byPath);
    expect(await byPath.searchTraces()).toEqual({ traces: [] });
    await byPath.close();
    // A closed store is not handed out again.
    const reopened = getTraceStore(path);
    expect(reopened).not.toBe(byPath);
    expect(reopened.closed).toBe(false);
  });

  it("opens http(s):// as the tracking server, in the experiment asked for", async () => {
    const server = getTraceStore(mlflow.uri, { experimentId: "42" });
    expect(server.uri).toBe(mlflow.uri);
    expect(getTraceStore(mlflow.uri + "/", { experimentId: "42" })).toBe(server);
    expect(await searchedExperiment(server)).toBe("42");
    expect(server.uri).toBe(mlflow.uri);
    expect(await searchedExperiment(getTraceStore(mlflow.uri, {}, {}))).toBe("0");
    expect(await searchedExperiment(getTraceStore(mlflow.uri, {}, { MLFLOW_EXPERIMENT_ID: "7" }))).toBe("7");
  });

  it("a store closed before its first call refuses calls, naming it, and a new one is handed out", async () => {
    const path = tempDb();
    const store = getTraceStore(path);
    await store.close();
    expect(store.closed).toBe(true);
    await expect(store.searchTraces()).rejects.toThrow(TracedUsageError);
    await expect(store.getTrace("tr-1")).rejects.toThrow(/getTrace: the store ".*traces\.db" was closed/);
    const again = getTraceStore(path);
    expect(again).not.toBe(store);
    expect(await again.searchTraces()).toEqual({ traces: [] });
  });

  it("refuses what is neither, naming the URI", () => {
    expect(() => getTraceStore("postgresql://db/mlflow")).toThrow(TracedUsageError);
    expect(() => getTraceStore("postgresql://db/mlflow")).toThrow(/"postgresql:\/\/db\/mlflow".*not "postgresql:"/);
    expect(() => getTraceStore("file:./mlruns")).toThrow(/"file:\.\/mlruns"/);
    expect(() => getTraceStore("postgresql://admin:hunter2@db/mlflow")).toThrow(/"postgresql:\/\/db\/mlflow"/);
    expect(() => getTraceStore("postgresql://admin:hunter2@db/mlflow")).not.toThrow(/hunter2/);
    expect(() => getTraceStore("sqlite://x.db")).toThrow(/"sqlite:\/\/x\.db" is not a SQLite URI traced reads/);
    expect(() => getTraceStore("")).toThrow(/expected a store URI/);
    expect(() => getTraceStore(42 as unknown as string)).toThrow(/expected a store URI.*42/);
    expect(() => getTraceStore(tempDb(), { experiment: "1" } as never)).toThrow(/experiment/);
    expect(() => getTraceStore(mlflow.uri, { experimentId: "" })).toThrow(/"experimentId" must be a non-empty string/);
  });
});

describe("getTraceStore(): MLFLOW_TRACKING_URI, then the destination, then the default file", () => {
  it("follows MLFLOW_TRACKING_URI (a server or a sqlite:/// file)", async () => {
    const server = getTraceStore(undefined, {}, { MLFLOW_TRACKING_URI: mlflow.uri, MLFLOW_EXPERIMENT_ID: "42" });
    expect(server.uri).toBe(mlflow.uri);
    expect(await searchedExperiment(server)).toBe("42");
    const path = tempDb();
    expect(getTraceStore(undefined, {}, { MLFLOW_TRACKING_URI: `sqlite:///${path}` }).uri).toBe(path);
    expect(() => getTraceStore(undefined, {}, { MLFLOW_TRACKING_URI: "databricks" })).toThrow(/MLFLOW_TRACKING_URI.*"databricks"/);
  });

  it("else reads the MLflow destination's server and experiment, else the store's file", async () => {
    const path = tempDb();
    configure({ destination: { store: { path } } });
    expect(getTraceStore(undefined, {}, {}).uri).toBe(path);
    configure({ destination: { mlflow: { trackingUri: mlflow.uri, experimentId: "42" } } });
    const server = getTraceStore(undefined, {}, {});
    expect(server.uri).toBe(mlflow.uri);
    expect(await searchedExperiment(server)).toBe("42");
    expect(await searchedExperiment(getTraceStore(undefined, { experimentId: "0" }, {}))).toBe("0");
  });

  it("else the default file", () => {
    setDefaultStorePath(undefined);
    expect(resolve(getTraceStore(undefined, {}, {}).uri)).toBe(resolve(process.env.TRACED_DB ?? "traced.db"));
  });
});

describe("module functions act where traces are exported", () => {
  const answer = trace(async (question: string) => `re: ${question}`, { name: "answer" });

  it("with an MLflow destination: search, read, tag and feedback on that server", async () => {
    configure({ destination: { mlflow: { trackingUri: mlflow.uri, experimentId: "42", retry: FAST_RETRY } } });
    await answer("hello");
    const traceId = getLastActiveTraceId()!;
    await flushTraces();
    expect(mlflow.traces.has(traceId)).toBe(true);

    const found = await searchTraces({ filter: "trace.name = 'answer'" });
    expect(found.traces.map((t) => t.traceId)).toEqual([traceId]);
    await setTraceTag(traceId, "reviewed", "yes");
    const feedback = await logFeedback({ traceId, name: "thumbs", value: true, source: { sourceType: "HUMAN", sourceId: "u1" } });
    const back = (await getTrace(traceId))!;
    expect(back.info.tags.reviewed).toBe("yes");
    expect(back.info.assessments.map((a) => [a.assessmentId, a.name, a.feedback?.value])).toEqual([[feedback.assessmentId, "thumbs", true]]);
    expect(mlflow.calls.some((c) => c.path === `/api/3.0/mlflow/traces/${traceId}/assessments`)).toBe(true);
  });

  it("with an MLflow destination that refuses or is down: an error naming the server, never the credentials", async () => {
    mlflow.requiredAuthorization = "Bearer right-token";
    configure({ destination: { mlflow: { trackingUri: mlflow.uri, headers: { Authorization: "Bearer wrong-secret" }, retry: FAST_RETRY } } });
    const refused = await searchTraces().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(refused).toBeInstanceOf(MlflowServerError);
    expect(refused!.message).toContain(`The MLflow tracking server at ${mlflow.uri} refused POST /api/3.0/mlflow/traces/search (HTTP 401)`);
    expect(refused!.message).not.toContain("wrong-secret");
    expect(mlflow.calls.at(-1)!.headers.authorization).toBe("Bearer wrong-secret");

    const down = await FakeMlflowServer.start();
    const uri = down.uri;
    await down.close();
    configure({ destination: { mlflow: { trackingUri: uri, retry: FAST_RETRY } } });
    await expect(getTrace("tr-" + "0".repeat(32))).rejects.toThrow(`Cannot reach the MLflow tracking server at ${uri}`);
  });

  it("with the store destination: on the local file, returning promises", async () => {
    const path = tempDb();
    configure({ destination: { store: { path } } });
    await answer("local");
    const traceId = getLastActiveTraceId()!;
    await flushTraces();
    const pending = logFeedback({ traceId, name: "thumbs", value: false });
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect((await getTrace(traceId))!.info.assessments[0]).toMatchObject({ name: "thumbs", feedback: { value: false } });
    // A usage mistake is a rejection, as with the server.
    await expect(logFeedback({ traceId, name: "" })).rejects.toThrow(TracedUsageError);
    expect(mlflow.calls).toEqual([]);
  });
});

describe("changes to a trace still waiting for export to MLflow", () => {
  const answer = trace((question: string) => `re: ${question}`, { name: "answer" });

  function mlflowExporter(): MlflowExporter {
    return getDestination()[0] as MlflowExporter;
  }

  it("wait for the trace, then reach the server after it (while the spans are retried)", async () => {
    configure({ destination: { mlflow: { trackingUri: mlflow.uri, experimentId: "42", retry: FAST_RETRY } } });
    mlflow.failNext("/v1/traces", 503, 503);
    answer("first");
    const traceId = getLastActiveTraceId()!;
    // Still in the export queue: the server does not know the trace yet.
    const tagged = setTraceTag(traceId, "env", "prod");
    const feedback = logFeedback({ traceId, name: "thumbs", value: false, rationale: "late" });
    await new Promise((r) => setImmediate(r));
    // Now in the exporter's buffer, its spans being retried.
    const expectation = logExpectation({ traceId, name: "answer", value: "re: first" });
    const [, logged, expected] = await Promise.all([tagged, feedback, expectation]);

    const order = mlflow.calls.map((c) => `${c.method} ${c.path} ${c.status}`);
    const firstAssessment = order.indexOf(`POST /api/3.0/mlflow/traces/${traceId}/assessments 200`);
    expect(order.slice(0, 3)).toEqual(["POST /v1/traces 503", "POST /v1/traces 503", "POST /v1/traces 200"]);
    expect(firstAssessment).toBeGreaterThan(order.indexOf("POST /api/3.0/mlflow/traces 200"));
    const back = (await getTrace(traceId))!;
    expect(back.info.tags.env).toBe("prod");
    expect(back.info.assessments.map((a) => a.assessmentId)).toEqual([logged.assessmentId, expected.assessmentId]);
    expect(back.info.assessments[0]).toMatchObject({ rationale: "late", feedback: { value: false } });
    expect(mlflowExporter().stats.undeliveredChanges).toBe(0);
  });

  it("fail, counted and reported, when the trace cannot be exported", async () => {
    configure({ destination: { mlflow: { trackingUri: mlflow.uri, experimentId: "42", retry: FAST_RETRY } } });
    mlflow.failNext("/v1/traces", 400);
    answer("lost");
    const traceId = getLastActiveTraceId()!;
    const error = await logFeedback({ traceId, name: "thumbs", value: true }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(UndeliveredChangeError);
    expect(error!.message).toContain(`trace ${traceId} did not reach the MLflow tracking server at ${mlflow.uri}`);
    expect(mlflowExporter().stats.undeliveredChanges).toBe(1);
    expect(diagnostics.some((d) => d.includes(`A change to trace ${traceId}`))).toBe(true);
    expect(mlflow.calls.some((c) => c.path.endsWith("/assessments"))).toBe(false);
  });

  it("a trace that is not waiting gets the server's answer at once", async () => {
    configure({ destination: { mlflow: { trackingUri: mlflow.uri, experimentId: "42", retry: FAST_RETRY } } });
    const missing = "tr-" + "d".repeat(32);
    await expect(logFeedback({ traceId: missing, name: "x", value: 1 })).rejects.toThrow(new TraceNotFoundError(missing).message);
    expect(mlflowExporter().stats.undeliveredChanges).toBe(0);
  });
});
