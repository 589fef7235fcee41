/**
 * The `traced traces …` commands against an MLflow tracking server: the built CLI in a child
 * process talking to the fake MLflow server over HTTP (REST API 3.0, and OTLP + StartTraceV3
 * for writes, as to a real server). The child runs asynchronously so this process can answer.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { createMlflowExporter } from "../../src/export/mlflow/index.js";
import { traceFromMlflowJson, traceToMlflowDict } from "../../src/model/mlflow-json.js";
import { Trace } from "../../src/model/trace.js";
import { MlflowServerStore } from "../../src/query/remote/index.js";
import { TraceStore } from "../../src/query/trace-store.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { goldenTrace, makeTrace } from "../unit/store-test-traces.js";

const root = join(import.meta.dirname, "../..");
const cli = join(root, "dist/esm/cli/main.js");
const GOLDEN_ID = "tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a";
const TOKEN = "s3cret-token-do-not-print";

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

let mlflow: FakeMlflowServer;
let dir: string;

function traced(args: string[], env: NodeJS.ProcessEnv = {}, command: string[] = [process.execPath, cli]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], {
      cwd: dir,
      env: { ...process.env, TRACED_DB: "", MLFLOW_TRACKING_URI: "", MLFLOW_EXPERIMENT_ID: "", MLFLOW_TRACKING_TOKEN: "", NO_COLOR: "1", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Against the fake server with --tracking-uri. */
function remote(...args: string[]): Promise<Result> {
  return traced([...args, "--tracking-uri", mlflow.uri]);
}

/** Four traces: the golden one (events, assessments on a span and the trace) and three small ones. */
function sampleTraces(): Trace[] {
  return [
    goldenTrace(),
    makeTrace({ name: "ask", timeMs: Date.UTC(2025, 0, 1), durationMs: 1500, state: "OK", requestPreview: '{"question": "hello"}', tags: { env: "prod" } }),
    makeTrace({ name: "ask", timeMs: Date.UTC(2025, 0, 2), durationMs: 20, state: "ERROR", spans: [{ name: "ask" }, { name: "llm", type: "LLM", status: "ERROR" }] }),
    makeTrace({ name: "summarize", timeMs: Date.UTC(2025, 0, 3), durationMs: 5, state: "OK", tags: { env: "prod" } }),
  ];
}

/** Puts traces on the fake server the way an app's MLflow exporter does. */
async function exportToServer(traces: Trace[], experimentId = "0"): Promise<void> {
  const exporter = createMlflowExporter({ trackingUri: mlflow.uri, experimentId }, {}, new Diagnostics());
  await exporter.export(traces);
  await exporter.shutdown();
}

function localFile(traces: Trace[], name = "local.db"): string {
  const path = join(dir, name);
  const store = TraceStore.open(path);
  store.writeTraces(traces);
  store.close();
  return path;
}

async function serverTrace(traceId: string, experimentId = "0"): Promise<Trace | undefined> {
  const store = new MlflowServerStore({ trackingUri: mlflow.uri, experimentId });
  try {
    return await store.getTrace(traceId);
  } finally {
    await store.close();
  }
}

function parsedValues(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      try {
        return [key, typeof value === "string" ? JSON.parse(value) : value];
      } catch {
        return [key, value];
      }
    }),
  );
}

/**
 * A trace's content as copies must keep it: the info (assessment ids aside where a server
 * assigned new ones) and every span with its times, status, events and attribute values
 * (compared as values: a server may re-encode the JSON text with other spacing).
 */
function content(trace: Trace, options: { assessmentIds: boolean }): unknown {
  const dict = traceToMlflowDict(trace) as { info: Record<string, any>; data: { spans: Record<string, any>[] } };
  const assessments = (dict.info.assessments ?? []).map((a: Record<string, unknown>) => {
    // A server marks each new assessment valid, as MLflow does; unset means the same.
    const { assessment_id: id, overrides: _overrides, ...rest } = { valid: true, ...a } as Record<string, unknown>;
    return options.assessmentIds ? { assessment_id: id, ...rest } : rest;
  });
  const spans = dict.data.spans.map((span) => ({
    ...span,
    attributes: parsedValues(span.attributes),
    events: (span.events ?? []).map((event: Record<string, any>) => ({ ...event, attributes: parsedValues(event.attributes ?? {}) })),
  }));
  return { info: { ...dict.info, assessments }, spans };
}

