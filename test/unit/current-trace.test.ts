import { beforeEach, describe, expect, it } from "vitest";
import {
  addSpanException,
  getActiveTraceId,
  getLastActiveTraceId,
  logSpanEvent,
  setSpanAttribute,
  setSpanAttributes,
  setSpanChatTools,
  setSpanInputs,
  setSpanOutputs,
  trace,
  TracingClient,
  TracedUsageError,
  updateCurrentTrace,
  withSpan,
} from "../../src/index.js";
import { setupTracing, shape, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

describe("trace-level API", () => {
  it("updates tags, metadata, previews, user and session of the active trace", async () => {
    let activeId: string | undefined;
    trace(function handle(question: string) {
      activeId = getActiveTraceId();
      updateCurrentTrace({ tags: { fruit: "apple" }, metadata: { release: "1.2" }, user: "alice", session: "s-9", clientRequestId: "req-1" });
      updateCurrentTrace({ requestPreview: `Q: ${question}`, tags: { env: "test" } });
      return "answer";
    })("why?");
    const t = await tracing.onlyTrace();
    expect(activeId).toBe(t.info.traceId);
    expect(getLastActiveTraceId()).toBe(t.info.traceId);
    expect(t.info.tags).toEqual({ "mlflow.traceName": "handle", fruit: "apple", env: "test" });
    expect(t.info.metadata).toMatchObject({ "mlflow.trace_schema.version": "3", release: "1.2", "mlflow.trace.user": "alice", "mlflow.trace.session": "s-9" });
    expect(t.info.requestPreview).toBe("Q: why?");
    expect(t.info.responsePreview).toBe('"answer"');
    expect(t.info.clientRequestId).toBe("req-1");
  });

  it("truncates default previews to MLflow's 1000 characters", async () => {
    trace((text: string) => text)("x".repeat(5000));
    const info = (await tracing.onlyTrace()).info;
    expect(info.requestPreview).toHaveLength(1000);
    expect(info.requestPreview!.endsWith("...")).toBe(true);
  });

  it("rejects wrong types at once and warns once outside a trace", async () => {
    expect(() => updateCurrentTrace({ tags: { n: 1 as never } })).toThrow(/tags\.n must be a string, got number 1/);
    expect(() => updateCurrentTrace({ colour: "x" } as never)).toThrow(TracedUsageError);
    updateCurrentTrace({ tags: { a: "b" } });
    setSpanAttribute("k", "v");
    setSpanAttribute("k", "v");
    expect(tracing.diagnostics.map((d) => d.code)).toEqual(["no-active-span:updateCurrentTrace", "no-active-span:setSpanAttribute"]);
  });
});

describe("current-span helpers", () => {
  it("set inputs, outputs, attributes, chat tools, events and exceptions on the active span", async () => {
    const tools = [{ type: "function", function: { name: "calculator", parameters: { type: "object" } } }];
    withSpan("chat", () => {
      setSpanInputs({ messages: [{ role: "user", content: "2+2?" }] });
      setSpanAttributes({ model: "gpt-4", temperature: 0.7 });
      setSpanChatTools(tools);
      logSpanEvent("retry", { attempt: 2 });
      addSpanException(new Error("transient"));
      setSpanOutputs({ role: "assistant", content: "4" });
    });
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.inputs).toEqual({ messages: [{ role: "user", content: "2+2?" }] });
    expect(span.outputs).toEqual({ role: "assistant", content: "4" });
    expect(span.getAttribute("mlflow.chat.tools")).toEqual(tools);
    expect(span.getAttribute("temperature")).toBe(0.7);
    expect(span.events.map((e) => e.name)).toEqual(["retry", "exception"]);
    expect(span.status.code).toBe("ERROR");
  });
});

describe("TracingClient", () => {
  it("builds a trace from explicit ids, without touching the async context", async () => {
    const client = new TracingClient();
    const root = client.startTrace({ name: "flow", inputs: { user_id: "123" }, tags: { via: "client" } });
    const child = client.startSpan({ name: "step", traceId: root.traceId, parentId: root.spanId, inputs: { data: "sample" } });
    expect(getActiveTraceId()).toBeUndefined();
    client.endSpan({ traceId: root.traceId, spanId: child.spanId, outputs: { result: 1 } });
    client.endTrace({ traceId: root.traceId, outputs: { status: "completed" } });
    const t = await tracing.onlyTrace();
    expect(shape(t)).toEqual(["flow", ["step"]]);
    expect(t.info.tags.via).toBe("client");
    expect(t.rootSpan!.outputs).toEqual({ status: "completed" });
  });

  it("names the id at fault", () => {
    const client = new TracingClient();
    expect(() => client.startSpan({ name: "x", traceId: "tr-0", parentId: "0" })).toThrow(/no open trace "tr-0"/);
    const root = client.startTrace({ name: "flow" });
    expect(() => client.endSpan({ traceId: root.traceId, spanId: "ffffffffffffffff" })).toThrow(/has no span "ffffffffffffffff"/);
    expect(() => client.endSpan({ traceId: root.traceId, spanId: root.spanId })).toThrow(/end it with client.endTrace/);
    client.endTrace({ traceId: root.traceId, status: "ERROR", statusMessage: "failed upstream" });
    expect(() => client.endTrace({ traceId: root.traceId })).toThrow(/already ended/);
  });
});
