/**
 * A tag-only app: its code imports nothing of traced; the transformer's output imports
 * `traced/runtime` alone. Built with tspc and run as a child process, it must write its traces
 * to the default store (TRACED_DB) at the end of the process, as an app importing `traced` does,
 * and honour the environment's settings.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openTraceDatabase, TraceReader } from "../../src/store/index.js";
import { ensureTransformerBuilt, root } from "../transformer/support/build-transformer.js";
import { linkTraced } from "../transformer/support/compile-project.js";

const APP = `
/** @traced spanType=TOOL */
export function add(a: number, b: number): number {
  return a + b;
}

/** @traced spanType=CHAIN */
export async function total(values: number[]): Promise<number> {
  let sum = 0;
  for (const value of values) sum = add(sum, value);
  await new Promise((resolve) => setTimeout(resolve, 1));
  return sum;
}

for (let i = 0; i < 3; i++) console.log(await total([i, 1, 2]));
// No flush and no import of traced: the end of the process writes what is queued.
`;

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    strict: true,
    skipLibCheck: true,
    types: [],
    outDir: "out",
    rootDir: "src",
    paths: { "traced/runtime": [join(root, "dist/esm/runtime.d.ts")] },
    plugins: [{ transform: join(root, "transformer/dist/index.js") }],
  },
  include: ["src"],
};

let dir: string;

beforeAll(() => {
  ensureTransformerBuilt();
  dir = mkdtempSync(join(tmpdir(), "traced-tag-only-"));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/app.ts"), APP);
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
  linkTraced(dir);
  const build = spawnSync(process.execPath, [join(root, "node_modules/ts-patch/bin/tspc.js"), "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
  expect(build.stdout + build.stderr).toBe("");
  expect(build.status).toBe(0);
}, 120_000);

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, ["out/app.js"], { cwd: dir, encoding: "utf8", env: { ...process.env, MLFLOW_TRACKING_URI: "", ...env } });
}

function storedTraces(path: string) {
  const db = openTraceDatabase(path);
  try {
    const reader = new TraceReader(db);
    const ids = (db.prepare("SELECT trace_id FROM traces").all() as { trace_id: string }[]).map((r) => r.trace_id);
    return ids.map((id) => reader.trace(id)!);
  } finally {
    db.close();
  }
}

describe("a tag-only app", () => {
  it("imports traced/runtime only", () => {
    const emitted = readFileSync(join(dir, "out/app.js"), "utf8");
    expect(emitted).toContain('"traced/runtime"');
    expect(emitted).not.toMatch(/from "traced"/);
  });

  it("writes its traces to the default store when the process ends", () => {
    const db = join(dir, "traces.db");
    const result = run({ TRACED_DB: db });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("3\n4\n5\n");
    const traces = storedTraces(db);
    expect(traces).toHaveLength(3);
    for (const trace of traces) {
      expect(trace.rootSpan!.name).toBe("total");
      // Repeated names within a trace are numbered (dedupeSpanNames).
      expect(trace.spans.filter((span) => span.spanType === "TOOL").map((span) => span.name).sort()).toEqual(["add_1", "add_2", "add_3"]);
    }
    expect(traces.map((trace) => JSON.stringify(trace.rootSpan!.inputs)).sort()).toEqual(['{"values":[0,1,2]}', '{"values":[1,1,2]}', '{"values":[2,1,2]}']);
  });

  it("honours the environment's settings", () => {
    const db = join(dir, "disabled.db");
    const result = run({ TRACED_DB: db, TRACED_ENABLED: "false" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("3\n4\n5\n");
    expect(existsSync(db)).toBe(false);
  });
});
