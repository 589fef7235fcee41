/**
 * A search page's spans from the fake MLflow server: with batchGet (recent servers, several
 * traces a request), and one `traces/get` per trace where the server has no batchGet or
 * cannot give a trace in a batch.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { createMlflowExporter, type MlflowExporter } from "../../src/export/mlflow/index.js";
import { type Trace } from "../../src/model/trace.js";
import { MlflowServerError, MlflowServerStore } from "../../src/query/remote/index.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { agentTrace } from "../support/sample-traces.js";

const FAST_RETRY = { maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20 };
const BATCH = "/api/3.0/mlflow/traces/batchGet";
const GET = "/api/3.0/mlflow/traces/get";

let mlflow: FakeMlflowServer;
let exporter: MlflowExporter;
let store: MlflowServerStore;

beforeEach(async () => {
  mlflow = await FakeMlflowServer.start();
  exporter = createMlflowExporter({ trackingUri: mlflow.uri, experimentId: "0", retry: FAST_RETRY }, {}, new Diagnostics());
  store = new MlflowServerStore({ trackingUri: mlflow.uri, experimentId: "0", retry: FAST_RETRY }, {});
});
afterEach(async () => {
  await exporter.shutdown();
  await store.close();
  await mlflow.close();
});

async function exportTraces(count: number): Promise<Trace[]> {
  const traces = Array.from({ length: count }, () => agentTrace().trace);
  await exporter.export(traces);
  return traces;
}

/** The calls made by `work`, as "METHOD path status". */
async function callsOf(work: () => Promise<unknown>): Promise<string[]> {
  const before = mlflow.calls.length;
  await work();
  return mlflow.calls.slice(before).map((c) => `${c.method} ${c.path} ${c.status}`);
}

function expectSameTraces(read: readonly Trace[], sent: readonly Trace[]): void {
  const byId = new Map(sent.map((t) => [t.traceId, t]));
  for (const trace of read) {
    const original = byId.get(trace.traceId)!;
    expect(trace.spans.map((s) => [s.spanId, s.name, s.startTimeNs])).toEqual(original.spans.map((s) => [s.spanId, s.name, s.startTimeNs]));
    expect(trace.info.tags).toEqual(original.info.tags);
  }
}

describe("searchTraces reads a page's spans with batchGet", () => {
  it("asks for a page of 100 traces in one request, the ids repeated in the query", async () => {
    const sent = await exportTraces(100);
    let page: Trace[] = [];
    const calls = await callsOf(async () => (page = (await store.searchTraces({ maxResults: 100 })).traces));
    expect(calls).toEqual(["POST /api/3.0/mlflow/traces/search 200", `GET ${BATCH} 200`]);
    const batch = mlflow.calls.find((c) => c.path === BATCH)!;
    expect(batch.query.getAll("trace_ids")).toEqual(page.map((t) => t.traceId));
    expect(page).toHaveLength(100);
    expectSameTraces(page, sent);
  });

  it("splits the ids over more requests once a server refuses a request line that long (gunicorn's 4094 bytes)", async () => {
    const sent = await exportTraces(100);
    mlflow.maxRequestLine = 4094;
    let page: Trace[] = [];
    const first = await callsOf(async () => (page = (await store.searchTraces({ maxResults: 100 })).traces));
    expect(first).toEqual(["POST /api/3.0/mlflow/traces/search 200", `GET ${BATCH} 400`, `GET ${BATCH} 200`, `GET ${BATCH} 200`]);
    expect(page.map((t) => t.spans.length)).toEqual(Array(100).fill(3));
    expectSameTraces(page, sent);
    // Remembered: the next page goes in halves at once.
    expect(await callsOf(() => store.searchTraces({ maxResults: 100 }))).toEqual(["POST /api/3.0/mlflow/traces/search 200", `GET ${BATCH} 200`, `GET ${BATCH} 200`]);
  });

  it("reads a trace the batch left out (its spans outside the server's database) with traces/get", async () => {
    const sent = await exportTraces(3);
    mlflow.spansInArtifacts.add(sent[1]!.traceId);
    let page: Trace[] = [];
    const calls = await callsOf(async () => (page = (await store.searchTraces()).traces));
    expect(calls).toEqual(["POST /api/3.0/mlflow/traces/search 200", `GET ${BATCH} 200`, `GET ${GET} 200`]);
    expect(mlflow.calls.at(-1)!.query.get("trace_id")).toBe(sent[1]!.traceId);
    expect(page.map((t) => t.spans.length)).toEqual([3, 3, 3]);
    expectSameTraces(page, sent);
  });

  it("on a server without batchGet (its traces/{id} route answers 404): traces/get per trace, found out once per store", async () => {
    mlflow.batchGet = false;
    const sent = await exportTraces(3);
    const first = await callsOf(() => store.searchTraces());
    expect(first).toEqual([
      "POST /api/3.0/mlflow/traces/search 200",
      `GET ${BATCH} 404`,
      `GET ${GET} 200`,
      `GET ${GET} 200`,
      `GET ${GET} 200`,
    ]);
    let page: Trace[] = [];
    const second = await callsOf(async () => (page = (await store.searchTraces()).traces));
    expect(second).toEqual(["POST /api/3.0/mlflow/traces/search 200", `GET ${GET} 200`, `GET ${GET} 200`, `GET ${GET} 200`]);
    expect(page).toHaveLength(3);
    expectSameTraces(page, sent);
  });

  it("a batch the server keeps failing (5xx after the retries): that page per trace, and per trace from then on", async () => {
    const sent = await exportTraces(2);
    mlflow.failNext(BATCH, 500, 500, 500);
    let page: Trace[] = [];
    const calls = await callsOf(async () => (page = (await store.searchTraces()).traces));
    expect(calls).toEqual(["POST /api/3.0/mlflow/traces/search 200", `GET ${BATCH} 500`, `GET ${BATCH} 500`, `GET ${BATCH} 500`, `GET ${GET} 200`, `GET ${GET} 200`]);
    expectSameTraces(page, sent);
    expect(await callsOf(() => store.searchTraces())).toEqual(["POST /api/3.0/mlflow/traces/search 200", `GET ${GET} 200`, `GET ${GET} 200`]);
  });

  it("credentials refused on batchGet are the error, not a reason to go per trace", async () => {
    await exportTraces(2);
    mlflow.failNext(BATCH, 403);
    const error = await store.searchTraces().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(MlflowServerError);
    expect(error!.message).toContain(`refused GET ${BATCH} (HTTP 403)`);
    expect(mlflow.calls.some((c) => c.path === GET)).toBe(false);
  });

  it("a reply that is not traces names the server and the call", async () => {
    await exportTraces(1);
    mlflow.replyNext(BATCH, { status: 200, body: { traces: [{ spans: [] }] } });
    await expect(store.searchTraces()).rejects.toThrow(`The tracking server at ${mlflow.uri} answered traces/batchGet with something that is not a trace`);
  });
});