beforeEach(async () => {
  mlflow = await FakeMlflowServer.start();
  dir = mkdtempSync(join(tmpdir(), "traced-cli-remote-"));
});
afterEach(async () => {
  await mlflow.close();
});

describe("traced traces … --tracking-uri http://… (reading)", () => {
  it("lists the server's traces, newest first, from --tracking-uri or MLFLOW_TRACKING_URI", async () => {
    await exportToServer(sampleTraces());
    const result = await remote("traces", "list");
    expect(result).toMatchObject({ status: 0, stderr: "" });
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^TRACE ID\s+NAME\s+STATE\s+DURATION\s+TIME \(UTC\)\s+REQUEST$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(["summarize", "ask", "ask", "agent"]);
    expect(lines[3]).toContain('{"question": "hello"}');
    expect(mlflow.calls.some((c) => c.path === "/api/3.0/mlflow/traces/search")).toBe(true);

    const fromEnv = await traced(["traces", "list"], { MLFLOW_TRACKING_URI: mlflow.uri });
    expect(fromEnv.stdout).toBe(result.stdout);
  });

  it("searches with a filter and an order on the server, and pages with its tokens", async () => {
    await exportToServer(sampleTraces());
    const prod = await remote("traces", "list", "--filter", "tag.env = 'prod'", "--order-by", "timestamp_ms ASC");
    expect(prod.stdout.trimEnd().split("\n").slice(1).map((l) => l.split(/\s+/)[1])).toEqual(["ask", "summarize"]);
    const search = mlflow.calls.filter((c) => c.path === "/api/3.0/mlflow/traces/search").at(-1)!;
    expect(JSON.parse(search.body.toString())).toMatchObject({ filter: "tag.env = 'prod'", order_by: ["timestamp_ms ASC"] });

    const first = await remote("traces", "list", "-n", "3", "--json");
    const page = JSON.parse(first.stdout) as { traces: { trace_id: string }[]; next_page_token: string };
    expect(page.traces).toHaveLength(3);
    const second = JSON.parse((await remote("traces", "list", "-n", "3", "--json", "--page-token", page.next_page_token)).stdout) as { traces: { trace_id: string }[] };
    expect(second.traces.map((t) => t.trace_id)).toEqual([GOLDEN_ID]);
  });

  it("rejects a filter MLflow would reject before any request, as with a file (exit 2)", async () => {
    const result = await remote("traces", "list", "--filter", "trace.status = 'OK' AND bogus.key = 1");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/position 24/);
    expect(mlflow.calls.filter((c) => c.path.includes("search"))).toEqual([]);
  });

  it("reads one experiment with --experiment-id or MLFLOW_EXPERIMENT_ID", async () => {
    mlflow.experiments.add("7");
    const [golden, ...others] = sampleTraces();
    await exportToServer(others);
    await exportToServer([golden!], "7");
    const inSeven = JSON.parse((await remote("traces", "list", "--json", "--experiment-id", "7")).stdout) as { traces: { trace_id: string }[] };
    expect(inSeven.traces.map((t) => t.trace_id)).toEqual([GOLDEN_ID]);
    const fromEnv = JSON.parse((await traced(["traces", "list", "--json"], { MLFLOW_TRACKING_URI: mlflow.uri, MLFLOW_EXPERIMENT_ID: "7" })).stdout);
    expect(fromEnv).toEqual(inSeven);
    const inDefault = JSON.parse((await remote("traces", "list", "--json")).stdout) as { traces: unknown[] };
    expect(inDefault.traces).toHaveLength(3);
  });

  it("shows a trace from the server: the span tree, events, tags and assessments; --json is MLflow's JSON", async () => {
    await exportToServer([goldenTrace()]);
    const result = await remote("traces", "show", GOLDEN_ID);
    expect(result.status).toBe(0);
    const local = await traced(["--db", localFile([goldenTrace()]), "traces", "show", GOLDEN_ID]);
    // The same view as from the file, apart from what the server assigned (assessment ids are not shown).
    expect(result.stdout).toBe(local.stdout);

    const json = traceFromMlflowJson((await remote("traces", "show", GOLDEN_ID, "--json")).stdout);
    expect(json.traceId).toBe(GOLDEN_ID);
    expect((content(json, { assessmentIds: true }) as { spans: unknown }).spans).toEqual((content(goldenTrace(), { assessmentIds: true }) as { spans: unknown }).spans);

    const missing = await remote("traces", "show", "tr-" + "0".repeat(32));
    expect(missing).toMatchObject({ status: 1, stderr: `traced: Trace tr-${"0".repeat(32)} not found\n` });
  });

  it("exports the server's traces as MLflow JSON", async () => {
    await exportToServer(sampleTraces());
    const result = await remote("traces", "export", "--filter", "tag.env = 'prod'");
    expect(result.status).toBe(0);
    const exported = JSON.parse(result.stdout) as { info: { tags: Record<string, string> } }[];
    expect(exported.map((t) => t.info.tags["mlflow.traceName"])).toEqual(["summarize", "ask"]);
  });
});

