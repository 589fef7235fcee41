/**
 * traced on Deno 2 (test/toolchains' `deno` package): Deno runs fixtures/main.ts, TypeScript
 * and stage-3 decorators included, from an app folder whose node_modules/traced is the built
 * package (its package.json makes Deno resolve from node_modules), with only the permissions
 * traced needs: network to 127.0.0.1, the environment, and the folder for the store. Capture (trace, @trace, streams, context across await), the OTLP and MLflow
 * exporters over Deno's fetch, and the SQLite store on node:sqlite.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureToolchains } from "../support/toolchains.js";
import { expectedResults, expectedTraces, makeApp, runApp, runtimeBinaries, sorted, type AppRun } from "./runtime-apps.js";

const DENO_RUN = ["run", "--allow-net=127.0.0.1", "--allow-env", "--allow-read=.", "--allow-write=.", "main.ts"];

describe("Deno", () => {
  let run: AppRun;

  beforeAll(async () => {
    ensureToolchains();
    const app = makeApp("deno");
    run = await runApp(runtimeBinaries.deno, DENO_RUN, app, join(app, "traces.db"));
  }, 90_000);

  it("runs the built package on Deno, without a diagnostic", () => {
    expect(run.summary.runtime).toBe("deno");
    expect(run.summary.diagnostics).toEqual([]);
    expect(run.stderr).toBe("");
    expect(run.summary.flushed).toBe(true);
  });

  it("returns every traced call's own result and records the expected traces", () => {
    expect(run.summary.results).toEqual(expectedResults);
    expect(run.summary.traces).toEqual(expectedTraces);
  });

  it("sends the same traces over fetch to the OTLP receiver and the MLflow server", () => {
    expect(sorted(run.otlp)).toEqual(sorted(expectedTraces));
    expect(sorted(run.mlflow)).toEqual(sorted(expectedTraces));
    // Deno's own fetch sent them (Node's http client sends no User-Agent).
    expect(run.otlpUserAgents.length).toBeGreaterThan(0);
    for (const agent of run.otlpUserAgents) expect(agent).toMatch(/^Deno\//);
  });

  it("writes the traces to a SQLite store on node:sqlite and reads them back", () => {
    expect(run.summary.stored).toEqual(expectedTraces);
  });
});
