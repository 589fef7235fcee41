/**
 * Generates the stress project of stress-tagged.test.ts: a library of tagged functions in
 * many modules — every target kind the transformer accepts, and the patterns that broke a
 * real library (large argument graphs, a traced toJSON, a thenable with a traced `then`,
 * objects of callbacks, generators, overloads, `super` in derived classes with field
 * initialisers, `arguments`, `#private`) — with its own test file (node:test, untagged)
 * that checks every function's results. The expectations (span names, how many spans each,
 * input names) are derived from the same template, so they cannot drift from the code.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface SiteExpectation {
  /** The span name the site records. */
  name: string;
  /** Input names, in order. */
  inputs: string[];
  /** Spans the own test's calls make at this site. */
  calls: number;
}

export interface StressProject {
  dir: string;
  /** Every tagged site (one per function), with what its spans must show. */
  sites: SiteExpectation[];
}

/** One module's tagged functions; `m` makes its exported names unique. */
function moduleSource(m: number): string {
  return `// Generated: module ${m} of the stress project.
export interface Graph { nodes: { id: number; label: string; edges: number[] }[] }
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** @traced */
export function add${m}(a: number, b: number): number {
  return a + b;
}

/** @traced spanType=RETRIEVER */
export async function fetchValue${m}(key: string): Promise<string> {
  await tick();
  return \`v\${${m}}:\${key}\`;
}

/** @traced */
export const double${m} = (n: number) => n * 2;

/** @traced spanType=CHAIN */
export const delayed${m} = async (n: number) => {
  await tick();
  return n + ${m};
};

/** @traced */
export const square${m} = function (n: number) {
  return n * n;
};

export const cube${m} = /** @traced */ function cubeImpl${m}(n: number) {
  return n ** 3;
};

/** @traced */
export function count${m}(first: number, ...rest: number[]): number {
  return arguments.length * 100 + first + rest.length;
}

/** @traced */
export function pick${m}({ id, name }: { id: number; name: string }, [head]: number[]): string {
  return \`\${id}:\${name}:\${head}\`;
}

/** @traced spanType=PARSER */
export function parse${m}(input: string): number;
export function parse${m}(input: number): number;
export function parse${m}(input: string | number): number {
  return typeof input === "string" ? Number.parseInt(input, 10) : input;
}

/** @traced */
export function* range${m}(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i + ${m};
}

/** @traced */
export async function* ticks${m}(n: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    await tick();
    yield i;
  }
}

/** @traced */
export function summarize${m}(graph: Graph, index: Record<string, number>): number {
  return graph.nodes.length + Object.keys(index).length;
}

/** @traced */
export function match${m}<T>(result: Result<T>, handlers: { Ok: (value: T) => string; Err: (error: string) => string }): string {
  return result.ok ? handlers.Ok(result.value) : handlers.Err(result.error);
}

/** A hot thenable (a Result/Task type) whose \`then\` is itself traced. */
export class Deferred${m}<T> implements PromiseLike<T> {
  constructor(private readonly promise: Promise<T>) {}
  /** @traced */
  then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    return this.promise.then(onFulfilled, onRejected);
  }
}

/** @traced */
export function load${m}(n: number): Deferred${m}<number> {
  return new Deferred${m}(tick().then(() => n * 10));
}

export const api${m} = {
  /** @traced */
  get(id: string) {
    return \`get:\${id}\`;
  },
  /** @traced */
  put: (id: string, value: number) => \`\${id}=\${value}\`,
};

export const handlers${m}: Record<string, (n: number) => number> = {};
/** @traced */
handlers${m}.inc = (n: number) => n + 1;

export function withDefault${m}(/** @traced */ transform = (text: string) => text.toUpperCase()): string {
  return transform("x${m}");
}

export class Shape${m} {
  #secret = ${m};
  static created = 0;
  constructor(readonly side: number) {
    Shape${m}.created++;
  }
  /** @traced */
  area(): number {
    return this.side * this.side;
  }
  /** @traced */
  static unit(): Shape${m} {
    return new Shape${m}(1);
  }
  /** @traced */
  static make = (side: number) => new Shape${m}(side);
  /** @traced */
  async scaled(k: number): Promise<number> {
    await tick();
    return this.area() * k;
  }
  /** @traced */
  #hidden(): number {
    return this.#secret;
  }
  reveal(): number {
    return this.#hidden();
  }
  /** @traced */
  describe = (label: string) => \`\${label}:\${this.side}\`;
  /** @traced */
  *corners(): Generator<number | string> {
    yield* [1, 2, 3, 4];
  }
  /** @traced */
  toJSON() {
    return { kind: "shape", side: this.side };
  }
  /** @traced */
  resize(side: number): Shape${m};
  resize(side: string): Shape${m};
  resize(side: number | string): Shape${m} {
    return new Shape${m}(Number(side));
  }
}

export class Square${m} extends Shape${m} {
  label = \`square-${m}\`;
  extra: number;
  constructor(side: number) {
    super(side);
    this.extra = side + 1;
  }
  /** @traced */
  override area(): number {
    return super.area() + 0;
  }
  /** @traced */
  override *corners(): Generator<number | string> {
    yield* super.corners();
    yield this.label;
  }
  /** @traced */
  tagged = () => \`\${this.label}:\${super.area()}\`;
}

/** @traced */
export function inspect${m}(shape: Shape${m}): number {
  return shape.side;
}
`;
}

