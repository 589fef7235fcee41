/**
 * traced on Cloudflare's workerd (test/toolchains' `workerd` package) with `nodejs_compat`:
 * fixtures/worker.ts, bundled by esbuild as wrangler does, runs the app in a request handler
 * and passes `flushTraces()` to `ctx.waitUntil`. The response comes back at once, and the
 * traces reach the OTLP receiver and the fake MLflow server over the Worker's `fetch` with
 * no further request: the request lives on until the export is done. A Worker whose runtime
 * has no AsyncLocalStorage loads traced, and its first traced call gets an error naming what
 * is missing and the flag that provides it. One that chooses no destination is told, once,
 * that the default local store cannot exist there and what to choose instead.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { OtlpReceiver } from "../support/otlp-receiver.js";
import { ensureToolchains } from "../support/toolchains.js";
import { expectedResults, expectedTraces, makeApp, mlflowTrees, otlpTrees, sorted } from "./runtime-apps.js";
import { startWorker, type RunningWorker } from "./workerd-server.js";

const spanCount = (trees: typeof expectedTraces): number => trees.reduce((sum, [, , , , , children]) => sum + 1 + spanCount(children), 0);

async function getJson(worker: RunningWorker, path: string): Promise<Record<string, unknown>> {
  const response = await fetch(worker.origin + path);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${text}\n${worker.stderr()}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Resolves once `done` holds, or rejects after `ms` saying what was awaited. */
async function within(ms: number, what: string, wait: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([wait, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)))]);
  clearTimeout(timer);
}

let app: string;
beforeAll(() => {
  ensureToolchains();
  app = makeApp("workerd");
}, 600_000);

describe("workerd with nodejs_compat", () => {
  let receiver: OtlpReceiver;
  let mlflow: FakeMlflowServer;
  let worker: RunningWorker;
  let results: unknown;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    mlflow = await FakeMlflowServer.start();
    worker = await startWorker({
      dir: app,
      entry: "worker.ts",
      name: "traced-app",
      compatibilityFlags: ["nodejs_compat"],
      // The oldest date traced loads at (node:fs came then); before 2026-08-04 the flag must be named.
      compatibilityDate: "2025-09-15",
      bindings: { OTLP_ENDPOINT: receiver.url, MLFLOW_URI: mlflow.uri },
    });
    ({ results } = await getJson(worker, "/run"));
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await receiver?.close();
    await mlflow?.close();
  });

  /** Resolves once the MLflow server got `count` trace info calls: the last step of an MLflow export. */
  const mlflowGotInfo = (count: number) =>
    within(10_000, `the MLflow server got ${count} trace infos`, (async () => {
      while (mlflow.calls.filter((c) => c.path === "/api/3.0/mlflow/traces" && c.status === 200).length < count) await new Promise((resolve) => setTimeout(resolve, 20));
    })());

  it("answers the request with every traced call's own result", () => {
    expect(results).toEqual(expectedResults);
  });

  it("exports the request's traces through ctx.waitUntil(flushTraces()), with no further request", async () => {
    const spans = spanCount(expectedTraces);
    await within(10_000, `the OTLP receiver got ${spans} spans`, receiver.waitFor((r) => r.spans.length >= spans));
    expect(sorted(otlpTrees(receiver.spans))).toEqual(sorted(expectedTraces));
    // MLflow: the spans over OTLP, then each trace's info over the REST API.
    await mlflowGotInfo(expectedTraces.length);
    expect(sorted(mlflowTrees(mlflow))).toEqual(sorted(expectedTraces));
  });

  it("records the expected traces in the Worker, without a diagnostic", async () => {
    expect((await getJson(worker, "/traces")).traces).toEqual(expectedTraces);
    expect((await getJson(worker, "/diagnostics")).diagnostics).toEqual([]);
  });

  it("exports a later request's traces the same way (each request flushes its own)", async () => {
    expect((await getJson(worker, "/run")).results).toEqual(expectedResults);
    const spans = 2 * spanCount(expectedTraces);
    await within(10_000, `the OTLP receiver got ${spans} spans`, receiver.waitFor((r) => r.spans.length >= spans));
    expect(sorted(otlpTrees(receiver.spans))).toEqual(sorted([...expectedTraces, ...expectedTraces]));
    expect((await getJson(worker, "/diagnostics")).diagnostics).toEqual([]);
  });

  it("keeps the traces of a request that did not flush for the next request's flush: none lost, nothing stalled", async () => {
    // Every export of the requests before has finished: nothing still running could take these traces along.
    await mlflowGotInfo(2 * expectedTraces.length);
    const before = receiver.spans.length;
    expect((await getJson(worker, "/run-without-flush")).results).toEqual(expectedResults);
    expect((await getJson(worker, "/run")).results).toEqual(expectedResults);
    const spans = before + 2 * spanCount(expectedTraces);
    await within(10_000, `the OTLP receiver got ${spans} spans`, receiver.waitFor((r) => r.spans.length >= spans));
    expect(sorted(otlpTrees(receiver.spans))).toEqual(sorted([...Array(4)].flatMap(() => expectedTraces)));
    expect((await getJson(worker, "/diagnostics")).diagnostics).toEqual([]);
  });
});

