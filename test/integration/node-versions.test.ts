/**
 * traced runs on Node 20, 22 and 24. For each, a child process of that Node (20: the one running
 * the tests; 22 and 24: the binaries of test/toolchains) runs fixtures/node-versions/app.mjs in
 * an app folder where node_modules/traced is the built package (dist/bundle, dist/esm and dist/cjs, loaded
 * with import and require) and node_modules/better-sqlite3 is built for that Node (22 and 24:
 * by test/toolchains' postinstall, from the headers each Node ships). The app exercises trace()
 * (sync, async, generators), stage-3 decorators compiled by tsc, block spans and `using`
 * (native on Node 24), context across awaits, OTLP export to a receiver started here, and a
 * SQLite store round trip; every Node must print the same summary.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { type DecodedSpan } from "../support/otlp-decode.js";
import { OtlpReceiver } from "../support/otlp-receiver.js";
import { ensureToolchains, root, toolchain } from "../support/toolchains.js";

const runtimes = [
  { major: 20, node: process.execPath, betterSqlite3: join(root, "node_modules/better-sqlite3") },
  { major: 22, node: toolchain.node22, betterSqlite3: toolchain.betterSqlite3.node22 },
  { major: 24, node: toolchain.node24, betterSqlite3: toolchain.betterSqlite3.node24 },
];
const fixtures = join(import.meta.dirname, "fixtures/node-versions");
const work = join(root, ".tmp/node-versions");

/** An app folder that installed the built package, with better-sqlite3 built for its Node. */
function makeApp(major: number, betterSqlite3: string): string {
  const app = join(work, `node${major}`);
  const traced = join(app, "node_modules/traced");
  mkdirSync(traced, { recursive: true });
  cpSync(join(root, "package.json"), join(traced, "package.json"));
  for (const build of ["esm", "bundle", "cjs"]) cpSync(join(root, "dist", build), join(traced, "dist", build), { recursive: true });
  symlinkSync(betterSqlite3, join(app, "node_modules/better-sqlite3"), "dir");
  cpSync(join(root, ".tmp/decorators/stage3"), join(app, "decorators"), { recursive: true });
  for (const file of ["app.mjs", "native-using.mjs"]) cpSync(join(fixtures, file), join(app, file));
  writeFileSync(join(app, "package.json"), '{ "private": true, "type": "module" }\n');
  return app;
}

beforeAll(() => {
  ensureToolchains();
  rmSync(work, { recursive: true, force: true });
}, 600_000);

/** A trace as the app prints it: [name, spanType, status, inputs, outputs, children]. */
type Tree = [string, string, string, unknown, unknown, Tree[]];

const expectedResults = {
  add: 5,
  answer: "doc-1+doc-2+doc-3",
  count: [0, 1, 2],
  tokens: ["a", "b", "c"],
  run: "p:q#0|q#1",
  stream: ["px", "py"],
  agentCount: [0, 1],
  fail: "boom",
  vault: true,
  usingBlocks: ["block", "outer"],
  bridge: 42,
  distinctBuilds: true,
};

const expectedTraces: Tree[] = [
  ["add", "UNKNOWN", "OK", { a: 2, b: 3 }, 5, []],
  ["answer", "AGENT", "OK", { question: "why?" }, "doc-1+doc-2+doc-3", [
    ["lookup_1", "RETRIEVER", "OK", { id: 1 }, "doc-1", []],
    ["lookup_2", "RETRIEVER", "OK", { id: 2 }, "doc-2", []],
    ["lookup_3", "RETRIEVER", "OK", { id: 3 }, "doc-3", []],
    ["compose", "LLM", "OK", { question: "why?" }, "doc-1+doc-2+doc-3", []],
  ]],
  ["count", "UNKNOWN", "OK", { n: 3 }, [0, 1, 2], []],
  ["tokens", "UNKNOWN", "OK", { text: "a b c" }, "a b c", []],
  ["make", "UNKNOWN", "OK", { prefix: "p" }, { prefix: "p", calls: 0 }, []],
  ["run", "AGENT", "OK", { question: "q", "{ topK = 2 }": { topK: 2 } }, "p:q#0|q#1", [
    ["retrieve", "RETRIEVER", "OK", { query: "q", topK: 2 }, ["q#0", "q#1"], []],
  ]],
  ["stream", "UNKNOWN", "OK", { text: "xy" }, "pxpy", []],
  ["count", "UNKNOWN", "OK", { n: 2 }, [0, 1], []],
  ["fail", "UNKNOWN", "ERROR: Error: boom", { reason: "boom" }, null, []],
  ["#unlock", "UNKNOWN", "OK", { code: "1234" }, true, []],
  ["outer", "UNKNOWN", "OK", null, null, [
    ["block", "TASK", "OK", { step: 1 }, null, [["manual", "UNKNOWN", "OK", null, "ok", []]]],
  ]],
  ["job", "CHAIN", "OK", { id: 7 }, { steps: 1 }, [["step", "UNKNOWN", "OK", { part: 1 }, "done", []]]],
  ["bridge", "UNKNOWN", "OK", null, 42, [["viaCjs", "UNKNOWN", "OK", { x: 21 }, 42, []]]],
];

