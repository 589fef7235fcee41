/**
 * traced on Bun (test/toolchains' `bun` package): Bun runs fixtures/main.ts, TypeScript and
 * stage-3 decorators included, from an app folder whose node_modules/traced is the built
 * package. Capture (trace, @trace, streams, context across await), the OTLP and MLflow
 * exporters over Bun's fetch, and the SQLite store on bun:sqlite.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureToolchains } from "../support/toolchains.js";
import { expectedResults, expectedTraces, makeApp, runApp, runtimeBinaries, sorted, type AppRun } from "./runtime-apps.js";

describe("Bun", () => {
  let run: AppRun;

  beforeAll(async () => {
    ensureToolchains();
    const app = makeApp("bun");
    run = await runApp(runtimeBinaries.bun, ["main.ts"], app, join(app, "traces.db"));
  }, 90_000);

  it("runs the built package on Bun, without a diagnostic", () => {
    expect(run.summary.runtime).toBe("bun");
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
    // Bun's own fetch sent them (Node's http client sends no User-Agent).
    expect(run.otlpUserAgents.length).toBeGreaterThan(0);
    for (const agent of run.otlpUserAgents) expect(agent).toMatch(/^Bun\//);
  });

  it("writes the traces to a SQLite store on bun:sqlite and reads them back", () => {
    expect(run.summary.stored).toEqual(expectedTraces);
  });
});
