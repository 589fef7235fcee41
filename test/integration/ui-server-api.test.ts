/**
 * The UI server's HTTP surface, without a browser: security headers, where it binds,
 * the defences against other sites, the JSON API and its errors, and the live event stream.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Span } from "../../src/model/span.js";
import { Trace } from "../../src/model/trace.js";
import { TraceStore } from "../../src/query/index.js";
import { createUiServer, type UiServer } from "../../src/ui/index.js";

let dir: string;
let dbPath: string;
let server: UiServer;
let writer: TraceStore;

function sampleTrace(id: string, requestTimeMs: number, state: "OK" | "ERROR" = "OK"): Trace {
  const traceId = `tr-${id.padStart(32, "0")}`;
  const start = BigInt(requestTimeMs) * 1_000_000n;
  const span = new Span({
    traceId,
    spanId: id.padStart(16, "0"),
    parentId: null,
    name: `root-${id}`,
    startTimeNs: start,
    endTimeNs: start + 5_000_000n,
    status: { code: state, message: "" },
    attributes: { "mlflow.spanType": '"CHAIN"', "mlflow.spanInputs": '{"q":1}', "mlflow.spanOutputs": '"done"' },
    events: [],
  });
  return new Trace(
    {
      traceId,
      traceLocation: { type: "MLFLOW_EXPERIMENT", experimentId: "0" },
      requestTimeMs,
      executionDurationMs: 5,
      state,
      requestPreview: '{"q":1}',
      responsePreview: '"done"',
      metadata: { "mlflow.trace.user": "alice", "mlflow.trace.tokenUsage": '{"input_tokens":3,"output_tokens":2,"total_tokens":5}' },
      tags: { "mlflow.traceName": `root-${id}`, env: "test" },
      assessments: [],
    },
    [span],
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "traced-ui-api-"));
  dbPath = join(dir, "traces.db");
  // The API does not need the built front end: a stand-in page is enough.
  const assetsDir = join(dir, "assets");
  mkdirSync(assetsDir);
  writeFileSync(join(assetsDir, "index.html"), "<!doctype html><title>stand-in</title>");
  writer = TraceStore.open(dbPath);
  writer.writeTraces([sampleTrace("a1", 1_700_000_000_000), sampleTrace("b2", 1_700_000_001_000, "ERROR"), sampleTrace("c3", 1_700_000_002_000)]);
  server = await createUiServer({ dbPath, port: 0, assetsDir, pollIntervalMs: 50 });
});

afterAll(async () => {
  await server?.close();
  writer?.close();
});

interface ListBody {
  traces: { name: string }[];
  nextPageToken: string | null;
}

const api = (path: string, init?: RequestInit) => fetch(new URL(path, server.url), init);

describe("UI server", () => {
  it("binds 127.0.0.1 by default and prints a loopback URL", () => {
    expect(server.host).toBe("127.0.0.1");
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("sends a strict Content-Security-Policy and companions on pages and API answers", async () => {
    for (const path of ["/", "/traces/tr-x/spans/0123456789abcdef", "/api/traces"]) {
      const response = await api(path);
      const csp = response.headers.get("content-security-policy")!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
    // Deep links get the app's page; an unknown file does not.
    await expect((await api("/traces/tr-x")).text()).resolves.toContain("stand-in");
    expect((await api("/missing.js")).status).toBe(404);
  });

  it("lists traces newest first, with summaries, sorting and pages", async () => {
    const first = (await (await api("/api/traces?maxResults=2")).json()) as ListBody;
    expect(first.traces.map((t) => t.name)).toEqual(["root-c3", "root-b2"]);
    expect(first.traces[0]).toMatchObject({ state: "OK", requestPreview: '{"q":1}', user: "alice", tags: { env: "test" }, tokenUsage: { total_tokens: 5 } });
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = (await (await api(`/api/traces?maxResults=2&pageToken=${encodeURIComponent(first.nextPageToken!)}`)).json()) as ListBody;
    expect(second.traces.map((t) => t.name)).toEqual(["root-a1"]);
    expect(second.nextPageToken).toBeNull();
    const ascending = (await (await api("/api/traces?orderBy=timestamp_ms%20ASC")).json()) as ListBody;
    expect(ascending.traces.map((t) => t.name)).toEqual(["root-a1", "root-b2", "root-c3"]);
  });

  it("filters with MLflow's grammar and reports a bad filter with its position", async () => {
    const errors = (await (await api(`/api/traces?filter=${encodeURIComponent("trace.status = 'ERROR'")}`)).json()) as ListBody;
    expect(errors.traces.map((t) => t.name)).toEqual(["root-b2"]);
    const bad = await api(`/api/traces?filter=${encodeURIComponent("trace.status = 'OK' AND nope.x = 1")}`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { message: string } };
    expect(body.error).toMatchObject({ kind: "filter", position: 24, token: expect.stringContaining("nope") });
    expect(body.error.message).not.toContain("\n");
  });

  it("answers API mistakes with JSON errors", async () => {
    expect((await api("/api/traces?maxResults=0")).status).toBe(400);
    expect((await api("/api/traces?pageToken=garbage")).status).toBe(400);
    expect((await api("/api/traces?orderBy=bogus")).status).toBe(400);
    const missing = await api("/api/traces/tr-nope");
    expect(missing.status).toBe(404);
    await expect(missing.json()).resolves.toMatchObject({ error: { kind: "not_found" } });
    expect((await api("/api/nothing-here")).status).toBe(404);
    const json = { "Content-Type": "application/json" };
    expect((await api("/api/traces/tr-nope/feedback", { method: "POST", headers: json, body: JSON.stringify({ value: true }) })).status).toBe(404);
    const id = sampleTrace("a1", 0).traceId;
    expect((await api(`/api/traces/${id}/feedback`, { method: "POST", headers: json, body: JSON.stringify({ value: "yes" }) })).status).toBe(400);
    expect((await api(`/api/traces/${id}/feedback`, { method: "POST", headers: json, body: "{not json" })).status).toBe(400);
    expect((await api(`/api/traces/${id}/tags/k`, { method: "PUT", headers: json, body: JSON.stringify({ value: 3 }) })).status).toBe(400);
    expect((await api(`/api/traces/${id}/tags/absent`, { method: "DELETE" })).status).toBe(404);
  });

  it("returns a trace in MLflow's dict form, with exact nanosecond times", async () => {
    const id = sampleTrace("c3", 0).traceId;
    const text = await (await api(`/api/traces/${id}`)).text();
    expect(text).toContain('"start_time_unix_nano":1700000002000000000');
    const dict = JSON.parse(text) as { info: unknown; data: { spans: unknown[] } };
    expect(dict.info).toMatchObject({ trace_id: id, state: "OK" });
    expect(dict.data.spans[0]).toMatchObject({ name: "root-c3", attributes: { "mlflow.spanOutputs": '"done"' } });
  });

  it("sets and deletes tags, and records thumbs feedback as a HUMAN assessment", async () => {
    const id = sampleTrace("a1", 0).traceId;
    const json = { "Content-Type": "application/json" };
    expect((await api(`/api/traces/${id}/tags/reviewed`, { method: "PUT", headers: json, body: JSON.stringify({ value: "yes" }) })).status).toBe(200);
    expect(writer.getTrace(id)!.info.tags.reviewed).toBe("yes");
    expect((await api(`/api/traces/${id}/tags/reviewed`, { method: "DELETE" })).status).toBe(204);
    expect(writer.getTrace(id)!.info.tags.reviewed).toBeUndefined();
    const saved = await api(`/api/traces/${id}/feedback`, { method: "POST", headers: json, body: JSON.stringify({ value: true, comment: "good" }) });
    expect(saved.status).toBe(201);
    const [assessment] = writer.getTrace(id)!.info.assessments;
    expect(assessment).toMatchObject({ name: "user_feedback", feedback: { value: true }, rationale: "good", source: { sourceType: "HUMAN" } });
  });

  it("refuses other sites: a foreign Host (DNS rebinding), a cross-origin change, a non-JSON post", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(new URL("/api/traces", server.url), { headers: { Host: "evil.example:80" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(421);
    const id = sampleTrace("a1", 0).traceId;
    const crossOrigin = await api(`/api/traces/${id}/feedback`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "https://evil.example" },
      body: JSON.stringify({ value: false }),
    });
    expect(crossOrigin.status).toBe(403);
    const formPost = await api(`/api/traces/${id}/feedback`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "value=false" });
    expect(formPost.status).toBe(415);
    expect(writer.getTrace(id)!.info.assessments.filter((a) => a.feedback?.value === false)).toEqual([]);
  });

  it("streams an event when a trace arrives", async () => {
    const controller = new AbortController();
    const response = await api("/api/events", { signal: controller.signal });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${received}`);
        received += decoder.decode(value);
      }
    };
    await readUntil(/event: hello/);
    writer.writeTraces([sampleTrace("d4", 1_700_000_003_000)]);
    await readUntil(/event: traces\ndata: .*tr-0+d4/);
    controller.abort();
  });
});