describe("workerd without AsyncLocalStorage", () => {
  let worker: RunningWorker;

  beforeAll(async () => {
    // The bundle a runtime without AsyncLocalStorage gets: node:async_hooks resolves to a module without it.
    writeFileSync(join(app, "no-als.js"), "export const executionAsyncId = () => 0;\n");
    worker = await startWorker({
      dir: app,
      entry: "no-als-worker.ts",
      name: "no-als",
      compatibilityFlags: ["nodejs_compat"],
      compatibilityDate: "2025-09-15",
      plugins: [
        {
          name: "no-async-local-storage",
          setup(build) {
            build.onResolve({ filter: /^node:async_hooks$/ }, () => ({ path: join(app, "no-als.js") }));
          },
        },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
  });

  it("loads traced, and the first traced call throws a TracedUsageError naming AsyncLocalStorage and nodejs_compat", async () => {
    const { loaded, error } = await getJson(worker, "/");
    expect(loaded).toBe(true);
    expect(error).toMatchObject({ name: "TracedUsageError" });
    expect((error as { message: string }).message).toMatch(/traced needs AsyncLocalStorage \(node:async_hooks\).*enable the nodejs_compat \(or nodejs_als\) compatibility flag/);
  });
});

describe("workerd, no destination chosen", () => {
  let worker: RunningWorker;

  beforeAll(async () => {
    worker = await startWorker({ dir: app, entry: "default-destination-worker.ts", name: "default-destination", compatibilityFlags: ["nodejs_compat"], compatibilityDate: "2025-09-15" });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
  });

  it("answers the request, and says once that the default store cannot exist there and what to choose instead", async () => {
    for (let request = 0; request < 2; request++) {
      const { reply, flushed, diagnostics } = await getJson(worker, "/");
      expect(reply).toBe("hello worker");
      expect(flushed).toBe(true);
      expect(diagnostics).toEqual([
        { code: "default-destination-failed", error: expect.stringMatching(/^TracedUsageError: Cloudflare Workers have no SQLite for traced's local store.*\{ otlp: \{ endpoint \} \}.*ctx\.waitUntil/) },
      ]);
    }
  });
});

describe("workerd, the local store chosen", () => {
  let worker: RunningWorker;

  beforeAll(async () => {
    worker = await startWorker({ dir: app, entry: "store-destination-worker.ts", name: "store-destination", compatibilityFlags: ["nodejs_compat"], compatibilityDate: "2025-09-15" });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
  });

  it("answers the request, and the failed export says there is no SQLite on Workers and what to choose instead", async () => {
    const { reply, flushed, diagnostics } = await getJson(worker, "/");
    expect(reply).toBe("hello worker");
    expect(flushed).toBe(true);
    expect(diagnostics).toHaveLength(1);
    const [{ error }] = diagnostics as { code: string; error: string }[];
    expect(error).toMatch(/^StoreDriverError: traced's trace store needs SQLite, and Cloudflare Workers have none.*\{ otlp: \{ endpoint \} \}.*ctx\.waitUntil/);
    expect(error).not.toMatch(/Illegal constructor/);
  });
});
