/**
 * Sessions through MlflowServerStore against the fake MLflow server: the same seeded traces
 * exported as to a real server (OTLP + StartTraceV3), then counted from the REST search and
 * read back turn by turn; the numbers equal the SQLite store's. Past the scan limit the
 * result says its numbers are lower bounds.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { createMlflowExporter, type MlflowExporter } from "../../src/export/mlflow/index.js";
import { Trace } from "../../src/model/trace.js";
import { MlflowServerStore } from "../../src/query/remote/index.js";
import { SESSION_SCAN_LIMIT, searchServerSessions } from "../../src/query/remote/server-sessions.js";
import { type SearchTracesOptions } from "../../src/query/search-traces.js";
import { TraceStore } from "../../src/query/trace-store.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { HOSTILE_SESSION, seedSessions } from "../support/sessions-seed.js";

const FAST_RETRY = { maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20 };
let mlflow: FakeMlflowServer;
let exporter: MlflowExporter;
let server: MlflowServerStore;
let file: TraceStore;

beforeAll(async () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), "traced-sessions-server-")), "traces.db");
  const traces = await seedSessions(dbPath);
  file = TraceStore.open(dbPath);
  mlflow = await FakeMlflowServer.start();
  mlflow.experiments.add("42");
  exporter = createMlflowExporter({ trackingUri: mlflow.uri, experimentId: "42", retry: FAST_RETRY }, {}, new Diagnostics());
  await exporter.export(traces);
  server = new MlflowServerStore({ trackingUri: mlflow.uri, experimentId: "42", retry: FAST_RETRY });
});
afterAll(async () => {
  await exporter.shutdown();
  await server.close();
  await mlflow.close();
  file.close();
});

describe("sessions through an MLflow tracking server", () => {
  it("lists the same sessions with the same numbers as the SQLite store", async () => {
    const remote = await server.searchSessions();
    expect(remote.incomplete).toBeUndefined();
    expect(remote.sessions).toEqual(file.searchSessions().sessions);
    expect(remote.sessions.map((s) => s.sessionId)).toEqual([HOSTILE_SESSION, "s-gamma", "s-beta", "s-alpha"]);
  });

  it("orders, pages and filters as the SQLite store does", async () => {
    const first = await server.searchSessions({ orderBy: ["turns DESC"], maxResults: 2 });
    expect(first.sessions.map((s) => s.sessionId)).toEqual(["s-alpha", "s-gamma"]);
    const rest = await server.searchSessions({ orderBy: ["turns DESC"], maxResults: 2, pageToken: first.nextPageToken! });
    expect(rest.sessions.map((s) => s.sessionId)).toEqual([HOSTILE_SESSION, "s-beta"]);
    const errors = await server.searchSessions({ filter: "trace.status = 'ERROR'" });
    expect(errors.sessions).toEqual(file.searchSessions({ filter: "trace.status = 'ERROR'" }).sessions);
  });

  it("reads a session's turns with the same texts and numbers", async () => {
    const remote = await server.getSession("s-alpha");
    expect(remote).toEqual(file.getSession("s-alpha"));
    expect(remote!.turns.map((t) => t.input)).toEqual(["What is 2+2?", "And times 3?", "Thanks!"]);
    await expect(server.getSession(HOSTILE_SESSION)).resolves.toEqual(file.getSession(HOSTILE_SESSION));
    await expect(server.getSession("no-such-session")).resolves.toBeUndefined();
  });

  it("refuses a session id MLflow's filter cannot quote, before any request", async () => {
    const calls = mlflow.calls.length;
    await expect(server.getSession(`it's "quoted"`)).rejects.toThrow(/cannot express the session id/);
    expect(mlflow.calls.length).toBe(calls);
  });

  it("traced sessions list|show --tracking-uri read the server", async () => {
    // Run asynchronously: the fake server lives in this process and must answer meanwhile.
    const run = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const cli = join(import.meta.dirname, "../../dist/esm/cli/main.js");
        const child = spawn(process.execPath, [cli, "--tracking-uri", mlflow.uri, "--experiment-id", "42", ...args], { env: { ...process.env, TRACED_DB: "", MLFLOW_TRACKING_URI: "" } });
        let stdout = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.on("close", (status) => resolve({ status, stdout }));
      });
    const list = await run("sessions", "list", "--json");
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual({ sessions: file.searchSessions({ maxResults: 25 }).sessions });
    const show = await run("sessions", "show", "s-alpha");
    expect(show.stdout).toContain("3 turns");
    expect(show.stdout).toContain("user: And times 3?");
  });

  it("says the numbers are lower bounds when the server holds more than the scan limit", async () => {
    // A source that always has one more page: the scan stops at the limit and says so.
    const info = (await server.searchTraces({ filter: "metadata.`mlflow.trace.session` = 's-beta'", includeSpans: false })).traces[0]!.info;
    let served = 0;
    const endless = {
      async searchTraces(options: SearchTracesOptions) {
        const page = Array.from({ length: options.maxResults! }, (_, i) => new Trace({ ...info, traceId: `tr-${served + i}` }, []));
        served += page.length;
        return { traces: page, nextPageToken: "more" };
      },
      getTrace: async () => undefined,
    };
    const result = await searchServerSessions(endless, {});
    expect(served).toBe(SESSION_SCAN_LIMIT);
    expect(result.sessions).toEqual([expect.objectContaining({ sessionId: "s-beta", turns: SESSION_SCAN_LIMIT })]);
    expect(result.incomplete).toEqual({ fields: expect.arrayContaining(["turns", "cost", "errors"]), reason: expect.stringContaining("lower bounds") });
  });
});
