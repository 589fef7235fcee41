/**
 * The project's own test suite: the same checks must pass with and without the transformer.
 * Returns the names of the checks that failed.
 */
import { deepStrictEqual, strictEqual } from "node:assert";
import double from "./double.js";
import { format } from "./format.js";
import { Rectangle, Square } from "./shapes/shape.js";
import summarize from "./summarize.js";
import { clamp } from "./util.js";

export async function selfTest(): Promise<string[]> {
  const failures: string[] = [];
  const check = async (name: string, body: () => unknown): Promise<void> => {
    try {
      await body();
    } catch (error) {
      failures.push(`${name}: ${String(error)}`);
    }
  };
  await check("rectangle", () => strictEqual(new Rectangle(2, 3).describe(), "rectangle with area 6.0"));
  await check("square uses super", () => strictEqual(new Square(2).describe(), "square with area 4 (a square)"));
  await check("generator with super", () => deepStrictEqual([...new Square(1).corners()], ["top-left", "top-right", "square with area 1"]));
  await check("overloads", () => deepStrictEqual([format(1.234), format(1.5, 0), format(new Date(0))], ["1.23", "2", "1970-01-01"]));
  await check("default export", async () => strictEqual(await summarize([1, 2]), "total: 3.00"));
  await check("default arrow", () => strictEqual(double(4), 8));
  await check("lengths and names", () =>
    deepStrictEqual([summarize.name, summarize.length, format.length, Square.prototype.describe.length], ["summarize", 1, 1, 0]),
  );
  await check("untagged", () => strictEqual(clamp(5, 0, 3), 3));
  return failures;
}
