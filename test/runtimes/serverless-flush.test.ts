/**
 * A handler that returns right after `await flushTraces()` loses no trace, whatever the
 * platform does to the process next (child processes of Node, Bun and Deno running the built
 * package):
 * - it exits at once (`process.exit()`): everything was already delivered, the exit hook
 *   had nothing left to send;
 * - it is frozen (SIGSTOP, as Lambda freezes a finished invocation) and may never run again:
 *   while it is stopped the OTLP receiver already has every span and the MLflow server every
 *   trace's info; thawed (SIGCONT) it serves the next invocation the same way; then SIGKILL.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { OtlpReceiver } from "../support/otlp-receiver.js";
import { ensureToolchains } from "../support/toolchains.js";
import { makeApp, otlpTrees, plainEnv, runtimeBinaries } from "./runtime-apps.js";

const runtimes = [
  { runtime: "Node", command: process.execPath, args: [] as string[] },
  { runtime: "Bun", command: runtimeBinaries.bun, args: [] },
  { runtime: "Deno", command: runtimeBinaries.deno, args: ["run", "--allow-net=127.0.0.1", "--allow-env", "--allow-read=."] },
];

const invocationTrace = (query: string) => [
  ["handler", "AGENT", "OK", { event: { query } }, `${query}: ${query}-doc`, [
    ["retrieve", "RETRIEVER", "OK", { query }, [`${query}-doc`], []],
    ["answer", "LLM", "OK", null, `${query}: ${query}-doc`, []],
  ]],
];

let app: string;
let receiver: OtlpReceiver;
let mlflow: FakeMlflowServer;
let child: ChildProcessWithoutNullStreams | undefined;

beforeAll(() => {
  ensureToolchains();
  app = makeApp("serverless");
}, 600_000);
beforeEach(async () => {
  receiver = await OtlpReceiver.start();
  mlflow = await FakeMlflowServer.start();
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL");
    await once(child, "exit");
  }
  await receiver.close();
  await mlflow.close();
});

function start(runtime: (typeof runtimes)[number], mode: "exit" | "serve") {
  child = spawn(runtime.command, [...runtime.args, "serverless-handler.mjs", receiver.url, mlflow.uri, mode], { cwd: app, env: plainEnv() });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    /** Sends one invocation and resolves with the handler's answer (written after its flush resolved). */
    async invoke(query: string): Promise<Record<string, unknown>> {
      child!.stdin.write(query + "\n");
      const { value, done } = await lines.next();
      if (done) throw new Error(`the handler process ended without answering:\n${stderr}`);
      return JSON.parse(value as string) as Record<string, unknown>;
    },
    stderr: () => stderr,
  };
}

/** What the MLflow server holds, once the REST info call of every trace arrived: root name → state. */
const mlflowStates = () => [...mlflow.traces.values()].filter((t) => t.spansAtInfoCall !== undefined).map((t) => [t.spans.find((s) => s.parentSpanId === "")?.name, t.info.state]);

describe.each(runtimes)("$runtime: a handler that returns right after await flushTraces()", (runtime) => {
  it("loses no trace when the process then exits at once", async () => {
    const handler = start(runtime, "exit");
    const answer = await handler.invoke("q");
    expect(answer).toMatchObject({ result: "q-1: q-1-doc", flushed: true, pending: 0, diagnostics: [] });
    const [code] = await once(child!, "exit");
    expect(code).toBe(0);
    expect(handler.stderr()).toBe("");
    expect(otlpTrees(receiver.spans)).toEqual(invocationTrace("q-1"));
    // One request: flushTraces() sent it; at exit nothing was left for the blocking sender.
    expect(receiver.requests).toHaveLength(1);
    expect(mlflowStates()).toEqual([["handler", "OK"]]);
  });

  it("loses no trace when the process is then frozen, and after a thaw, invocation after invocation", async () => {
    const handler = start(runtime, "serve");
    for (const [n, query] of ["a", "b"].entries()) {
      const answer = await handler.invoke(query);
      child!.kill("SIGSTOP");
      expect(answer).toMatchObject({ invocation: n + 1, flushed: true, pending: 0, diagnostics: [] });
      // Checked while the process cannot run: only what was delivered before the freeze counts.
      const expected = ["a", "b"].slice(0, n + 1).flatMap((q, i) => invocationTrace(`${q}-${i + 1}`));
      expect(otlpTrees(receiver.spans)).toEqual(expected);
      expect(mlflowStates()).toEqual(expected.map(() => ["handler", "OK"]));
      child!.kill("SIGCONT");
    }
    child!.kill("SIGKILL");
    await once(child!, "exit");
    expect(handler.stderr()).toBe("");
  });
});