/** The sites of one module and how many spans the own test makes at each (see ownTest). */
function moduleSites(m: number): SiteExpectation[] {
  const s = (name: string, inputs: string[], calls = 1): SiteExpectation => ({ name, inputs, calls });
  return [
    s(`add${m}`, ["a", "b"]),
    s(`fetchValue${m}`, ["key"]),
    s(`double${m}`, ["n"]),
    s(`delayed${m}`, ["n"]),
    s(`square${m}`, ["n"]),
    s(`cubeImpl${m}`, ["n"]),
    s(`count${m}`, ["first", "rest"]),
    s(`pick${m}`, ["{ id, name }", "[head]"]),
    s(`parse${m}`, ["input"], 2),
    s(`range${m}`, ["n"]),
    s(`ticks${m}`, ["n"]),
    s(`summarize${m}`, ["graph", "index"]),
    s(`match${m}`, ["result", "handlers"], 2),
    // The app's one `await` calls it; traced's own look at the thenable makes no span.
    s("then", ["onFulfilled", "onRejected"]),
    s(`load${m}`, ["n"]),
    s("get", ["id"]),
    s("put", ["id", "value"]),
    s("inc", ["n"]),
    s("transform", ["text"]),
    // Shape's: s.area, s.scaled → this.area, and super.area from q.area and from q.tagged.
    s("area", [], 4),
    s("unit", []),
    s(`Shape${m}.make`, ["side"]),
    s("scaled", ["k"]),
    s("#hidden", []),
    s(`Shape${m}.describe`, ["label"]),
    // s.corners, and q.corners delegating to super.corners.
    s("corners", [], 2),
    // The app's s.toJSON() and JSON.stringify(s) only: captures of shapes run it untraced.
    s("toJSON", [], 2),
    s("resize", ["side"]),
    // Square's own: q.area, q.corners.
    s("area", []),
    s("corners", []),
    s(`Square${m}.tagged`, []),
    s(`inspect${m}`, ["shape"]),
  ];
}

