// traced through the `/** @traced */` transformer: the workloads' functions written as a user
// writes them, compiled once with `ts.transpileModule` and the built transformer, then loaded.
// Compared with the `trace()` wrapper (the issue: a tagged function costs the same or less).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, "..", "..");

const SOURCE = `
export interface ChatRequest { messages: unknown[] }

/** @traced name=sync */
export function add(x: number): number {
  return x + 1;
}

/** @traced name=async */
export async function addAsync(x: number): Promise<number> {
  return x + 1;
}

/** @traced name=leaf */
export function leaf(x: number): number {
  return x + 1;
}

/** @traced name=mid */
export function mid(x: number): number {
  return leaf(x) + 1;
}

/** @traced name=outer */
export function outer(x: number): number {
  return mid(x) + 1;
}

/** @traced name=llm */
export function countMessages(req: ChatRequest): number {
  return req.messages.length;
}
`;

async function compile() {
  const ts = require("typescript");
  const { createTracedTransformer } = require(join(root, "transformer", "dist", "index.js"));
  const diagnostics = [];
  const out = ts.transpileModule(SOURCE, {
    fileName: "tagged-workloads.ts",
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    transformers: { before: [createTracedTransformer({ ts, onDiagnostic: (d) => diagnostics.push(d) })] },
  });
  if (diagnostics.length > 0) throw new Error(`the transformer reported: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ")}`);
  if (!out.outputText.includes("traced/runtime")) throw new Error("the transformer did not trace the workloads");
  // Inside the package, so its `traced/runtime` import resolves to this build.
  const dir = join(root, ".tmp");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-tagged-${process.pid}.mjs`);
  writeFileSync(file, out.outputText);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}

/** Uses the traced adapter's configuration and queue (one traced per process). */
export async function createTaggedAdapter(tracedAdapter) {
  const compiled = await compile();
  const byName = { sync: compiled.add, async: compiled.addAsync, leaf: compiled.leaf, mid: compiled.mid, outer: compiled.outer, llm: compiled.countMessages };
  const pick = (_fn, name) => {
    const tagged = byName[name];
    if (tagged === undefined) throw new Error(`no tagged function for workload function "${name}"`);
    return tagged;
  };
  return {
    name: "traced, @traced tag",
    drain: tracedAdapter.drain,
    wrap: pick,
    wrapCapturing: pick,
    // Output reducers are functions: they are given to trace(), not written in a tag.
    wrapStream: undefined,
  };
}
