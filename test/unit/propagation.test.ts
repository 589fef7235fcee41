import { beforeEach, describe, expect, it } from "vitest";
import { configure, getTracingContextHeaders, trace, withSpan, withTracingContextFromHeaders } from "../../src/index.js";
import { setupTracing, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

const REMOTE_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const REMOTE_SPAN = "00f067aa0ba902b7";

describe("W3C trace context", () => {
  it("puts the active span into a traceparent header", async () => {
    expect(getTracingContextHeaders()).toEqual({});
    let headers: Record<string, string> = {};
    withSpan("client", () => {
      headers = getTracingContextHeaders();
    });
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(headers).toEqual({ traceparent: `00-${span.traceId.slice(3)}-${span.spanId}-01` });
  });

  it("continues a remote trace: same trace id, the remote span as parent", async () => {
    const handle = trace(function handle(x: number) {
      return trace((y: number) => y * 2, { name: "inner" })(x);
    });
    const result = withTracingContextFromHeaders({ traceparent: `00-${REMOTE_TRACE}-${REMOTE_SPAN}-01`, other: "x" }, () => handle(21));
    expect(result).toBe(42);
    const t = await tracing.onlyTrace();
    expect(t.info.traceId).toBe(`tr-${REMOTE_TRACE}`);
    expect(t.rootSpan!.name).toBe("handle");
    expect(t.rootSpan!.parentId).toBe(REMOTE_SPAN);
    expect(t.spans[1]!.parentId).toBe(t.rootSpan!.spanId);
  });

  it("accepts fetch Headers and Node's header arrays", async () => {
    const headers = new Headers({ traceparent: `00-${REMOTE_TRACE}-${REMOTE_SPAN}-01` });
    withTracingContextFromHeaders(headers, () => withSpan("a", () => 1));
    withTracingContextFromHeaders({ traceparent: [`00-${REMOTE_TRACE}-${REMOTE_SPAN}-01`] }, () => withSpan("b", () => 1));
    const traces = await tracing.traces();
    expect(traces.map((t) => t.info.traceId)).toEqual([`tr-${REMOTE_TRACE}`, `tr-${REMOTE_TRACE}`]);
  });

  it("records nothing for a trace the caller did not sample", async () => {
    withTracingContextFromHeaders({ traceparent: `00-${REMOTE_TRACE}-${REMOTE_SPAN}-00` }, () => withSpan("skipped", () => 1));
    expect(await tracing.traces()).toHaveLength(0);
  });

  it("starts a new trace on a malformed header, reported once", async () => {
    for (const bad of ["garbage", `00-${"0".repeat(32)}-${REMOTE_SPAN}-01`, `ff-${REMOTE_TRACE}-${REMOTE_SPAN}-01`]) {
      expect(withTracingContextFromHeaders({ traceparent: bad }, () => withSpan("fresh", () => 7))).toBe(7);
    }
    const traces = await tracing.traces();
    expect(traces).toHaveLength(3);
    expect(traces.every((t) => t.info.traceId !== `tr-${REMOTE_TRACE}` && t.rootSpan!.parentId === null)).toBe(true);
    expect(tracing.diagnostics.filter((d) => d.code === "bad-traceparent")).toHaveLength(1);
  });
});

describe("configure({ disablePropagation: true })", () => {
  it("gives no headers and ignores incoming ones, as MLflow's disable_propagation does", async () => {
    configure({ disablePropagation: true });
    let headers: Record<string, string> | undefined;
    withSpan("client", () => {
      headers = getTracingContextHeaders();
    });
    expect(headers).toEqual({});
    const result = withTracingContextFromHeaders({ traceparent: `00-${REMOTE_TRACE}-${REMOTE_SPAN}-01` }, () => trace(() => 7, { name: "server" })());
    expect(result).toBe(7);
    const [client, server] = await tracing.traces();
    expect(client!.rootSpan!.name).toBe("client");
    expect(server!.rootSpan!.parentId).toBeNull();
    expect(server!.traceId.slice(3)).not.toBe(REMOTE_TRACE);
    expect(() => configure({ disablePropagation: "yes" as never })).toThrow(/disablePropagation/);
  });
});
