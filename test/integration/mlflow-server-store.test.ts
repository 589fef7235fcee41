/**
 * MlflowServerStore against the fake MLflow server: traces go in through traced's own MLflow
 * exporter (OTLP + StartTraceV3, as to a real server) and are read and managed back through
 * the REST API 3.0.
 */
import http from "node:http";
import { once } from "node:events";
import { type AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { TracedUsageError } from "../../src/config/errors.js";
import { createMlflowExporter, type MlflowExporter } from "../../src/export/mlflow/index.js";
import { Span } from "../../src/model/span.js";
import { Trace } from "../../src/model/trace.js";
import { FilterError } from "../../src/query/filter-error.js";
import { TraceNotFoundError } from "../../src/query/not-found.js";
import { MlflowServerError, MlflowServerStore, type MlflowServerStoreOptions } from "../../src/query/remote/index.js";
import { compileSearch } from "../../src/query/search-traces.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { agentTrace, START_NS } from "../support/sample-traces.js";

const FAST_RETRY = { maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20 };
const BASE_MS = Number(START_NS / 1_000_000n);

let mlflow: FakeMlflowServer;
let exporter: MlflowExporter;
const stores: MlflowServerStore[] = [];

beforeEach(async () => {
  mlflow = await FakeMlflowServer.start();
  mlflow.experiments.add("42");
  exporter = createMlflowExporter({ trackingUri: mlflow.uri, experimentId: "42", retry: FAST_RETRY }, {}, new Diagnostics());
});
afterEach(async () => {
  await exporter.shutdown();
  for (const store of stores.splice(0)) await store.close();
  await mlflow.close();
});

function store(options: MlflowServerStoreOptions = {}, env: NodeJS.ProcessEnv = {}): MlflowServerStore {
  const opened = new MlflowServerStore({ trackingUri: mlflow.uri, experimentId: "42", retry: FAST_RETRY, ...options }, env);
  stores.push(opened);
  return opened;
}

/** Five agent traces one second apart; odd ones tagged team=a, the third an error. */
async function exportFive(): Promise<Trace[]> {
  const traces = Array.from({ length: 5 }, (_, i) => {
    const { trace } = agentTrace();
    const info = { ...trace.info, requestTimeMs: BASE_MS + i * 1000, tags: { ...trace.info.tags, team: i % 2 ? "a" : "b", n: String(i) } };
    return new Trace(i === 2 ? { ...info, state: "ERROR" } : info, trace.spans);
  });
  await exporter.export(traces);
  return traces;
}

function lastBody(path: string): Record<string, any> {
  const call = mlflow.calls.filter((c) => c.path === path).at(-1)!;
  return JSON.parse(call.body.toString("utf8"));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("MlflowServerStore: reading back what traced's MLflow exporter sent", () => {
  it("gets a trace with its spans, attributes, events and info exactly as exported", async () => {
    const { trace } = agentTrace();
    await exporter.export([trace]);
    const back = (await store().getTrace(trace.traceId))!;

    const get = mlflow.calls.at(-1)!;
    expect(`${get.method} ${get.path} ${get.status}`).toBe("GET /api/3.0/mlflow/traces/get 200");
    expect(Object.fromEntries(get.query)).toEqual({ trace_id: trace.traceId, allow_partial: "false" });
    expect(back.info).toMatchObject({
      traceId: trace.traceId,
      traceLocation: { type: "MLFLOW_EXPERIMENT", experimentId: "42" },
      requestTimeMs: trace.info.requestTimeMs,
      executionDurationMs: 42,
      state: "OK",
      requestPreview: trace.info.requestPreview,
      responsePreview: trace.info.responsePreview,
      metadata: trace.info.metadata,
      tags: trace.info.tags,
    });
    expect(back.spans).toHaveLength(trace.spans.length);
    for (const span of trace.spans) {
      const read = back.getSpan(span.spanId)!;
      expect(read.traceId).toBe(trace.traceId);
      expect(read.parentId).toBe(span.parentId);
      expect(read.name).toBe(span.name);
      // The server writes these as bare JSON integers beyond 2^53: read exactly all the same.
      expect(read.startTimeNs).toBe(span.startTimeNs);
      expect(read.endTimeNs).toBe(span.endTimeNs);
      expect(read.status).toEqual(span.status);
      expect(read.attributes).toEqual(span.attributes);
      expect(read.events).toEqual(span.events);
    }
  });

  it("answers undefined for a trace the server does not have", async () => {
    expect(await store().getTrace("tr-" + "0".repeat(32))).toBeUndefined();
  });
});

describe("MlflowServerStore: search", () => {
  it("sends the filter as text to the experiment's location and reads the page", async () => {
    const traces = await exportFive();
    const result = await store().searchTraces({ filter: "tag.team = 'a'", orderBy: ["timestamp_ms ASC"] });
    expect(result.traces.map((t) => t.traceId)).toEqual([traces[1]!.traceId, traces[3]!.traceId]);
    expect(result.nextPageToken).toBeUndefined();
    expect(result.traces[0]!.spans).toHaveLength(3);
    expect(lastBody("/api/3.0/mlflow/traces/search")).toEqual({
      locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: "42" } }],
      filter: "tag.team = 'a'",
      max_results: 100,
      order_by: ["timestamp_ms ASC"],
    });

    const errors = await store().searchTraces({ filter: "trace.status = 'ERROR'", includeSpans: false });
    expect(errors.traces.map((t) => t.traceId)).toEqual([traces[2]!.traceId]);
    expect(errors.traces[0]!.spans).toEqual([]);
  });

  it("pages with the server's tokens, newest first by default", async () => {
    const traces = await exportFive();
    const newestFirst = [...traces].reverse().map((t) => t.traceId);
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await store().searchTraces({ maxResults: 2, includeSpans: false, ...(pageToken ? { pageToken } : {}) });
      seen.push(...page.traces.map((t) => t.traceId));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(newestFirst);
  });

  it("rejects what MLflow would reject with traced's own filter errors, before any request", async () => {
    const remote = store();
    const calls = mlflow.calls.length;
    for (const filter of ["trace.status = 'OK' OR tag.team = 'a'", "trace.bogus = 'x'", "trace.timestamp_ms LIKE '1%'", "tag.team = a"]) {
      let local: unknown;
      try {
        compileSearch({ filter }, 0, 1);
      } catch (error) {
        local = error;
      }
      expect(local).toBeInstanceOf(FilterError);
      const error = await rejection(remote.searchTraces({ filter }));
      expect(error).toBeInstanceOf(FilterError);
      expect(error.message).toBe((local as Error).message);
    }
    await expect(remote.searchTraces({ orderBy: ["colour DESC"] })).rejects.toThrow(TracedUsageError);
    await expect(remote.searchTraces({ maxResults: 501 })).rejects.toThrow(/from 1 to 500/);
    expect(mlflow.calls.length).toBe(calls);
  });
});

