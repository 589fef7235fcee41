import { beforeEach, describe, expect, it } from "vitest";
import { configure, getTracingStats, startSpan, trace, withSpan } from "../../src/index.js";
import { configFromEnv } from "../../src/config/env.js";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { setupTracing, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => void, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}

describe("traces whose root span never ends", () => {
  it("are counted while open, and closed when the root ends", async () => {
    const first = startSpan("request");
    const second = startSpan("another");
    // A span left open under a root that ended does not keep its trace open.
    withSpan("step", () => startSpan("inner"));
    expect(getTracingStats().openTraces.open).toBe(2);
    first.end();
    second.end();
    expect(getTracingStats().openTraces).toEqual({ open: 0, timedOut: 0, dropped: 0, exportedAtExit: 0 });
    expect(await tracing.traces()).toHaveLength(3);
  });

  it("are halted after traceTimeoutMs: open spans end as ERROR and the trace is exported once", async () => {
    configure({ traceTimeoutMs: 40 });
    const hang = trace(async function hang(_question: string) {
      await new Promise(() => {}); // never settles
    });
    const pending = hang("why?");
    await eventually(() => expect(getTracingStats().openTraces.timedOut).toBe(1));
    const timedOut = await tracing.onlyTrace();
    expect(timedOut.rootSpan!.name).toBe("hang");
    expect(timedOut.rootSpan!.status).toEqual({ code: "ERROR", message: "Timed out: still running after 40 ms" });
    expect(timedOut.info.state).toBe("ERROR");
    expect(timedOut.rootSpan!.inputs).toEqual({ _question: "why?" });
    expect(tracing.diagnostics.filter((d) => d.code === "trace-timed-out")).toHaveLength(1);
    // The app's own promise is untouched: still pending.
    const raced = await Promise.race([pending.then(() => "settled"), sleep(20).then(() => "pending")]);
    expect(raced).toBe("pending");
  });

  it("halt every open span of the trace, children before the root", async () => {
    configure({ traceTimeoutMs: 40 });
    const root = startSpan("request");
    const [step, finished] = withSpan("scope", () => [startSpan("step"), startSpan("finished")]);
    void root;
    finished!.end();
    void step;
    await eventually(() => expect(getTracingStats().openTraces.timedOut).toBeGreaterThanOrEqual(1));
    const traces = await tracing.traces();
    const request = traces.find((t) => t.rootSpan!.name === "request")!;
    expect(request.rootSpan!.status.code).toBe("ERROR");
    expect(request.rootSpan!.endTimeNs).not.toBeNull();
    // Ending it later changes nothing and exports nothing again.
    root.end();
    expect((await tracing.traces()).filter((t) => t.rootSpan!.name === "request")).toHaveLength(0);
  });

  it("are dropped and counted after openTraceTtlMs, and never exported after", async () => {
    configure({ openTraceTtlMs: 40 });
    const root = startSpan("forgotten");
    await eventually(() => expect(getTracingStats().openTraces.dropped).toBe(1));
    expect(getTracingStats().openTraces.open).toBe(0);
    root.end();
    expect(await tracing.traces()).toHaveLength(0);
    expect(tracing.diagnostics.map((d) => d.code)).toContain("open-trace-expired");
    expect(tracing.diagnostics.find((d) => d.code === "open-trace-expired")!.message).toMatch(/^Dropped trace tr-[0-9a-f]{32} before its root span ended: it was open longer than openTraceTtlMs \(40 ms\)/);
  });

  it("past maxOpenTraces, drop the oldest open trace and count it", async () => {
    configure({ maxOpenTraces: 2 });
    const spans = ["first", "second", "third"].map((name) => startSpan(name));
    expect(getTracingStats().openTraces).toMatchObject({ open: 2, dropped: 1 });
    for (const span of spans) span.end();
    expect((await tracing.traces()).map((t) => t.rootSpan!.name).sort()).toEqual(["second", "third"]);
    expect(tracing.diagnostics.filter((d) => d.code === "open-trace-over-capacity")).toHaveLength(1);
  });

  it("take MLflow's environment variables", () => {
    const env = { MLFLOW_TRACE_TIMEOUT_SECONDS: "2.5", MLFLOW_TRACE_BUFFER_TTL_SECONDS: "60", MLFLOW_TRACE_BUFFER_MAX_SIZE: "50" };
    expect(configFromEnv(env, new Diagnostics())).toEqual({ traceTimeoutMs: 2500, openTraceTtlMs: 60_000, maxOpenTraces: 50 });
    const diagnostics = new Diagnostics();
    diagnostics.handler = () => {};
    expect(configFromEnv({ MLFLOW_TRACE_TIMEOUT_SECONDS: "soon" }, diagnostics)).toEqual({});
    expect([...diagnostics.counts.keys()]).toEqual(["bad-env"]);
  });

  it("reject bad settings when configured", () => {
    expect(() => configure({ traceTimeoutMs: -1 })).toThrow('configure: "traceTimeoutMs" must be a non-negative integer, got number -1');
    expect(() => configure({ maxOpenTraces: 0 })).toThrow('configure: "maxOpenTraces" must be a positive integer, got number 0');
  });
});