describe("traced traces … --tracking-uri http://… (changing)", () => {
  it("sets and deletes a tag on the server", async () => {
    await exportToServer([goldenTrace()]);
    expect((await remote("traces", "tag", GOLDEN_ID, "reviewed", "yes")).stdout).toBe(`Set tag reviewed on ${GOLDEN_ID}\n`);
    expect((mlflow.traces.get(GOLDEN_ID)!.info.tags as Record<string, string>).reviewed).toBe("yes");
    expect((await remote("traces", "tag", GOLDEN_ID, "reviewed", "--delete")).stdout).toBe(`Deleted tag reviewed from ${GOLDEN_ID}\n`);
    expect(mlflow.traces.get(GOLDEN_ID)!.info.tags).not.toHaveProperty("reviewed");
    expect(await remote("traces", "tag", GOLDEN_ID, "reviewed", "--delete")).toMatchObject({ status: 1, stderr: `traced: Trace ${GOLDEN_ID} has no tag "reviewed"\n` });
  });

  it("logs feedback and an expectation on the server", async () => {
    await exportToServer([goldenTrace()]);
    const feedback = await remote("traces", "feedback", GOLDEN_ID, "helpful", "false", "--rationale", "off topic", "--source-id", "alice");
    expect(feedback.status).toBe(0);
    const logged = JSON.parse(feedback.stdout) as Record<string, unknown>;
    expect(logged).toMatchObject({ assessment_name: "helpful", feedback: { value: false }, rationale: "off topic", source: { source_type: "HUMAN", source_id: "alice" } });
    const stored = mlflow.traces.get(GOLDEN_ID)!.assessments.find((a) => a.assessment_name === "helpful")!;
    expect(stored.assessment_id).toBe(logged.assessment_id);
    expect((await remote("traces", "expectation", GOLDEN_ID, "answer", "4")).status).toBe(0);
    expect((await serverTrace(GOLDEN_ID))!.info.assessments.map((a) => a.name)).toEqual(["relevance", "expected_facts", "helpful", "answer"]);
    expect((await remote("traces", "feedback", "tr-" + "0".repeat(32), "helpful", "true")).status).toBe(1);
  });

  it("deletes by id and by age in the experiment", async () => {
    const traces = sampleTraces();
    await exportToServer(traces);
    const byId = await remote("traces", "delete", traces[1]!.traceId, "tr-" + "0".repeat(32));
    expect(byId).toMatchObject({ status: 1, stdout: "Deleted 1 trace\n", stderr: "traced: 1 of the given trace ids were not found\n" });
    const byAge = await remote("traces", "delete", "--older-than", "2025-01-02T12:00:00Z");
    expect(byAge).toMatchObject({ status: 0, stdout: "Deleted 2 traces\n" });
    expect([...mlflow.traces.keys()]).toEqual([traces[3]!.traceId]);
  });
});

