import { describe, expect, it } from "vitest";
import { formatDuration, formatTraceDuration } from "../../ui/src/lib/format.js";

describe("traced ui duration formats", () => {
  it("spans: from microseconds to minutes", () => {
    expect([0.0004, 0.25, 3.14159, 42.4, 1500, 125_000].map(formatDuration)).toEqual(["0 µs", "250 µs", "3.1 ms", "42 ms", "1.50 s", "2 min 5 s"]);
    expect(formatDuration(null)).toBe("—");
  });

  it("traces: MLflow keeps whole milliseconds, so 0 reads as under one", () => {
    expect([0, 1, 2500].map(formatTraceDuration)).toEqual(["< 1 ms", "1.0 ms", "2.50 s"]);
    expect(formatTraceDuration(null)).toBe("—");
  });
});
