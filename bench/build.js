// tspc build time with the traced transformer vs a plain tsc build of the same generated
// project (traced only). Full program builds with emit, each in a fresh process. Two projects:
//
//   large (default): 1,500 modules of an LLM application (~120 lines each: types, a cache class,
//     a retriever, prompt and scoring helpers, a stream), one function or method in about ten
//     tagged, a tag in every file. The issue's "large project": the goal's ratio.
//   dense: 400 small files where four of six functions are tagged, with one-line bodies. The
//     transformer's worst case, where ts-patch's launch also weighs most (reported as info).
//
// The builds are interleaved: every round runs each variant once, in an order that rotates
// from round to round, and the ratios are taken within a round (neighbouring builds see the
// same machine load). Reported: medians over rounds, the min–max of the per-round ratios, and
// the ratios of each variant's fastest build (`best…`: what the goal is read from).
//
//   BENCH_BUILD_PROJECT=large   or dense
//   BENCH_BUILD_FILES=1500      generated files (dense: 400)
//   BENCH_BUILD_ITERATIONS=5    rounds (after one warm-up round)
//   BENCH_BUILD_PERSISTENT=0    skip the persistently patched `tsc` variant (ts-patch install)
//   BENCH_BUILD_COMPARE=<path>  also build with another transformer build (its index.js), for A/B
//   BENCH_BUILD_PHASES=1        also report TypeScript's own phase times (--extendedDiagnostics)
//   BENCH_BUILD_KEEP=1          keep the generated project (for profiling)
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";

const root = join(import.meta.dirname, "..");
const project = resolve(process.argv[2] ?? join(root, ".tmp/build-project"));
const PROJECT = process.env.BENCH_BUILD_PROJECT ?? "large";
if (PROJECT !== "large" && PROJECT !== "dense") throw new Error(`BENCH_BUILD_PROJECT: expected large or dense, got ${PROJECT}`);
const FILES = Number(process.env.BENCH_BUILD_FILES ?? (PROJECT === "dense" ? 400 : 1500));
const ROUNDS = Math.max(1, Number(process.env.BENCH_BUILD_ITERATIONS ?? 5));
const PERSISTENT = process.env.BENCH_BUILD_PERSISTENT !== "0";
const KEEP = process.env.BENCH_BUILD_KEEP === "1";
const PHASES = process.env.BENCH_BUILD_PHASES === "1";
const COMPARE = process.env.BENCH_BUILD_COMPARE ? resolve(process.env.BENCH_BUILD_COMPARE) : undefined;
const PHASE_NAMES = { "Program time": "program", "Check time": "check", "transformTime time": "transform", "printTime time": "emit", "I/O Write time": "write", "Total time": "total" };