describe("MlflowServerStore: tags and deletes", () => {
  it("sets and deletes tags; a missing trace gives the local store's not-found error", async () => {
    const { trace } = agentTrace();
    await exporter.export([trace]);
    const remote = store();
    await remote.setTraceTag(trace.traceId, "reviewed", "yes");
    expect(lastBody("/api/2.0/mlflow/traces/" + trace.traceId + "/tags")).toEqual({ key: "reviewed", value: "yes" });
    expect((await remote.getTrace(trace.traceId))!.info.tags.reviewed).toBe("yes");
    expect(await remote.deleteTraceTag(trace.traceId, "reviewed")).toBe(true);
    expect(Object.fromEntries(mlflow.calls.at(-1)!.query)).toEqual({ key: "reviewed" });
    expect(await remote.deleteTraceTag(trace.traceId, "reviewed")).toBe(false);
    expect((await remote.getTrace(trace.traceId))!.info.tags.reviewed).toBeUndefined();

    const missing = "tr-" + "f".repeat(32);
    const error = await rejection(remote.setTraceTag(missing, "k", "v"));
    expect(error).toBeInstanceOf(TraceNotFoundError);
    expect(error.message).toBe(new TraceNotFoundError(missing).message);
    await expect(remote.deleteTraceTag(missing, "k")).rejects.toThrow(TraceNotFoundError);
  });

  it("deletes traces by id and by age (oldest first, at most maxTraces)", async () => {
    const traces = await exportFive();
    const remote = store();
    expect(await remote.deleteTraces({ traceIds: [traces[4]!.traceId, "tr-" + "0".repeat(32)] })).toBe(1);
    expect(lastBody("/api/2.0/mlflow/traces/delete-traces")).toEqual({ experiment_id: "42", request_ids: [traces[4]!.traceId, "tr-" + "0".repeat(32)] });
    expect(await remote.getTrace(traces[4]!.traceId)).toBeUndefined();
    expect(await remote.deleteTraces({ maxTimestampMs: BASE_MS + 10_000, maxTraces: 2 })).toBe(2);
    const left = await remote.searchTraces({ includeSpans: false });
    expect(left.traces.map((t) => t.traceId)).toEqual([traces[3]!.traceId, traces[2]!.traceId]);
    await expect(remote.deleteTraces({})).rejects.toThrow(/exactly one of traceIds or maxTimestampMs/);
  });
});

