/**
 * Source maps stay correct: the original statements moved into the traced closure still map
 * to their own lines and columns in the source, under both module kinds and both TypeScripts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compilers, loadTransformer, type TransformerModule } from "./support/compilers.js";
import { originalPositionOf } from "./support/source-map.js";
import { transpile } from "./support/transpile.js";

let transformer: TransformerModule;
beforeAll(() => {
  transformer = loadTransformer();
});

function sourcePosition(source: string, needle: string): { line: number; column: number } {
  const before = source.slice(0, source.indexOf(needle)).split("\n");
  return { line: before.length - 1, column: before[before.length - 1]!.length };
}

const cases: Array<[fixture: string, needles: string[]]> = [
  ["function-declaration.ts", ["return a + b;", "await Promise.resolve();", "return `${id}:${retries}`;"]],
  ["arrow-functions.ts", ["docs.slice().sort()", "const words = text.split", "event.length"]],
  ["generators.ts", ["yield word;", "yield prompt;", "const count = () =>"]],
  ["class-methods.ts", ["const base = await super.answer(question);", "return this.#secret + key.length;"]],
];

describe.each(Object.entries(compilers))("source maps under TypeScript %s", (_version, tsi) => {
  it.each(cases)("%s", (fixture, needles) => {
    const source = readFileSync(join(import.meta.dirname, "fixtures/golden", fixture), "utf8");
    for (const module of ["esm", "cjs"] as const) {
      const out = transpile(tsi, transformer, source, fixture, module, true);
      for (const needle of needles) {
        expect(originalPositionOf(out.text, out.map!, needle), `${module}: ${needle}`).toEqual(sourcePosition(source, needle));
      }
    }
  });
});
