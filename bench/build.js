// tspc build time with the traced transformer vs a plain tsc build of the same generated
// project (traced only): 400 files, each with tagged and untagged functions, an async
// function, a generator and a class. Full program builds with emit, timed with tinybench.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Bench } from "tinybench";

const root = join(import.meta.dirname, "..");
const project = resolve(process.argv[2]);
const FILES = Number(process.env.BENCH_BUILD_FILES ?? 400);
const ITERATIONS = Number(process.env.BENCH_BUILD_ITERATIONS ?? 5);

function sourceFile(i) {
  // Import chains of at most 100 files: a chain through every file overflows tsc's stack past ~1,000 files.
  const next = i + 1 < FILES && (i + 1) % 100 !== 0 ? `import { step${i + 1} } from "./file${i + 1}.js";` : `const step${i + 1} = (n: number): number => n;`;
  return `${next}
export interface Request${i} { id: number; text: string; tags?: string[] }

/** Adds one. @traced */
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
writeFileSync(join(project, "tsconfig.plain.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: "out/plain" }, include: ["src"] }));
writeFileSync(
  join(project, "tsconfig.traced.json"),
  JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: "out/traced", plugins: [{ transform: join(root, "transformer/dist/index.js") }] }, include: ["src"] }),
);

const tsc = join(root, "node_modules/typescript/bin/tsc");
const tspc = join(root, "node_modules/ts-patch/bin/tspc.js");
function build(bin, config) {
  try {
    execFileSync(process.execPath, [bin, "-p", join(project, config)], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new Error(`${config} failed:\n${error.stdout}${error.stderr}`);
  }
}

const bench = new Bench({ iterations: ITERATIONS, time: 0, warmupIterations: 1, warmupTime: 0 });
bench.add("tsc (plain)", () => build(tsc, "tsconfig.plain.json"));
bench.add("tspc + traced transformer", () => build(tspc, "tsconfig.traced.json"));
// Separates ts-patch's own start-up (it patches TypeScript in memory) from the transformer.
bench.add("tspc (no plugin)", () => build(tspc, "tsconfig.plain.json"));
await bench.run();
const [plain, traced, tspcOnly] = bench.tasks.map((task) => {
  if (task.result.state === "errored") throw task.result.error;
  return task.result.latency.p50;
});
// The transformer really ran: the traced build imports the runtime, the plain one does not.
const { readFileSync } = await import("node:fs");
const emitted = readFileSync(join(project, "out/traced/file0.js"), "utf8");
if (!emitted.includes("traced/runtime")) throw new Error("the traced build did not use the transformer");
rmSync(project, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ files: FILES, plainMs: plain, tracedMs: traced, tspcOnlyMs: tspcOnly, ratio: traced / plain, transformerOnlyRatio: traced / tspcOnly }) + "\n");
process.exit(0);