describe("MlflowServerStore: assessments", () => {
  it("logs, overrides, updates and deletes feedback and expectations on the server", async () => {
    const { trace, llm } = agentTrace();
    await exporter.export([trace]);
    const remote = store();

    const first = await remote.logFeedback({
      traceId: trace.traceId,
      name: "thumbs",
      value: false,
      rationale: "wrong answer",
      source: { sourceType: "HUMAN", sourceId: "alice" },
      spanId: llm.spanId,
    });
    expect(first.assessmentId).toMatch(/^a-[0-9a-f]{32}$/);
    const sent = lastBody(`/api/3.0/mlflow/traces/${trace.traceId}/assessments`).assessment;
    expect(sent.assessment_id).toBeUndefined();
    expect(sent).toMatchObject({ assessment_name: "thumbs", trace_id: trace.traceId, span_id: llm.spanId, feedback: { value: false }, source: { source_type: "HUMAN", source_id: "alice" } });
    expect(await remote.getAssessment(trace.traceId, first.assessmentId)).toEqual(first);

    const second = await remote.logFeedback({ traceId: trace.traceId, name: "thumbs", value: true, overrides: first.assessmentId });
    expect((await remote.getAssessment(trace.traceId, first.assessmentId)).valid).toBe(false);

    const updated = await remote.updateAssessment(trace.traceId, second.assessmentId, { value: "partly", rationale: "close" });
    expect(lastBody(`/api/3.0/mlflow/traces/${trace.traceId}/assessments/${second.assessmentId}`).update_mask).toBe("rationale,feedback");
    expect(updated).toMatchObject({ assessmentId: second.assessmentId, feedback: { value: "partly" }, rationale: "close", overrides: first.assessmentId });

    const expected = await remote.logExpectation({ traceId: trace.traceId, name: "answer", value: { text: "4", exact: true } });
    expect(lastBody(`/api/3.0/mlflow/traces/${trace.traceId}/assessments`).assessment.expectation).toEqual({
      serialized_value: { serialization_format: "JSON_FORMAT", value: JSON.stringify({ text: "4", exact: true }) },
    });
    expect(expected.expectation).toEqual({ value: { text: "4", exact: true } });

    const onTrace = (await remote.getTrace(trace.traceId))!.info.assessments;
    expect(onTrace.map((a) => a.assessmentId)).toEqual([first.assessmentId, second.assessmentId, expected.assessmentId]);

    await remote.deleteAssessment(trace.traceId, second.assessmentId);
    expect((await remote.getAssessment(trace.traceId, first.assessmentId)).valid).toBe(true);
    const gone = await rejection(remote.getAssessment(trace.traceId, second.assessmentId));
    expect(gone.message).toBe(new TraceNotFoundError(second.assessmentId, "Assessment").message);
    const noTrace = await rejection(remote.logFeedback({ traceId: "tr-" + "e".repeat(32), name: "x", value: 1 }));
    expect(noTrace.message).toBe(new TraceNotFoundError("tr-" + "e".repeat(32)).message);
    await expect(remote.getAssessment("tr-" + "e".repeat(32), first.assessmentId)).rejects.toThrow(new TraceNotFoundError("tr-" + "e".repeat(32)).message);
    await expect(remote.updateAssessment(trace.traceId, first.assessmentId, { valid: false })).rejects.toThrow(/cannot change "valid"/);
  });
});

