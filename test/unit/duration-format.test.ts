import { describe, expect, it } from "vitest";
import * as ui from "../../ui/src/lib/format.js";
import { formatDuration, formatTraceDuration } from "../../src/view/duration.js";

describe("one duration format for the CLI, the ConsoleExporter and traced ui", () => {
  it("spans: µs under a millisecond, then ms, s and min, with a space before the unit", () => {
    expect([0, 0.0004, 0.25, 3.14159, 9.5, 42.4, 999.4, 1500, 59_999, 125_000].map(formatDuration)).toEqual([
      "0 ms",
      "0 µs",
      "250 µs",
      "3.1 ms",
      "9.5 ms",
      "42 ms",
      "999 ms",
      "1.50 s",
      "60.00 s",
      "2 min 5 s",
    ]);
  });

  it("traces: MLflow keeps whole milliseconds, so 0 reads as under one", () => {
    expect([0, 1, 42, 2500].map(formatTraceDuration)).toEqual(["< 1 ms", "1.0 ms", "42 ms", "2.50 s"]);
    expect(formatTraceDuration(null)).toBe("—");
  });

  it("agrees with the browser's copy on every magnitude", () => {
    const samples = [0, null, undefined, Number.NaN, 1e-7, 0.0005, 0.9994, 0.9996, 1, 9.949, 9.951, 10, 99.5, 999.5, 1000, 9_999.9, 60_000, 119_999, 3_600_000];
    for (let exponent = -4; exponent <= 7; exponent += 0.37) samples.push(10 ** exponent);
    for (const ms of samples) {
      expect(formatDuration(ms), String(ms)).toBe(ui.formatDuration(ms));
      expect(formatTraceDuration(ms), String(ms)).toBe(ui.formatTraceDuration(ms));
    }
  });
});
