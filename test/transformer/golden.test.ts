/**
 * Golden tests: each fixture under fixtures/golden is compiled with the transformer to ESM
 * and CommonJS and compared with expected/<module>/<name>.js, under TypeScript 6 and 5.9
 * (both must give the same text). UPDATE_GOLDEN=1 rewrites the expected files from TS 6.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compilers, loadTransformer, type TransformerModule } from "./support/compilers.js";
import { transpile, type ModuleKind } from "./support/transpile.js";

const here = import.meta.dirname;
const fixtureDir = join(here, "fixtures/golden");
const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith(".ts")).sort();
const update = process.env.UPDATE_GOLDEN === "1";

let transformer: TransformerModule;
beforeAll(() => {
  transformer = loadTransformer();
});

function expectedPath(module: ModuleKind, fixture: string): string {
  return join(here, "expected", module, fixture.replace(/\.ts$/, ".js"));
}

describe.each(["esm", "cjs"] as const)("golden output (%s)", (module) => {
  it.each(fixtures)("%s", (fixture) => {
    const source = readFileSync(join(fixtureDir, fixture), "utf8");
    const fileName = `src/${fixture}`;
    const out6 = transpile(compilers["6"], transformer, source, fileName, module);
    const out59 = transpile(compilers["5.9"], transformer, source, fileName, module);
    expect(out6.diagnostics.map((d) => d.messageText)).toEqual([]);
    const path = expectedPath(module, fixture);
    if (update || !existsSync(path)) {
      mkdirSync(join(here, "expected", module), { recursive: true });
      writeFileSync(path, out6.text);
    }
    expect(out6.text).toBe(readFileSync(path, "utf8"));
    expect(out59.text).toBe(out6.text);
  });
});

describe("JSDoc parsing mode", () => {
  it.each(fixtures)("%s: tags work when TypeScript skips JSDoc parsing (as tsc does for .ts files)", (fixture) => {
    const source = readFileSync(join(fixtureDir, fixture), "utf8");
    for (const tsi of Object.values(compilers)) {
      const skipped = transpile(tsi, transformer, source, `src/${fixture}`, "esm", false, tsi.JSDocParsingMode.ParseNone);
      expect(skipped.text).toBe(readFileSync(expectedPath("esm", fixture), "utf8"));
    }
  });
});

describe("untagged files", () => {
  it.each(fixtures)("%s: a file without tags emits as plain tsc (TS 6 and 5.9)", (fixture) => {
    // Strip every tag: the transformer must then change nothing at all.
    const source = readFileSync(join(fixtureDir, fixture), "utf8").replaceAll("@traced", "@tracked");
    for (const tsi of Object.values(compilers)) {
      for (const module of ["esm", "cjs"] as const) {
        const plain = transpile(tsi, undefined, source, `src/${fixture}`, module, true);
        const transformed = transpile(tsi, transformer, source, `src/${fixture}`, module, true);
        expect(transformed.text).toBe(plain.text);
        expect(transformed.map).toBe(plain.map);
      }
    }
  });
});

describe("options", () => {
  it("imports the runtime from the configured module and records paths relative to root", () => {
    const tsi = compilers["6"];
    const out = tsi.transpileModule("/** @traced */\nexport function f() {}\n", {
      fileName: "/project/src/f.ts",
      compilerOptions: { target: tsi.ScriptTarget.ES2022, module: tsi.ModuleKind.ESNext },
      transformers: { before: [transformer.createTracedTransformer({ ts: tsi, runtime: "my-traced/runtime", root: "/project" })] },
    });
    expect(out.outputText).toContain('import * as __traced from "my-traced/runtime";');
    expect(out.outputText).toContain('"file":"src/f.ts","line":2');
  });

  it("gives a site its options as JSON text, or as an object literal when JSON cannot write an attribute", () => {
    const tsi = compilers["6"];
    const source = "/** @traced attributes.big=1e999 */\nexport function f() {}\n/** @traced attributes.n=1e3 */\nexport function g() {}\n";
    const out = transpile(tsi, transformer, source, "src/f.ts", "esm");
    expect(out.text).toContain('defineSite({ name: "f", parameterNames: [], attributes: { "big": Infinity }, file: "src/f.ts", line: 2 })');
    expect(out.text).toContain(`defineSite('{"name":"g","parameterNames":[],"attributes":{"n":1000},"file":"src/f.ts","line":4}')`);
  });
});