describe("MlflowServerStore: faults", () => {
  it("names the server when it is down", async () => {
    const down = await FakeMlflowServer.start();
    const uri = down.uri;
    await down.close();
    const error = await rejection(store({ trackingUri: uri, retry: { maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 1 } }).getTrace("tr-" + "0".repeat(32)));
    expect(error).toBeInstanceOf(MlflowServerError);
    expect(error.message).toContain(`Cannot reach the MLflow tracking server at ${uri}`);
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("sends MLFLOW_TRACKING_TOKEN as a bearer token, basic auth otherwise, and never prints them on 401/403", async () => {
    const { trace } = agentTrace();
    await exporter.export([trace]);
    mlflow.requiredAuthorization = "Bearer s3cret-token";
    const error = await rejection(store({}, { MLFLOW_TRACKING_TOKEN: "wrong-token" }).getTrace(trace.traceId));
    expect(error).toBeInstanceOf(MlflowServerError);
    expect(error.message).toContain(mlflow.uri);
    expect(error.message).toContain("HTTP 401");
    expect(error.message).not.toContain("wrong-token");
    expect((await store({}, { MLFLOW_TRACKING_TOKEN: "s3cret-token" }).getTrace(trace.traceId))?.traceId).toBe(trace.traceId);

    mlflow.requiredAuthorization = "Basic " + Buffer.from("bob:pa55").toString("base64");
    const basic = store({}, { MLFLOW_TRACKING_USERNAME: "bob", MLFLOW_TRACKING_PASSWORD: "pa55" });
    expect((await basic.getTrace(trace.traceId))?.traceId).toBe(trace.traceId);
    mlflow.failNext("/api/3.0/mlflow/traces/get", 403);
    const forbidden = await rejection(basic.getTrace(trace.traceId));
    expect(forbidden.message).toContain("HTTP 403");
    expect(forbidden.message).toContain(mlflow.uri);
    expect(forbidden.message).not.toContain("pa55");
    expect(forbidden.message).not.toContain(Buffer.from("bob:pa55").toString("base64"));
  });

  it("sends a user:password@ URI's credentials as basic auth, and never prints them", async () => {
    const { trace } = agentTrace();
    await exporter.export([trace]);
    mlflow.requiredAuthorization = "Basic " + Buffer.from("bob:p@ss").toString("base64");
    const inUri = (password: string) => mlflow.uri.replace("http://", `http://bob:${encodeURIComponent(password)}@`);
    expect((await store({ trackingUri: inUri("p@ss") }).getTrace(trace.traceId))?.traceId).toBe(trace.traceId);
    const refused = await rejection(store({ trackingUri: inUri("wrong-pa55") }).getTrace(trace.traceId));
    expect(refused.message).toContain(`at ${mlflow.uri} refused GET /api/3.0/mlflow/traces/get (HTTP 401)`);
    expect(refused.message).not.toContain("wrong-pa55");
    expect(refused.message).not.toContain(Buffer.from("bob:wrong-pa55").toString("base64"));
  });

  it("retries 429 and 5xx a bounded number of times", async () => {
    const { trace } = agentTrace();
    await exporter.export([trace]);
    const remote = store();
    mlflow.failNext("/api/3.0/mlflow/traces/get", 503, 429);
    expect((await remote.getTrace(trace.traceId))?.traceId).toBe(trace.traceId);
    expect(mlflow.calls.filter((c) => c.path === "/api/3.0/mlflow/traces/get").map((c) => c.status)).toEqual([503, 429, 200]);

    mlflow.failNext("/api/3.0/mlflow/traces/search", 500, 502, 503);
    const error = await rejection(remote.searchTraces());
    expect(error.message).toBe(`The MLflow tracking server at ${mlflow.uri} kept failing (POST /api/3.0/mlflow/traces/search, 3 attempt(s)): HTTP 503: TEMPORARILY_UNAVAILABLE: forced`);
    expect(mlflow.calls.filter((c) => c.path === "/api/3.0/mlflow/traces/search")).toHaveLength(3);
  });

  it("gives up on a server that accepts the request and never answers, naming the wait", async () => {
    const silent = http.createServer(() => {}); // never replies
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    const uri = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const error = await rejection(store({ trackingUri: uri, timeoutMs: 50, retry: { maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 1 } }).searchTraces());
      expect(error).toBeInstanceOf(MlflowServerError);
      expect(error.message).toBe(`Cannot reach the MLflow tracking server at ${uri} (POST /api/3.0/mlflow/traces/search, 2 attempt(s)): no reply within 50 ms`);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("does not follow a redirect (the credentials would go along) and says where it points", async () => {
    const redirecting = http.createServer((req, res) => res.writeHead(308, { Location: `https://mlflow.example${req.url}` }).end());
    redirecting.listen(0, "127.0.0.1");
    await once(redirecting, "listening");
    const uri = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
    try {
      const error = await rejection(store({ trackingUri: uri }, { MLFLOW_TRACKING_TOKEN: "s3cret" }).getTrace("tr-" + "1".repeat(32)));
      expect(error).toBeInstanceOf(MlflowServerError);
      expect(error.message).toBe(
        `The MLflow tracking server at ${uri} refused GET /api/3.0/mlflow/traces/get: HTTP 308 (a redirect to https://mlflow.example/api/3.0/mlflow/traces/get?trace_id=tr-${"1".repeat(32)}&allow_partial=false: set the tracking URI to the server's own address)`,
      );
    } finally {
      redirecting.closeAllConnections();
      redirecting.close();
    }
  });

  it("fails calls in progress and later ones once the store is closed", async () => {
    const remote = store({ retry: { maxAttempts: 3, initialBackoffMs: 10_000, maxBackoffMs: 10_000 } });
    mlflow.failNext("/api/3.0/mlflow/traces/search", 503);
    const waiting = rejection(remote.searchTraces());
    await new Promise((resolve) => setTimeout(resolve, 50)); // the 503 came; the retry waits
    await remote.close();
    expect(remote.closed).toBe(true);
    expect((await waiting).message).toBe(`POST /api/3.0/mlflow/traces/search to ${mlflow.uri} was cancelled: the store was closed`);
    expect((await rejection(remote.getTrace("tr-" + "0".repeat(32)))).message).toMatch(/^GET \/api\/3\.0\/mlflow\/traces\/get to .* was cancelled: the store was closed$/);
  });

  it("reads a reply of megabytes whole (a trace with large inputs)", async () => {
    const { trace } = agentTrace();
    const big = "x".repeat(3_000_000);
    const [root, ...rest] = trace.spans;
    const large = new Trace(trace.info, [new Span({ ...root!, attributes: { ...root!.attributes, "mlflow.spanInputs": JSON.stringify({ document: big }) } }), ...rest]);
    await exporter.export([large]);
    const back = (await store().getTrace(trace.traceId))!;
    expect(mlflow.calls.at(-1)!.status).toBe(200);
    expect((back.getSpan(root!.spanId)!.inputs as { document: string }).document).toBe(big);
  });

  it("says so when the reply is not JSON (a proxy's login page, a wrong URI)", async () => {
    mlflow.replyNext("/api/3.0/mlflow/traces/search", { status: 200, body: "<html><body>Sign in</body></html>", contentType: "text/html" });
    const error = await rejection(store().searchTraces());
    expect(error).toBeInstanceOf(MlflowServerError);
    expect(error.message).toContain(mlflow.uri);
    expect(error.message).toMatch(/not MLflow's JSON \(HTTP 200, text\/html\): "<html><body>Sign in<\/body><\/html>"/);
  });
});