/** Node 24 parses `using` itself: the app then also runs native-using.mjs. */
const nativeUsingTrace: Tree = ["native-outer", "UNKNOWN", "OK", null, ["native-block", "native-outer"], [
  ["native-block", "UNKNOWN", "OK", { step: 2 }, "inside", []],
]];

/** The OTLP spans as the same trees (children in the order they were sent: start order). */
function otlpTrees(spans: DecodedSpan[]): Tree[] {
  const value = (span: DecodedSpan, key: string) => span.attributes[key]?.value ?? null;
  const status = (span: DecodedSpan) => (span.status.code === 2 ? "ERROR" : span.status.code === 1 ? "OK" : "UNSET") + (span.status.message ? `: ${span.status.message}` : "");
  const node = (span: DecodedSpan): Tree => [
    span.name,
    value(span, "mlflow.spanType") as string,
    status(span),
    value(span, "mlflow.spanInputs"),
    value(span, "mlflow.spanOutputs"),
    spans.filter((s) => s.traceId === span.traceId && s.parentSpanId === span.spanId).map(node),
  ];
  return spans.filter((s) => s.parentSpanId === "").map(node);
}

const sorted = (trees: Tree[]) => [...trees].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe.each(runtimes)("Node $major", ({ major, node, betterSqlite3 }) => {
  let summary: { node: string; results: unknown; traces: Tree[]; stored: Tree[]; diagnostics: string[] };
  let received: DecodedSpan[];
  const nativeUsing = major >= 24;

  beforeAll(async () => {
    const app = makeApp(major, betterSqlite3);
    const receiver = await OtlpReceiver.start();
    try {
      // Asynchronous: the receiver answers from this process's event loop.
      const { stdout, stderr } = await promisify(execFile)(node, ["app.mjs", receiver.url, join(app, "traces.db")], {
        cwd: app,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
        timeout: 60_000,
      });
      expect(stderr).toBe("");
      summary = JSON.parse(stdout);
      received = receiver.spans;
    } finally {
      await receiver.close();
    }
  }, 90_000);

  it(`runs the package on Node ${major}, without a diagnostic`, () => {
    expect(summary.node.split(".")[0]).toBe(String(major));
    expect(summary.diagnostics).toEqual([]);
  });

  it("returns every traced call's own result", () => {
    expect(summary.results).toEqual(nativeUsing ? { ...expectedResults, nativeUsing: ["native-block", "native-outer"] } : expectedResults);
  });

  it(`records the expected traces${nativeUsing ? ", native `using` included" : ""}`, () => {
    expect(summary.traces).toEqual(nativeUsing ? [...expectedTraces, nativeUsingTrace] : expectedTraces);
  });

  it("reads every trace back from the SQLite store unchanged", () => {
    expect(summary.stored).toEqual(summary.traces);
  });

  it("sends the same spans over OTLP to the local receiver", () => {
    expect(sorted(otlpTrees(received))).toEqual(sorted(summary.traces));
    const compose = received.find((span) => span.name === "compose")!;
    expect(compose.attributes.model).toEqual({ kind: "stringValue", value: "m-1" });
  });
});