// A module of an LLM application as a large project has them: types, a cache, a retriever
// class, prompt helpers, scoring, a stream; about one function or method in ten is tagged
// (each module's entry point, one of four kinds in turn), and every file has a tag, so no
// file takes the transformer's untagged fast path.
function largeModule(i) {
  const next = i + 1 < FILES && (i + 1) % 100 !== 0 ? i + 1 : undefined;
  const imports = next === undefined ? "" : `import { normalize${next}, type Document${next} } from "./file${next}.js";\n`;
  const tagged = (kind) => (i % 4 === kind ? (kind === 0 ? "/** @traced spanType=RETRIEVER */\n  " : kind === 3 ? "/** @traced spanType=LLM */\n" : "/** @traced */\n") : "");
  return `${imports}
export type Role${i} = "system" | "user" | "assistant" | "tool";

export interface Message${i} {
  role: Role${i};
  content: string;
  name?: string;
}

export interface Document${i} {
  id: string;
  text: string;
  score: number;
  metadata: Record<string, string | number | boolean>;
}

export interface Options${i} {
  topK?: number;
  temperature?: number;
  stop?: readonly string[];
}

export const DEFAULTS${i}: Required<Options${i}> = { topK: 5, temperature: 0.2, stop: [] };

/** Lower-cases and collapses whitespace. */
export function normalize${i}(text: string): string {
  return text.trim().replace(/\\s+/g, " ").toLowerCase();
}

export function score${i}(query: string, doc: Document${i}): number {
  const terms = normalize${i}(query).split(" ").filter((term) => term.length > 2);
  let hits = 0;
  for (const term of terms) {
    if (doc.text.includes(term)) hits++;
  }
  return terms.length === 0 ? 0 : hits / terms.length;
}

${tagged(1)}export function toPrompt${i}(messages: readonly Message${i}[], docs: readonly Document${i}[]): string {
  const context = docs.map((doc, n) => \`[\${n + 1}] \${doc.text}\`).join("\\n");
  const history = messages.map((m) => (m.name ? \`\${m.role} (\${m.name}): \${m.content}\` : \`\${m.role}: \${m.content}\`));
  return [...history, "", context].join("\\n");
}

export class Cache${i}<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();

  constructor(private readonly ttlMs: number) {}

  get(key: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T, now = Date.now()): void {
    this.entries.set(key, { value, at: now });
  }

  get size(): number {
    return this.entries.size;
  }
}

export class Retriever${i} {
  private readonly cache = new Cache${i}<Document${i}[]>(60_000);

  constructor(
    private readonly docs: readonly Document${i}[],
    private readonly options: Options${i} = {},
  ) {}

  ${tagged(0)}async retrieve(query: string): Promise<Document${i}[]> {
    const cached = this.cache.get(query);
    if (cached) return cached;
    const topK = this.options.topK ?? DEFAULTS${i}.topK;
    const ranked = this.docs
      .map((doc) => ({ doc, s: score${i}(query, doc) }))
      .filter((r) => r.s > 0)
      .sort((a, b) => b.s - a.s)
      .slice(0, topK)
      .map((r) => ({ ...r.doc, score: r.s }));
    this.cache.set(query, ranked);
    return ranked;
  }

  describe(): string {
    return \`Retriever${i}(\${this.docs.length} docs, topK=\${this.options.topK ?? DEFAULTS${i}.topK})\`;
  }
}

export function summarize${i}(docs: readonly Document${i}[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const doc of docs) {
    for (const [key, value] of Object.entries(doc.metadata)) {
      if (typeof value === "number") counts[key] = (counts[key] ?? 0) + value;
    }
  }
  return counts;
}

${tagged(2)}export function* chunks${i}(text: string, size = 64): Generator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

${tagged(3)}export const complete${i} = async (messages: readonly Message${i}[], options: Options${i} = {}): Promise<Message${i}> => {
  const temperature = options.temperature ?? DEFAULTS${i}.temperature;
  const last = messages[messages.length - 1];
  await Promise.resolve();
  return { role: "assistant", content: \`(\${temperature}) \${last ? last.content : ""}\` };
};

export const isLong${i} = (doc: Document${i}): boolean => doc.text.length > 200;
${next === undefined ? "" : `export const related${i} = (doc: Document${next}): string => normalize${next}(doc.text);\n`}`;
}

const sourceFile = PROJECT === "dense" ? denseModule : largeModule;

// The worst case for the transformer: two thirds of all functions tagged, with one-line bodies.
function denseModule(i) {
  // Import chains of at most 100 files: a chain through every file overflows tsc's stack past ~1,000 files.
  const next = i + 1 < FILES && (i + 1) % 100 !== 0 ? `import { step${i + 1} } from "./file${i + 1}.js";` : `const step${i + 1} = (n: number): number => n;`;
  return `${next}
export interface Request${i} { id: number; text: string; tags?: string[] }

/**
 * Adds one.
 * @traced
 */
export function step${i}(n: number): number {
  return n < 1 ? n : step${i + 1}(n - 1) + 1;
}

/** @traced spanType=LLM */
export async function ask${i}(request: Request${i}): Promise<string> {
  await Promise.resolve();
  return request.text.toUpperCase();
}

/** @traced */
export function* tokens${i}(text: string): Generator<string> {
  for (const part of text.split(" ")) yield part;
}

/** Not traced: plain helper. */
export function helper${i}(a: number, b: number): number {
  return a * b + ${i};
}

export class Service${i} {
  constructor(private readonly prefix: string) {}

  /** @traced */
  handle(request: Request${i}): string {
    return this.prefix + request.text + helper${i}(request.id, 2);
  }

  untraced(value: string): string {
    return value.trim();
  }
}
`;
}