describe("traced traces copy", () => {
  it("copies a file to a server: ids, spans, tags, metadata and assessments intact", async () => {
    const traces = sampleTraces();
    const from = localFile(traces);
    mlflow.experiments.add("5");
    const result = await traced(["traces", "copy", "--from", from, "--to", mlflow.uri, "--experiment-id", "5"]);
    expect(result).toMatchObject({ status: 0, stdout: `Copied 4 traces from ${from} to ${mlflow.uri} (experiment 5)\n`, stderr: "" });
    // Sent as traced's MLflow exporter sends them: spans over OTLP, then the info, then assessments.
    expect(new Set(mlflow.calls.map((c) => `${c.method} ${c.path.replace(/tr-[0-9a-f]+/, "{id}")}`))).toEqual(
      new Set(["POST /v1/traces", "POST /api/3.0/mlflow/traces", "POST /api/3.0/mlflow/traces/{id}/assessments"]),
    );
    for (const trace of traces) {
      const copied = (await serverTrace(trace.traceId, "5"))!;
      expect(copied.info.traceLocation.experimentId).toBe("5");
      const expected = content(trace, { assessmentIds: false }) as { info: Record<string, unknown> };
      const actual = content(copied, { assessmentIds: false }) as { info: Record<string, unknown> };
      expect({ ...actual, info: { ...actual.info, trace_location: undefined } }).toEqual({ ...expected, info: { ...expected.info, trace_location: undefined } });
    }
  });

  it("copies a server to a file (default --from: MLFLOW_TRACKING_URI), with a filter, ids and assessment ids intact", async () => {
    await exportToServer(sampleTraces());
    const to = join(dir, "pulled.db");
    const all = await traced(["traces", "copy", "--to", to], { MLFLOW_TRACKING_URI: mlflow.uri });
    expect(all).toMatchObject({ status: 0, stdout: `Copied 4 traces from ${mlflow.uri} to ${to}\n` });
    const store = TraceStore.open(to);
    try {
      for (const id of [...mlflow.traces.keys()]) {
        expect(content(store.getTrace(id)!, { assessmentIds: true })).toEqual(content((await serverTrace(id))!, { assessmentIds: true }));
      }
    } finally {
      store.close();
    }

    const errorsOnly = join(dir, "prod.db");
    const filtered = await traced(["traces", "copy", "--from", mlflow.uri, "--to", `sqlite:///${errorsOnly}`, "--filter", "tag.env = 'prod'"]);
    expect(filtered.stdout).toBe(`Copied 2 traces from ${mlflow.uri} to ${errorsOnly}\n`);
  });

  it("keeps which assessment overrides which, both ways: the server's new ids on the server, the same ids back in a file", async () => {
    const base = { traceId: "", source: { sourceType: "HUMAN" as const, sourceId: "ann" }, createTimeMs: Date.UTC(2025, 0, 1), lastUpdateTimeMs: Date.UTC(2025, 0, 1) };
    const first = { ...base, assessmentId: "a-" + "1".repeat(32), name: "thumbs", feedback: { value: false }, valid: false };
    // Listed before the one it overrides: it still has to go after it.
    const second = { ...base, assessmentId: "a-" + "2".repeat(32), name: "thumbs", feedback: { value: true }, valid: true, overrides: first.assessmentId };
    const other = { ...base, assessmentId: "a-" + "3".repeat(32), name: "note", feedback: { value: "ok" }, valid: true };
    const trace = makeTrace({ name: "ask", timeMs: Date.UTC(2025, 0, 1) });
    const withAssessments = new Trace({ ...trace.info, assessments: [second, other, first].map((a) => ({ ...a, traceId: trace.traceId })) }, trace.spans);
    const from = localFile([withAssessments]);

    expect((await traced(["traces", "copy", "--from", from, "--to", mlflow.uri])).status).toBe(0);
    const onServer = (await serverTrace(trace.traceId))!.info.assessments;
    const byValue = (value: unknown) => onServer.find((a) => a.feedback?.value === value)!;
    expect(onServer.map((a) => a.assessmentId)).not.toContain(first.assessmentId);
    expect(byValue(true).overrides).toBe(byValue(false).assessmentId);
    expect(byValue(false).valid).toBe(false);
    expect(byValue(true).valid).toBe(true);
    expect(byValue("ok").overrides).toBeUndefined();

    const back = join(dir, "back.db");
    expect((await traced(["traces", "copy", "--from", mlflow.uri, "--to", back])).status).toBe(0);
    const store = TraceStore.open(back);
    try {
      const inFile = store.getTrace(trace.traceId)!.info.assessments;
      expect(inFile.map((a) => [a.assessmentId, a.overrides, a.valid]).sort()).toEqual(onServer.map((a) => [a.assessmentId, a.overrides, a.valid]).sort());
    } finally {
      store.close();
    }
  });

  it("copies file to file, refuses copying a store onto itself, and does not create a missing source", async () => {
    const from = localFile(sampleTraces());
    const to = join(dir, "copy.db");
    expect(await traced(["traces", "copy", "--from", from, "--to", to])).toMatchObject({ status: 0, stdout: `Copied 4 traces from ${from} to ${to}\n` });
    expect(TraceStore.open(to).countTraces()).toBe(4);
    expect(await traced(["--db", from, "traces", "copy", "--to", `sqlite:///${from}`])).toMatchObject({ status: 2, stderr: `traced: --from and --to are the same store (${from})\n` });
    const missing = await traced(["traces", "copy", "--from", join(dir, "nope.db"), "--to", to]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No trace database at .*nope\.db/);
    expect(existsSync(join(dir, "nope.db"))).toBe(false);
  });

  it("imports MLflow trace JSON into the server as the exporter sends it", async () => {
    const file = join(root, "test/fixtures/mlflow/golden-trace.json");
    expect(await remote("traces", "import", file)).toMatchObject({ status: 0, stdout: "Imported 1 trace\n" });
    const imported = (await serverTrace(GOLDEN_ID))!;
    // Into the experiment the command names (here the default, "0"), not the file's.
    expect(imported.info.traceLocation.experimentId).toBe("0");
    const inZero = new Trace({ ...goldenTrace().info, traceLocation: { type: "MLFLOW_EXPERIMENT", experimentId: "0" } }, goldenTrace().spans);
    expect(content(imported, { assessmentIds: false })).toEqual(content(inZero, { assessmentIds: false }));
  });

  it("on a file, --experiment-id selects that experiment's traces, and deleting by age there is refused", async () => {
    const [golden, ...others] = sampleTraces();
    const inSeven = new Trace({ ...golden!.info, traceLocation: { type: "MLFLOW_EXPERIMENT", experimentId: "7" } }, golden!.spans);
    const path = localFile([inSeven, ...others]);
    const listed = JSON.parse((await traced(["traces", "list", "--json", "--db", path, "--experiment-id", "7"])).stdout) as { traces: { trace_id: string }[] };
    expect(listed.traces.map((t) => t.trace_id)).toEqual([GOLDEN_ID]);
    const byAge = await traced(["traces", "delete", "--older-than", "1d", "--db", path, "--experiment-id", "7"]);
    expect(byAge.status, byAge.stderr).toBe(2);
    expect(byAge.stderr).toMatch(/--experiment-id with --older-than needs a tracking server/);
  });

  it("shows a progress bar on a terminal", async () => {
    const from = localFile(sampleTraces());
    // `script` gives the command a pseudo-terminal, as an interactive shell would.
    const command = [process.execPath, cli, "traces", "copy", "--from", from, "--to", mlflow.uri].map((a) => `'${a}'`).join(" ");
    const transcript = await traced(["-qec", command, "/dev/null"], {}, ["script"]);
    expect(transcript.stdout).toContain("Copying traces 4/4 (100%)");
    expect(transcript.stdout).toContain(`Copied 4 traces from ${from} to ${mlflow.uri}`);
  });
});

