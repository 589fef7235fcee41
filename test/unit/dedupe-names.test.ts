import { describe, expect, it } from "vitest";
import { dedupeSpanNames } from "../../src/processing/dedupe-names.js";

describe("span name de-duplication (MLflow 3.0–3.3)", () => {
  it("numbers every occurrence of a repeated name from 1, in start order", () => {
    expect(dedupeSpanNames(["root", "llm", "tool", "llm", "llm", "tool", "once"])).toEqual(["root", "llm_1", "tool_1", "llm_2", "llm_3", "tool_2", "once"]);
  });
  it("leaves unique names alone", () => {
    expect(dedupeSpanNames(["a", "b"])).toEqual(["a", "b"]);
  });
});
