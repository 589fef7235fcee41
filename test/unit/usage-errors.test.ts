/** TracedUsageError is recognised across copies of traced; its subclasses by their own prototype only. */
import { describe, expect, it } from "vitest";
import { TracedUsageError } from "../../src/config/errors.js";
import { FilterError } from "../../src/query/filter-error.js";

describe("instanceof", () => {
  it("every usage error, and one from another copy of traced, is a TracedUsageError", () => {
    const fromAnotherCopy = Object.create(Object.getPrototypeOf(new TypeError()), { [Symbol.for("traced.usageError")]: { value: true } }) as object;
    expect(new TracedUsageError("x")).toBeInstanceOf(TracedUsageError);
    expect(new FilterError("x", "x", 0, "x")).toBeInstanceOf(TracedUsageError);
    expect(fromAnotherCopy instanceof TracedUsageError).toBe(true);
    expect(new TypeError("x") instanceof TracedUsageError).toBe(false);
  });

  it("a usage error that is not a filter error is not a FilterError", () => {
    expect(new TracedUsageError("bad orderBy") instanceof FilterError).toBe(false);
    expect(new FilterError("bad filter", "bad filter", 0, "bad")).toBeInstanceOf(FilterError);
  });
});