rmSync(project, { recursive: true, force: true });
mkdirSync(join(project, "src"), { recursive: true });
for (let i = 0; i < FILES; i++) writeFileSync(join(project, "src", `file${i}.ts`), sourceFile(i));
const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, types: [], rootDir: "src" };
const transformer = join(root, "transformer/dist/index.js");
writeFileSync(join(project, "tsconfig.plain.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: "out/plain" }, include: ["src"] }));
writeFileSync(join(project, "tsconfig.traced.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: "out/traced", plugins: [{ transform: transformer }] }, include: ["src"] }));
writeFileSync(join(project, "tsconfig.patched.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: "out/patched", plugins: [{ transform: transformer }] }, include: ["src"] }));
if (COMPARE) writeFileSync(join(project, "tsconfig.compare.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: "out/compare", plugins: [{ transform: COMPARE }] }, include: ["src"] }));

const tsc = join(root, "node_modules/typescript/bin/tsc");
const tspc = join(root, "node_modules/ts-patch/bin/tspc.js");
const variants = [
  { key: "plain", bin: tsc, config: "tsconfig.plain.json" },
  { key: "traced", bin: tspc, config: "tsconfig.traced.json" },
  // Separates ts-patch's own start-up (it loads TypeScript, then a patched copy) from the transformer.
  { key: "tspcOnly", bin: tspc, config: "tsconfig.plain.json" },
];
if (COMPARE) variants.push({ key: "compare", bin: tspc, config: "tsconfig.compare.json" });
if (PERSISTENT) {
  // ts-patch's "persistent patch" (`ts-patch install`, its README's lower-load-time method), applied
  // to a private copy of TypeScript so the repository's own node_modules stay untouched.
  const copy = join(project, "node_modules/typescript");
  cpSync(join(root, "node_modules/typescript"), copy, { recursive: true });
  execFileSync(process.execPath, [join(root, "node_modules/ts-patch/bin/ts-patch.js"), "install", "-s", "--dir", copy], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
  variants.push({ key: "patched", bin: join(copy, "bin/tsc"), config: "tsconfig.patched.json" });
}

const phases = Object.fromEntries(variants.map((v) => [v.key, []]));
function build({ key, bin, config }) {
  const start = performance.now();
  let out;
  try {
    out = execFileSync(process.execPath, [bin, "-p", join(project, config), ...(PHASES ? ["--extendedDiagnostics"] : [])], { cwd: project, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (error) {
    throw new Error(`${config} failed:\n${error.stdout}${error.stderr}`);
  }
  const ms = performance.now() - start;
  if (PHASES) {
    // tsc's "printTime" spans the whole emit: transforms, printing and writing.
    const row = {};
    for (const line of out.split("\n")) {
      const m = /^(.+?):\s+([\d.]+)s$/.exec(line.trim());
      if (m && PHASE_NAMES[m[1]]) row[PHASE_NAMES[m[1]]] = Number(m[2]) * 1000;
    }
    phases[key].push(row);
  }
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const range = (values) => [Math.min(...values), Math.max(...values)];

for (const variant of variants) build(variant); // warm-up: file cache, ts-patch's patched-module cache
for (const key of Object.keys(phases)) phases[key].length = 0;
const times = Object.fromEntries(variants.map((v) => [v.key, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < variants.length; i++) {
    const variant = variants[(round + i) % variants.length];
    times[variant.key].push(build(variant));
  }
}

// The transformer really ran: the traced builds import the runtime, the plain one does not.
for (const out of ["out/traced", ...(PERSISTENT ? ["out/patched"] : []), ...(COMPARE ? ["out/compare"] : [])]) {
  if (!readFileSync(join(project, out, "file0.js"), "utf8").includes("traced/runtime")) throw new Error(`${out}: the build did not use the transformer`);
}
if (readFileSync(join(project, "out/plain/file0.js"), "utf8").includes("traced/runtime")) throw new Error("the plain build used the transformer");
if (!KEEP) rmSync(project, { recursive: true, force: true });

const perRound = (a, b) => times[a].map((t, i) => t / times[b][i]);
const ratios = perRound("traced", "plain");
// The fastest build of each variant: machine noise only ever adds time, and on a shared machine
// it comes in bursts shorter than a round, so the best times compare the builds themselves.
const bestMs = Object.fromEntries(Object.entries(times).map(([key, values]) => [key, Math.min(...values)]));
const best = (a, b) => bestMs[a] / bestMs[b];
const result = {
  project: PROJECT,
  files: FILES,
  rounds: ROUNDS,
  plainMs: median(times.plain),
  tracedMs: median(times.traced),
  tspcOnlyMs: median(times.tspcOnly),
  ratio: median(ratios),
  ratioRange: range(ratios),
  transformerOnlyRatio: median(perRound("traced", "tspcOnly")),
  launchRatio: median(perRound("tspcOnly", "plain")),
  bestMs,
  bestRatio: best("traced", "plain"),
  bestTransformerOnlyRatio: best("traced", "tspcOnly"),
  bestLaunchRatio: best("tspcOnly", "plain"),
};
if (PERSISTENT) {
  const persistent = perRound("patched", "plain");
  Object.assign(result, { patchedMs: median(times.patched), persistentRatio: median(persistent), persistentRatioRange: range(persistent), bestPersistentRatio: best("patched", "plain") });
}
if (COMPARE) {
  const compare = perRound("compare", "plain");
  Object.assign(result, { compareMs: median(times.compare), compareRatio: median(compare), compareRatioRange: range(compare), tracedVsCompare: median(perRound("traced", "compare")) });
}
if (PHASES) {
  result.phasesMs = Object.fromEntries(
    variants.map((v) => [v.key, Object.fromEntries(Object.values(PHASE_NAMES).map((name) => [name, median(phases[v.key].map((row) => row[name] ?? NaN))]))]),
  );
}
process.stdout.write(JSON.stringify(result) + "\n");
process.exit(0);
