import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { pastMoment } from "../../src/cli/parse-options.js";

const NOW = Date.UTC(2025, 5, 15, 12);

describe("pastMoment (--older-than)", () => {
  it("takes an age counted back from now, or an ISO date", () => {
    expect(pastMoment("7d", NOW)).toBe(NOW - 7 * 86_400_000);
    expect(pastMoment("30m", NOW)).toBe(NOW - 30 * 60_000);
    expect(pastMoment("2024-10-27", NOW)).toBe(Date.UTC(2024, 9, 27));
    expect(pastMoment("2024-10-27T12:00:00Z", NOW)).toBe(Date.UTC(2024, 9, 27, 12));
  });

  it.each(["7", "1730000000000", "2.5", "2024"])("refuses the bare number %s, naming the accepted forms", (text) => {
    expect(() => pastMoment(text, NOW)).toThrow(InvalidArgumentError);
    expect(() => pastMoment(text, NOW)).toThrow(/a number needs a unit: expected an age such as 7d, 12h, 30m.*or an ISO date such as 2024-10-27/);
  });

  it.each(["soon", "May 3", "7 days"])("refuses %s, which is neither an age nor an ISO date", (text) => {
    expect(() => pastMoment(text, NOW)).toThrow(/expected an age such as 7d/);
  });
});