function ownTest(modules: number): string {
  const imports = Array.from({ length: modules }, (_, m) => `import * as m${m} from "./module${m}.js";`).join("\n");
  const cases = Array.from({ length: modules }, (_, m) => {
    const x = `m${m}`;
    return `
test("module ${m}", async () => {
  assert.equal(${x}.add${m}(2, 3), 5);
  assert.equal(await ${x}.fetchValue${m}("k"), "v${m}:k");
  assert.equal(${x}.double${m}(4), 8);
  assert.equal(await ${x}.delayed${m}(1), ${1 + m});
  assert.equal(${x}.square${m}(3), 9);
  assert.equal(${x}.cube${m}(2), 8);
  assert.equal(${x}.cube${m}.name, "cubeImpl${m}");
  assert.equal(${x}.count${m}(1, 2, 3), 303);
  assert.equal(${x}.count${m}.length, 1);
  assert.equal(${x}.pick${m}({ id: 1, name: "a" }, [7, 8]), "1:a:7");
  assert.equal(${x}.parse${m}("12") + ${x}.parse${m}(3), 15);
  assert.deepEqual([...${x}.range${m}(3)], [${m}, ${m + 1}, ${m + 2}]);
  const ticked: number[] = [];
  for await (const t of ${x}.ticks${m}(2)) ticked.push(t);
  assert.deepEqual(ticked, [0, 1]);
  assert.equal(${x}.summarize${m}(graph, index), graph.nodes.length + ${INDEX_KEYS});
  const handlers = { Ok: (value: number) => \`ok \${value}\`, Err: (error: string) => \`err \${error}\` };
  assert.equal(${x}.match${m}({ ok: true, value: 1 }, handlers), "ok 1");
  assert.equal(${x}.match${m}({ ok: false, error: "no" }, handlers), "err no");
  assert.equal(await ${x}.load${m}(5), 50);
  assert.equal(${x}.api${m}.get("a"), "get:a");
  assert.equal(${x}.api${m}.put("a", 1), "a=1");
  assert.equal(${x}.handlers${m}.inc!(1), 2);
  assert.equal(${x}.withDefault${m}(), "X${m}");
  const s = new ${x}.Shape${m}(3);
  assert.equal(s.area(), 9);
  assert.equal(${x}.Shape${m}.unit().side, 1);
  assert.equal(${x}.Shape${m}.make(2).side, 2);
  assert.equal(await s.scaled(2), 18);
  assert.equal(s.reveal(), ${m});
  assert.equal(s.describe("x"), "x:3");
  assert.deepEqual([...s.corners()], [1, 2, 3, 4]);
  assert.deepEqual(s.toJSON(), { kind: "shape", side: 3 });
  assert.equal(s.resize("4").side, 4);
  const q = new ${x}.Square${m}(2);
  assert.equal(q.area(), 4);
  assert.equal(q.extra, 3);
  assert.deepEqual([...q.corners()], [1, 2, 3, 4, "square-${m}"]);
  assert.equal(q.tagged(), "square-${m}:4");
  assert.equal(${x}.inspect${m}(s), 3);
  assert.equal(JSON.stringify(s), '{"kind":"shape","side":3}');
});`;
  }).join("\n");
  return `// Generated: the stress project's own test (untagged; passes with and without the transformer).
import assert from "node:assert/strict";
import { test } from "node:test";
${imports}
import describeDefault from "./main.js";

// A large argument graph and a wide lookup table, passed to every module's summarize.
const graph = { nodes: Array.from({ length: ${GRAPH_NODES} }, (_, id) => ({ id, label: \`node \${id}\`, edges: [id + 1, id + 2] })) };
const index: Record<string, number> = {};
for (let i = 0; i < ${INDEX_KEYS}; i++) index[\`key\${i}\`] = i;

test("default export", () => {
  assert.equal(describeDefault(2), "default 2");
});
${cases}
`;
}

/** Nodes in the large argument graph (~3 per entry) and keys in the wide table. */
const GRAPH_NODES = 100_000;
const INDEX_KEYS = 20_000;

const MAIN = `// Generated: the default export.
/** @traced */
export default function (n: number): string {
  return \`default \${n}\`;
}
`;

export function generateStressProject(dir: string, modules: number): StressProject {
  mkdirSync(join(dir, "src"), { recursive: true });
  for (let m = 0; m < modules; m++) writeFileSync(join(dir, `src/module${m}.ts`), moduleSource(m));
  writeFileSync(join(dir, "src/main.ts"), MAIN);
  writeFileSync(join(dir, "src/own.test.ts"), ownTest(modules));
  writeFileSync(join(dir, "package.json"), '{ "name": "stress-tagged", "private": true, "type": "module" }\n');
  const sites = [{ name: "default", inputs: ["n"], calls: 1 }];
  for (let m = 0; m < modules; m++) sites.push(...moduleSites(m));
  return { dir, sites };
}
