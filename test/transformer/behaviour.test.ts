/**
 * Behaviour: fixtures compiled with the transformer (program plugin entry; TypeScript 6 and
 * 5.9; ESM and CommonJS output) run as they did before, and record the expected spans.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configure } from "../../src/index.js";
import { setupTracing, shape, type TestTracing } from "../support/tracing.js";
import { compilers, loadTransformer } from "./support/compilers.js";
import { compileWithTransformer } from "./support/compile-project.js";

type App = typeof import("./fixtures/behaviour/app.js");
type Decorated = typeof import("./fixtures/behaviour/decorated.js");

const here = import.meta.dirname;
const fixture = join(here, "fixtures/behaviour/app.ts");
const decoratedFixture = join(here, "fixtures/behaviour/decorated.ts");
const variants = Object.keys(compilers).flatMap((version) => (["esm", "cjs"] as const).map((module) => [version as keyof typeof compilers, module] as const));

describe.each(variants)("TypeScript %s, %s output", (version, module) => {
  let app: App;
  let plain: App;
  let decorated: Decorated;
  let tracing: TestTracing;

  beforeAll(async () => {
    const transformer = loadTransformer();
    const outDir = join(here, "out/behaviour", `ts${version}-${module}`);
    const diagnostics = compileWithTransformer(compilers[version], transformer, [fixture, decoratedFixture], outDir, module);
    expect(diagnostics.map((d) => d.messageText)).toEqual([]);
    setupTracing(); // the app traces a call at load: keep it out of the default store
    const file = join(outDir, "app.js");
    app = module === "esm" ? await import(pathToFileURL(file).href) : createRequire(import.meta.url)(file);
    const load = (path: string) => (module === "esm" ? import(pathToFileURL(path).href) : createRequire(import.meta.url)(path));
    decorated = await load(join(outDir, "decorated.js"));
    const plainDir = join(here, "out/behaviour", `ts${version}-${module}-plain`);
    compileWithTransformer(compilers[version], undefined, [fixture], plainDir, module);
    const plainFile = join(plainDir, "app.js");
    plain = module === "esm" ? await import(pathToFileURL(plainFile).href) : createRequire(import.meta.url)(plainFile);
  });

  beforeEach(() => {
    tracing = setupTracing();
    configure({ dedupeSpanNames: false }); // keep repeated names (recursion) as written
  });

  it("names inputs by parameter, keeps results, records type, file and line", async () => {
    expect(await app.retrieve("q", { topK: 3 }, "a", "b")).toEqual({ query: "q", topK: 3, tags: ["a", "b"] });
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.name).toBe("retrieve");
    expect(span.spanType).toBe("RETRIEVER");
    expect(span.inputs).toEqual({ query: "q", "{ topK = 2 }": { topK: 3 }, tags: ["a", "b"] });
    expect(span.outputs).toEqual({ query: "q", topK: 3, tags: ["a", "b"] });
    expect(span.getAttribute("code.file.path")).toMatch(/fixtures\/behaviour\/app\.ts$/);
    expect(span.getAttribute("code.line.number")).toBe(15);
  });

  it("applies tag options: name, span type, attributes, capture switches", async () => {
    expect(app.rank(["y", "x"], { by: "k" })).toEqual(["k:x", "k:y"]);
    const ranked = (await tracing.onlyTrace()).rootSpan!;
    expect([ranked.name, ranked.spanType, ranked.getAttribute("model"), ranked.getAttribute("k")]).toEqual(["rank", "RERANKER", "gpt", 3]);
    expect(ranked.inputs).toEqual({ docs: ["y", "x"], "{ by = \"score\" }": { by: "k" } });
    expect(app.secret("hunter2")).toBe(7);
    const hidden = (await tracing.onlyTrace()).rootSpan!;
    expect(hidden.inputs).toBeUndefined();
    expect(hidden.outputs).toBeUndefined();
  });

  it("hands tag options with quotes, backslashes, non-ASCII text and unbounded numbers to the runtime as written", async () => {
    expect(app.quoted("x")).toBe("x");
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect([span.name, span.inputs, span.getAttribute("note"), span.getAttribute("small"), span.getAttribute("none")]).toEqual(['say "hi" \\ ☃', undefined, "it's", -2.5e-3, null]);
    expect(app.unbounded()).toBe(0);
    const unbounded = (await tracing.onlyTrace()).rootSpan!;
    // The site gets the numbers themselves (golden.test.ts); the span's attributes are JSON, where they are null.
    expect([unbounded.getAttribute("big"), unbounded.getAttribute("neg")]).toEqual([null, null]);
  });

  it("rethrows the same error, sync and async, and marks the span", async () => {
    let thrown: unknown;
    try {
      app.fails("bad");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((await tracing.onlyTrace()).rootSpan!.status.code).toBe("ERROR");
    await expect(app.failsLater("later")).rejects.toThrow(RangeError);
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.status).toEqual({ code: "ERROR", message: "RangeError: later" });
    // Async functions reject, never throw, whether they keep `async` (a default) or not.
    const atOnce = app.failsAtOnce("now");
    await expect(atOnce).rejects.toThrow(SyntaxError);
    const binding = app.withDefault(1);
    await expect(binding).rejects.toThrow("bad default");
    expect(await app.withDefault(1, 2)).toBe(3);
    expect((await tracing.traces()).map((t) => [t.rootSpan!.name, t.rootSpan!.status.code])).toEqual([
      ["failsAtOnce", "ERROR"],
      ["withDefault", "OK"],
    ]);
  });

  it("keeps recursion, this, arguments, defaults, length, name and new.target", async () => {
    expect(app.early).toBe(42);
    expect(app.factorial(3)).toBe(6);
    expect(shape(await tracing.onlyTrace())).toEqual(["factorial", [["factorial", ["factorial"]]]]);
    const self = { me: true };
    expect(app.reflect.call(self, 1)).toEqual({ self, count: 1, b: 2, all: [1] });
    expect([app.reflect.length, app.reflect.name, app.rank.name, app.retrieve.length]).toEqual([1, "reflect", "rank", 1]);
    // Every function keeps the length and name it has when compiled without the transformer.
    const signature = (m: Record<string, unknown>) =>
      Object.entries(m).flatMap(([key, value]) => (typeof value === "function" ? [[key, value.length, value.name]] : []));
    expect(signature(app)).toEqual(signature(plain));
    // An async function with plain parameters becomes a plain function returning the traced
    // promise, as the trace() wrapper is (and as TypeScript's own pre-ES2017 emit is); with
    // defaults or patterns it stays async, so an error binding them still rejects.
    const kinds = (m: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(m).flatMap(([key, value]) => (typeof value === "function" && value.constructor.name === "AsyncFunction" ? [[key, "async"]] : [])));
    const asyncInPlain = kinds(plain);
    expect(Object.keys(asyncInPlain).length).toBeGreaterThan(0);
    const stillAsync = kinds(app);
    for (const name of Object.keys(asyncInPlain)) {
      const declared = String(plain[name as keyof typeof plain]);
      const hasDefaultsOrPatterns = /^async[^(]*\([^)]*[=[{]/.test(declared);
      expect([name, name in stillAsync]).toEqual([name, hasDefaultsOrPatterns]);
    }
    const made = new (app.Made as unknown as new () => { viaNew: boolean })();
    expect(made.viaNew).toBe(true);
    await tracing.traces();
  });

  it("traces generators over the whole stream, with arguments and super in their bodies", async () => {
    const it = app.count(3);
    expect([...it]).toEqual([0, 1, 2]);
    const counted = (await tracing.onlyTrace()).rootSpan!;
    expect([counted.name, counted.inputs]).toEqual(["count", { limit: 3 }]);
    expect(counted.events.map((e) => e.name)).toEqual(["mlflow.chunk.item.0", "mlflow.chunk.item.1", "mlflow.chunk.item.2"]);
    expect(app.count(2).next()).toEqual({ value: 0, done: false }); // abandoned: no span ends yet
    const early = app.count(5);
    for (const n of early) if (n === 1) break; // early break ends the span
    expect((await tracing.traces()).map((t) => t.rootSpan!.status.code)).toEqual(["OK"]);
    const last = app.count(0).next();
    expect(last).toEqual({ value: 1, done: true }); // the body's `arguments.length`
    await tracing.traces();

    const words: string[] = [];
    for await (const w of app.words("a b")) words.push(w);
    expect(words).toEqual(["a", "b"]);
    expect((await tracing.onlyTrace()).rootSpan!.name).toBe("words");

    const greeter = app.Greeter.make("!");
    expect([...greeter.letters("hi")]).toEqual([">", "h", "i", "!"]);
    const traces = await tracing.traces();
    expect(traces.map((t) => t.rootSpan!.name)).toEqual(["make", "letters"]);
  });

  it("traces class and object methods with super, private and static members, nested", async () => {
    const greeter = new app.Greeter("?");
    expect(greeter.greet("ann")).toBe("hello ann?");
    expect(greeter.callDouble(4)).toBe(8);
    expect(app.tools.lookup("k")).toBe("K");
    const traces = await tracing.traces();
    expect(traces.map((t) => [t.rootSpan!.name, t.rootSpan!.spanType])).toEqual([
      ["greet", "AGENT"],
      ["#double", "UNKNOWN"],
      ["lookup", "TOOL"],
    ]);
    expect(await app.agent("q")).toEqual(["score:b", "score:q"]);
    expect(shape(await tracing.onlyTrace())).toEqual(["agent", ["retrieve", "rank"]]);
  });

  it("records parameter names for a method that @trace already traces, without tracing it twice", async () => {
    expect(new decorated.Service().run({ id: "x" }, "a")).toEqual(["x", "a"]);
    const trace = await tracing.onlyTrace();
    expect(trace.spans).toHaveLength(1);
    expect([trace.rootSpan!.name, trace.rootSpan!.spanType, trace.rootSpan!.inputs]).toEqual(["run", "TOOL", { "{ id }": { id: "x" }, flags: ["a"] }]);
  });
});

describe.each(Object.keys(compilers) as (keyof typeof compilers)[])("TypeScript %s, legacy experimentalDecorators", (version) => {
  it("records parameter names through @trace in its legacy form too", async () => {
    const outDir = join(here, "out/behaviour", `ts${version}-legacy`);
    const diagnostics = compileWithTransformer(compilers[version], loadTransformer(), [decoratedFixture], outDir, "esm", { experimentalDecorators: true });
    expect(diagnostics.map((d) => d.messageText)).toEqual([]);
    const legacy: Decorated = await import(pathToFileURL(join(outDir, "decorated.js")).href);
    const tracing = setupTracing();
    expect(new legacy.Service().run({ id: "y" })).toEqual(["y"]);
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect([span.name, span.inputs]).toEqual(["run", { "{ id }": { id: "y" }, flags: [] }]);
  });
});
