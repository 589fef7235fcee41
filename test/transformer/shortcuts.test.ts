/**
 * The transformer skips work by looking at the source text first (a body without `arguments`
 * or `super` needs no generator rewrite, a body without `var` no re-declaration walk, a file
 * under the root needs no path.relative). These check the cases a text search could miss.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compilers, loadTransformer, type TransformerModule } from "./support/compilers.js";

let transformer: TransformerModule;
beforeAll(() => {
  transformer = loadTransformer();
});

function compile(tsi: (typeof compilers)["6"], source: string, fileName = "src/a.ts", root?: string): { text: string; messages: string[] } {
  const messages: string[] = [];
  const out = tsi.transpileModule(source, {
    fileName,
    compilerOptions: { target: tsi.ScriptTarget.ES2022, module: tsi.ModuleKind.ESNext },
    transformers: { before: [transformer.createTracedTransformer({ ts: tsi, root, onDiagnostic: (d) => messages.push(String(d.messageText)) })] },
  });
  return { text: out.outputText, messages };
}

describe.each(Object.entries(compilers))("TypeScript %s", (_version, tsi) => {
  it("rewrites `arguments` in a traced generator also when the source spells it with an escape", () => {
    const { text } = compile(tsi, "/** @traced */\nexport function* g(a: number) {\n  yield \\u0061rguments.length;\n}\n");
    expect(text).toContain("const __traced_arguments_1 = arguments;");
    expect(text).toContain("yield __traced_arguments_1.length;");
  });

  it("leaves a generator body without `arguments` or `super` as written", () => {
    const { text } = compile(tsi, "/** @traced */\nexport function* g(a: number) {\n  yield a; // argument\n}\n");
    expect(text).not.toContain("__traced_arguments");
    expect(text).toContain("yield a; // argument");
  });

  it("still reports a parameter re-declared with var next to other mentions of var", () => {
    const { messages } = compile(tsi, "/** @traced */\nexport function f(a: number) {\n  const variable = 1;\n  var a = a + variable;\n  return a;\n}\n");
    expect(messages).toEqual([expect.stringContaining("'a' re-declares a parameter with var")]);
  });

  it.each([
    ["/project", "/project/src/f.ts", "src/f.ts"],
    ["/project/", "/project/src/f.ts", "src/f.ts"],
    ["/project", "/other/f.ts", "../other/f.ts"],
    ["/project", "/project-two/f.ts", "../project-two/f.ts"],
    ["/project/src", "/project/src/../lib/f.ts", "../lib/f.ts"],
    ["/", "/f.ts", "f.ts"],
  ])("records the path under root %s of %s as %s", (root, fileName, recorded) => {
    const { text } = compile(tsi, "/** @traced */\nexport function f() {}\n", fileName, root);
    expect(text).toContain(`"file":"${recorded}"`);
  });
});
