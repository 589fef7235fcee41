/**
 * What the runtime tests share: the binaries of Bun, Deno and workerd (each from its npm
 * package in test/toolchains, never downloaded), app folders whose node_modules/traced is
 * the built package, the traces fixtures/traced-app.ts must produce, and the same trees
 * rebuilt from what the OTLP receiver and the fake MLflow server received.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { type DecodedSpan } from "../support/otlp-decode.js";
import { OtlpReceiver } from "../support/otlp-receiver.js";
import { root, toolchainDir } from "../support/toolchains.js";
import type { Tree } from "./fixtures/traced-app.js";

export type { Tree };

const modules = join(toolchainDir, "node_modules");
export const runtimeBinaries = {
  bun: join(modules, "bun/bin/bun.exe"),
  deno: join(modules, "@deno/linux-x64-glibc/deno"),
  workerd: join(modules, "@cloudflare/workerd-linux-64/bin/workerd"),
} as const;

export const fixtures = join(import.meta.dirname, "fixtures");

/** A fresh app folder under .tmp/runtimes: the fixtures, and node_modules/traced linked to the built package. */
export function makeApp(name: string): string {
  const app = join(root, ".tmp/runtimes", name);
  rmSync(app, { recursive: true, force: true });
  mkdirSync(join(app, "node_modules"), { recursive: true });
  symlinkSync(root, join(app, "node_modules/traced"), "dir");
  cpSync(fixtures, app, { recursive: true });
  writeFileSync(join(app, "package.json"), '{ "private": true, "type": "module" }\n');
  return app;
}

/** An environment with nothing of this process's but what a shell needs. */
export function plainEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...extra };
}

export const expectedResults = {
  add: 5,
  gather: ["doc-1", "doc-2", "doc-3", "doc-9"],
  count: [0, 1, 2],
  answer: "p:q#0|q#1",
  stream: ["a", "b", "c"],
  fail: "boom",
};

export const expectedTraces: Tree[] = [
  ["add", "UNKNOWN", "OK", { a: 2, b: 3 }, 5, []],
  ["gather", "CHAIN", "OK", { ids: [1, 2, 3] }, ["doc-1", "doc-2", "doc-3", "doc-9"], [
    ["lookup_1", "RETRIEVER", "OK", { id: 1 }, "doc-1", []],
    ["lookup_2", "RETRIEVER", "OK", { id: 2 }, "doc-2", []],
    ["lookup_3", "RETRIEVER", "OK", { id: 3 }, "doc-3", []],
    ["lookup_4", "RETRIEVER", "OK", { id: 9 }, "doc-9", []],
  ]],
  ["count", "UNKNOWN", "OK", { n: 3 }, [0, 1, 2], []],
  ["answer", "AGENT", "OK", { question: "q" }, "p:q#0|q#1", [
    ["retrieve", "RETRIEVER", "OK", { query: "q", topK: 2 }, ["q#0", "q#1"], []],
    ["compose", "LLM", "OK", { docs: ["q#0", "q#1"] }, "p:q#0|q#1", []],
  ]],
  ["stream", "LLM", "OK", { prompt: "a b c" }, "abc", []],
  ["fail", "UNKNOWN", "ERROR: Error: boom", { reason: "boom" }, null, []],
];

const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
/** Traces in a stable order (exporters need not keep the order traces finished in). */
export const sorted = (trees: Tree[]): Tree[] => [...trees].sort(byJson);

const statusOf = (code: number, message: string) => (code === 2 ? "ERROR" : code === 1 ? "OK" : "UNSET") + (message ? `: ${message}` : "");

/** The OTLP spans as trees (children in the order they were sent: start order). */
export function otlpTrees(spans: DecodedSpan[]): Tree[] {
  const value = (span: DecodedSpan, key: string) => span.attributes[key]?.value ?? null;
  const node = (span: DecodedSpan): Tree => [
    span.name,
    value(span, "mlflow.spanType") as string,
    statusOf(span.status.code, span.status.message),
    value(span, "mlflow.spanInputs"),
    value(span, "mlflow.spanOutputs"),
    spans.filter((s) => s.traceId === span.traceId && s.parentSpanId === span.spanId).map(node),
  ];
  return spans.filter((s) => s.parentSpanId === "").map(node);
}

/** The traces the fake MLflow server stored (each attribute as the JSON text of its value). */
export function mlflowTrees(server: FakeMlflowServer): Tree[] {
  return [...server.traces.values()].map(({ spans }) => {
    const value = (span: (typeof spans)[number], key: string) => (span.attributes[key] === undefined ? null : JSON.parse(span.attributes[key]!));
    const node = (span: (typeof spans)[number]): Tree => [
      span.name,
      value(span, "mlflow.spanType") as string,
      statusOf(span.status.code, span.status.message),
      value(span, "mlflow.spanInputs"),
      value(span, "mlflow.spanOutputs"),
      spans.filter((s) => s.parentSpanId === span.spanId).map(node),
    ];
    return node(spans.find((s) => s.parentSpanId === "")!);
  });
}

export interface AppSummary {
  runtime: string;
  flushed: boolean;
  results: Record<string, unknown>;
  traces: Tree[];
  stored?: (Tree | null)[];
  diagnostics: string[];
}

export interface AppRun {
  summary: AppSummary;
  stderr: string;
  otlp: Tree[];
  mlflow: Tree[];
  /** The User-Agent of each request the OTLP receiver got: says which HTTP client sent it. */
  otlpUserAgents: string[];
}

/**
 * Runs fixtures/main.ts with `command` against an OTLP receiver and a fake MLflow server
 * started here (asynchronously: both answer from this process's event loop).
 */
export async function runApp(command: string, args: string[], app: string, storePath?: string): Promise<AppRun> {
  const receiver = await OtlpReceiver.start();
  const mlflow = await FakeMlflowServer.start();
  try {
    const { stdout, stderr } = await promisify(execFile)(command, [...args, receiver.url, mlflow.uri, ...(storePath ? [storePath] : [])], {
      cwd: app,
      env: plainEnv(),
      timeout: 60_000,
    });
    const otlpUserAgents = receiver.requests.map((request) => String(request.headers["user-agent"]));
    return { summary: JSON.parse(stdout) as AppSummary, stderr, otlp: otlpTrees(receiver.spans), mlflow: mlflowTrees(mlflow), otlpUserAgents };
  } finally {
    await receiver.close();
    await mlflow.close();
  }
}
