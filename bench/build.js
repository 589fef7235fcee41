// tspc build time with the traced transformer vs a plain tsc build of the same generated
// project (traced only): 400 files, each with tagged and untagged functions, an async
// function, a generator and a class. Full program builds with emit, each in a fresh process.
//
// The builds are interleaved: every round runs each variant once, in an order that rotates
// from round to round, and the ratios are taken within a round (neighbouring builds see the
// same machine load). Reported: medians over rounds, and the min–max of the per-round ratios.
//
//   BENCH_BUILD_FILES=400       generated files
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
const FILES = Number(process.env.BENCH_BUILD_FILES ?? 400);
const ROUNDS = Math.max(1, Number(process.env.BENCH_BUILD_ITERATIONS ?? 5));
const PERSISTENT = process.env.BENCH_BUILD_PERSISTENT !== "0";
const KEEP = process.env.BENCH_BUILD_KEEP === "1";
const PHASES = process.env.BENCH_BUILD_PHASES === "1";
const COMPARE = process.env.BENCH_BUILD_COMPARE ? resolve(process.env.BENCH_BUILD_COMPARE) : undefined;
const PHASE_NAMES = { "Program time": "program", "Check time": "check", "transformTime time": "transform", "printTime time": "emit", "I/O Write time": "write", "Total time": "total" };

function sourceFile(i) {
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
const result = {
  files: FILES,
  rounds: ROUNDS,
  plainMs: median(times.plain),
  tracedMs: median(times.traced),
  tspcOnlyMs: median(times.tspcOnly),
  ratio: median(ratios),
  ratioRange: range(ratios),
  transformerOnlyRatio: median(perRound("traced", "tspcOnly")),
  launchRatio: median(perRound("tspcOnly", "plain")),
};
if (PERSISTENT) {
  const persistent = perRound("patched", "plain");
  Object.assign(result, { patchedMs: median(times.patched), persistentRatio: median(persistent), persistentRatioRange: range(persistent) });
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
