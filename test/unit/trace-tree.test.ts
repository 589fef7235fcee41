import { describe, expect, it } from "vitest";
import { renderTraceTree, traceFromMlflowJson } from "../../src/index.js";
import { makeTrace } from "./store-test-traces.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const golden = traceFromMlflowJson(readFileSync(join(import.meta.dirname, "../fixtures/mlflow/golden-trace.json"), "utf8"));

describe("renderTraceTree", () => {
  it("draws the span tree with types, durations, status and previews", () => {
    expect(renderTraceTree(golden)).toBe(
      [
        "tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a  ERROR  42 ms",
        "└─ agent [AGENT] 42 ms ✗ ValueError: boom",
        '   in:  {"q":"hi"}',
        '   out: "hello"',
        "   └─ generate [LLM] 30 ms  · 5 tokens (3 in, 2 out)",
        '      in:  {"prompt":"hi","temperature":0.2}',
        '      out: "hello"',
      ].join("\n"),
    );
  });

  it("shows a trace under a millisecond as MLflow stores it, and a span's own time in µs", () => {
    const quick = traceFromMlflowJson(
      JSON.stringify({
        info: { trace_id: "tr-00000000000000000000000000000002", request_time: "2024-01-01T00:00:00Z", execution_duration_ms: 0, state: "OK" },
        data: { spans: [{ span_id: "AAAAAAAAAAI=", name: "quick", start_time_unix_nano: 0, end_time_unix_nano: 250_000, status: { code: "STATUS_CODE_OK" }, attributes: {} }] },
      }),
    );
    expect(renderTraceTree(quick).split("\n")).toEqual(["tr-00000000000000000000000000000002  OK  < 1 ms", "└─ quick [UNKNOWN] 250 µs"]);
  });

  it("with details: other attributes, the exception with its stack, the stream's chunks gathered", () => {
    expect(renderTraceTree(golden, { details: true })).toBe(
      [
        "tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a  ERROR  42 ms",
        "└─ agent [AGENT] 42 ms ✗ ValueError: boom",
        '   in:  {"q":"hi"}',
        '   out: "hello"',
        "   exception at 42 ms: ValueError: boom",
        "     at agent (app.ts:3:9)",
        "   └─ generate [LLM] 30 ms  · 5 tokens (3 in, 2 out)",
        '      in:  {"prompt":"hi","temperature":0.2}',
        '      out: "hello"',
        "      model = fake-llm",
        '      stream at 17 ms: 2 chunks over 10 ms: "hello"',
      ].join("\n"),
    );
  });

  it("details are cut where long; full prints them whole, the whole stack and each chunk", () => {
    const frames = Array.from({ length: 12 }, (_, i) => `    at frame${i} (app.ts:${i}:1)`);
    const base = makeTrace({ name: "tool", spans: [{ name: "tool", status: "ERROR", attributes: { prompt: "x".repeat(300), temperature: 0.5 } }] });
    const root = base.spans[0]!;
    const withEvents = traceFromMlflowJson(
      JSON.stringify({
        info: { trace_id: base.traceId, request_time: "2024-01-01T00:00:00Z", execution_duration_ms: 10, state: "ERROR" },
        data: {
          spans: [
            {
              span_id: "AAAAAAAAAAM=",
              name: "tool",
              start_time_unix_nano: 0,
              end_time_unix_nano: 10_000_000,
              status: { code: "STATUS_CODE_ERROR", message: "TypeError: bad" },
              attributes: root.attributes,
              events: [
                { name: "retry", time_unix_nano: 1_000_000, attributes: { attempt: 2, reason: "timeout" } },
                {
                  name: "exception",
                  time_unix_nano: 9_000_000,
                  attributes: { "exception.type": "TypeError", "exception.message": "bad", "exception.stacktrace": ["TypeError: bad", ...frames].join("\n") },
                },
              ],
            },
          ],
        },
      }),
    );
    const short = renderTraceTree(withEvents, { details: true, previewChars: 60 }).split("\n");
    expect(short).toContain("   temperature = 0.5");
    expect(short).toContain(`   prompt = ${"x".repeat(50)}…`);
    expect(short).toContain("   event retry at 1.0 ms: attempt=2, reason=timeout");
    expect(short).toContain("   exception at 9.0 ms: TypeError: bad");
    expect(short.filter((line) => line.includes("at frame"))).toEqual(frames.slice(0, 5).map((f) => `     ${f.trim()}`));
    expect(short).toContain("     … 7 more stack lines (--full shows them)");

    const full = renderTraceTree(withEvents, { details: true, previewChars: 60, full: true }).split("\n");
    expect(full).toContain(`   prompt = ${"x".repeat(300)}`);
    expect(full.filter((line) => line.includes("at frame"))).toHaveLength(12);
    expect(full.join("\n")).not.toContain("more stack lines");
  });

  it("without details, as the ConsoleExporter prints by default, no attributes or events", () => {
    const text = renderTraceTree(golden);
    expect(text).not.toContain("model = fake-llm");
    expect(text).not.toContain("exception at");
  });

  it("cannot be steered by control or bidi characters in captured data", () => {
    const hostile = traceFromMlflowJson(
      JSON.stringify({
        info: { trace_id: "tr-00000000000000000000000000000001", request_time: "2024-01-01T00:00:00Z", state: "OK" },
        data: {
          spans: [
            {
              span_id: "AAAAAAAAAAE=",
              name: "evil\u001b[2J\u202ename\nnext",
              start_time_unix_nano: 0,
              end_time_unix_nano: 1000,
              status: { code: "STATUS_CODE_ERROR", message: "\u001b]0;title\u0007" },
              attributes: { "mlflow.spanInputs": JSON.stringify("\u001b[31mred") },
            },
          ],
        },
      }),
    );
    const text = renderTraceTree(hostile);
    expect(text).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(text.split("\n")).toHaveLength(3);
  });
});
