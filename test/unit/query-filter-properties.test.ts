/** Properties of the filter language against reference implementations. */
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { likeToGlob } from "../../src/query/filter-sql.js";
import { tokenize } from "../../src/query/index.js";

const db = new Database(":memory:");
afterAll(() => db.close());

/** MLflow's LIKE: % any run, _ one character, everything else literal, case-sensitive. */
function likeReference(value: string, pattern: string): boolean {
  const source = [...pattern].map((ch) => (ch === "%" ? "[\\s\\S]*" : ch === "_" ? "[\\s\\S]" : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${source}$`, "u").test(value);
}

// Small alphabets make matches likely; GLOB's own specials must come out literal.
const alphabet = fc.constantFrom("a", "b", "A", "%", "_", "*", "?", "[", "]", "^", "!", "-", "é", "\\");
const str = fc.array(alphabet, { maxLength: 8 }).map((chars) => chars.join(""));

describe("filter language properties", () => {
  it("LIKE compiled to GLOB matches exactly what MLflow's LIKE matches", () => {
    const glob = db.prepare<[string, string], number>("SELECT ? GLOB ?").pluck();
    fc.assert(
      fc.property(str, str, (value, pattern) => {
        expect(glob.get(value, likeToGlob(pattern)) === 1).toBe(likeReference(value, pattern));
      }),
      { numRuns: 3000 },
    );
  });

  it("any string survives quoting into a filter literal and tokenizing back", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.constantFrom("'", '"'), (value, q) => {
        const literal = q + value.replace(/\\/g, "\\\\").replace(new RegExp(q, "g"), q + q) + q;
        const tokens = tokenize(`tag.k = ${literal}`);
        expect(tokens).toHaveLength(3);
        expect(tokens[2]!.value).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});
