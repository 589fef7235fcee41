/**
 * `traces import` and TraceStore.importTraces read what MLflow's REST API answers, saved to
 * a file: `traces/get` replies (a trace with its OpenTelemetry spans) and `traces/search`
 * replies (trace infos). The replies are the fake server's, fetched as any client would.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { createMlflowExporter, type MlflowExporter } from "../../src/export/mlflow/index.js";
import { type Trace } from "../../src/model/trace.js";
import { LocalTraceStore, parseMlflowTraces } from "../../src/query/index.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { fiveTraces } from "./store-suite/store-suite.js";

let mlflow: FakeMlflowServer;
let exporter: MlflowExporter;
let dir: string;

beforeEach(async () => {
  mlflow = await FakeMlflowServer.start();
  exporter = createMlflowExporter({ trackingUri: mlflow.uri, experimentId: "0" }, {}, new Diagnostics());
  dir = mkdtempSync(join(tmpdir(), "traced-rest-import-"));
});
afterEach(async () => {
  await exporter.shutdown();
  await mlflow.close();
});

/** The raw reply text, as `curl` would save it. */
async function reply(path: string, init?: RequestInit): Promise<string> {
  const response = await fetch(mlflow.uri + path, init);
  expect(response.status).toBe(200);
  return response.text();
}

async function savedGet(trace: Trace): Promise<string> {
  const file = join(dir, `${trace.traceId}.json`);
  writeFileSync(file, await reply(`/api/3.0/mlflow/traces/get?trace_id=${trace.traceId}`));
  return file;
}

async function savedSearch(): Promise<string> {
  const file = join(dir, "search.json");
  const body = JSON.stringify({ locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: "0" } }], max_results: 100 });
  writeFileSync(file, await reply("/api/3.0/mlflow/traces/search", { method: "POST", body, headers: { "Content-Type": "application/json" } }));
  return file;
}

function expectSameTrace(back: Trace | undefined, original: Trace): void {
  expect(back).toBeDefined();
  expect(back!.info).toMatchObject({ traceId: original.traceId, requestTimeMs: original.info.requestTimeMs, state: original.info.state, tags: original.info.tags });
  expect(back!.spans.map((s) => [s.spanId, s.parentId, s.name, s.startTimeNs, s.endTimeNs, s.status, s.attributes, s.events])).toEqual(
    original.spans.map((s) => [s.spanId, s.parentId, s.name, s.startTimeNs, s.endTimeNs, s.status, s.attributes, s.events]),
  );
}

describe("importing MLflow REST replies", () => {
  it("reads a traces/get reply: the trace and its spans exactly (nanosecond times beyond 2^53)", async () => {
    const traces = fiveTraces();
    await exporter.export(traces);
    await exporter.forceFlush();
    const store = new LocalTraceStore(join(dir, "t.db"));
    try {
      expect(await store.importTraces(await savedGet(traces[2]!))).toBe(1);
      expectSameTrace(await store.getTrace(traces[2]!.traceId), traces[2]!);
      // Its `trace` object alone reads the same.
      const [alone] = parseMlflowTraces(JSON.stringify(JSON.parse(await reply(`/api/3.0/mlflow/traces/get?trace_id=${traces[0]!.traceId}`)).trace));
      expect(alone!.traceId).toBe(traces[0]!.traceId);
    } finally {
      await store.close();
    }
  });

  it("reads a traces/search reply as trace infos, keeping the spans of traces already stored", async () => {
    const traces = fiveTraces();
    await exporter.export(traces);
    await exporter.forceFlush();
    const store = new LocalTraceStore(join(dir, "t.db"));
    try {
      await store.importTraces(await savedGet(traces[1]!));
      await mlflow.calls.splice(0);
      // A tag set on the server since: the search reply carries it.
      await reply(`/api/2.0/mlflow/traces/${traces[1]!.traceId}/tags`, { method: "PATCH", body: JSON.stringify({ key: "reviewed", value: "yes" }), headers: { "Content-Type": "application/json" } });
      expect(await store.importTraces(await savedSearch())).toBe(5);
      const updated = (await store.getTrace(traces[1]!.traceId))!;
      expect(updated.info.tags.reviewed).toBe("yes");
      expect(updated.spans).toHaveLength(traces[1]!.spans.length);
      const infoOnly = (await store.getTrace(traces[3]!.traceId))!;
      expect(infoOnly.info.tags).toEqual(traces[3]!.info.tags);
      expect(infoOnly.spans).toEqual([]);
      expect((await store.searchTraces({ filter: "tag.team = 'a'", includeSpans: false })).traces.map((t) => t.traceId).sort()).toEqual(
        [traces[1]!.traceId, traces[3]!.traceId].sort(),
      );
    } finally {
      await store.close();
    }
  });

  it("says which file and what is wrong with a reply that is not a trace", () => {
    expect(() => parseMlflowTraces(JSON.stringify({ trace: { trace_info: { request_time: "2026-01-01T00:00:00Z" } } }), "bad.json")).toThrow(/bad\.json: info\.trace_id is missing/);
    expect(() => parseMlflowTraces(JSON.stringify({ trace: { trace_info: { trace_id: "tr-1", request_time: "x" }, spans: [7] } }), "bad.json")).toThrow(/bad\.json/);
  });

  it("`traced traces import` takes a directory of saved replies", async () => {
    const traces = fiveTraces();
    await exporter.export(traces);
    await exporter.forceFlush();
    await savedGet(traces[0]!);
    await savedGet(traces[4]!);
    const db = join(dir, "cli.db");
    const cli = resolve("dist/esm/cli/main.js");
    const result = spawnSync(process.execPath, [cli, "traces", "import", "--db", db, dir], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.stdout).toContain("Imported 2 traces");
    expect(result.status).toBe(0);
    const store = new LocalTraceStore(db);
    try {
      expectSameTrace(await store.getTrace(traces[4]!.traceId), traces[4]!);
    } finally {
      await store.close();
    }
  });
});
