import { describe, expect, it } from "vitest";
import { renderTraceTree, traceFromMlflowJson } from "../../src/index.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const golden = traceFromMlflowJson(readFileSync(join(import.meta.dirname, "../fixtures/mlflow/golden-trace.json"), "utf8"));

describe("renderTraceTree", () => {
  it("draws the span tree with types, durations, status and previews", () => {
    expect(renderTraceTree(golden)).toBe(
      [
        "tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a  ERROR  42.0ms",
        "└─ agent [AGENT] 42.0ms ✗ ValueError: boom",
        '   in:  {"q":"hi"}',
        '   out: "hello"',
        "   └─ generate [LLM] 30.0ms  · 5 tokens (3 in, 2 out)",
        '      in:  {"prompt":"hi","temperature":0.2}',
        '      out: "hello"',
      ].join("\n"),
    );
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