describe("faults", () => {
  it("a 401 fails with the server, the call and what to check, never the token (exit 1)", async () => {
    await exportToServer(sampleTraces());
    mlflow.requiredAuthorization = "Bearer the-right-one";
    const env = { MLFLOW_TRACKING_URI: mlflow.uri, MLFLOW_TRACKING_TOKEN: TOKEN };
    for (const args of [["traces", "list"], ["traces", "show", GOLDEN_ID], ["traces", "tag", GOLDEN_ID, "k", "v"], ["traces", "copy", "--to", join(dir, "x.db")], ["traces", "copy", "--from", localFile(sampleTraces()), "--to", mlflow.uri]]) {
      const result = await traced(args, env);
      expect(result.status, args.join(" ")).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`${mlflow.uri.replace(/[.:/]/g, "\\$&")}.*401`));
      expect(result.stderr + result.stdout).not.toContain(TOKEN);
    }
    // Nothing was created from a source that refused, and every refusal says what to check.
    expect(existsSync(join(dir, "x.db"))).toBe(false);
    const push = await traced(["traces", "copy", "--from", localFile(sampleTraces(), "push.db"), "--to", mlflow.uri], env);
    expect(push.stderr).toMatch(/^traced: Could not write 4 trace\(s\) to the MLflow tracking server at .*HTTP 401.*check MLFLOW_TRACKING_TOKEN/);
    // The token was sent as MLflow's clients send it.
    expect(mlflow.calls.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const list = await traced(["traces", "list"], env);
    expect(list.stderr).toMatch(/check MLFLOW_TRACKING_TOKEN/);

    const ok = await traced(["traces", "list", "--json"], { ...env, MLFLOW_TRACKING_TOKEN: "the-right-one" });
    expect(JSON.parse(ok.stdout).traces).toHaveLength(4);
  });

  it("traced ui against a server that refuses the token fails at start, before serving, without the token", async () => {
    mlflow.requiredAuthorization = "Bearer the-right-one";
    const result = await traced(["ui", "--port", "0", "--tracking-uri", mlflow.uri], { MLFLOW_TRACKING_TOKEN: TOKEN });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/refused POST \/api\/3\.0\/mlflow\/traces\/search \(HTTP 401\): check MLFLOW_TRACKING_TOKEN/);
    expect(result.stderr).not.toContain(TOKEN);
  });

  it("basic auth: a refused password is never printed, not even from a user:password@ URI", async () => {
    mlflow.requiredAuthorization = `Basic ${Buffer.from("alice:right").toString("base64")}`;
    const password = "wrong-password-1234";
    const result = await traced(["traces", "list"], { MLFLOW_TRACKING_URI: mlflow.uri, MLFLOW_TRACKING_USERNAME: "alice", MLFLOW_TRACKING_PASSWORD: password });
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain(password);
    expect(result.stderr).not.toContain(Buffer.from(`alice:${password}`).toString("base64"));
    const inUri = mlflow.uri.replace("http://", `http://alice:${password}@`);
    const copy = await traced(["traces", "copy", "--from", localFile(sampleTraces()), "--to", inUri]);
    expect(copy.status).toBe(1);
    expect(copy.stderr + copy.stdout).not.toContain(password);
  });

  it("a server that is down, and a URI that is no store, fail clearly", async () => {
    const uri = mlflow.uri;
    await mlflow.close();
    const down = await traced(["traces", "list", "--tracking-uri", uri]);
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(new RegExp(`Cannot reach the MLflow tracking server at ${uri.replace(/[.:/]/g, "\\$&")}.*ECONNREFUSED`));
    mlflow = await FakeMlflowServer.start();

    const scheme = await traced(["traces", "list", "--tracking-uri", "databricks://profile"]);
    expect(scheme.status).toBe(2);
    expect(scheme.stderr).toMatch(/^traced: --tracking-uri: cannot open "databricks:\/\/profile"/);
    expect(await traced(["traces", "list", "--db", "x.db", "--tracking-uri", uri])).toMatchObject({ status: 2, stderr: "traced: Choose --db or --tracking-uri, not both\n" });
  });
});
