/**
 * `traced stats` as a user runs it (the built CLI in a child process) over a real store with
 * known traces: the terminal table, `--json` equal to summarizeTraces, usage errors, and a
 * tracking server's traces (counted from their info, with what it cannot rank said).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { createMlflowExporter } from "../../src/export/mlflow/index.js";
import { TraceStore } from "../../src/query/index.js";
import { FakeMlflowServer } from "../support/mlflow-fake.js";
import { HOUR, T0, seededTraces, summaryTrace } from "./summarize-fixture.js";

const cli = join(import.meta.dirname, "../../dist/esm/cli/main.js");
let dir: string;
let db: string;

function traced(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TRACED_DB: "", MLFLOW_TRACKING_URI: "", NO_COLOR: "1", COLUMNS: "160" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI in a child process without blocking this one (a server in this process answers it). */
function tracedAsync(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: dir, env: { ...process.env, TRACED_DB: "", MLFLOW_TRACKING_URI: "", NO_COLOR: "1", COLUMNS: "160" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const RANGE = ["--from", new Date(T0).toISOString(), "--to", new Date(T0 + 3 * HOUR).toISOString(), "--interval", "1h"];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "traced-stats-"));
  db = join(dir, "traces.db");
  const store = TraceStore.open(db);
  store.writeTraces([...seededTraces(), summaryTrace({ startMs: T0 + 2 * HOUR + 3_000, durationMs: 9, rootName: "<img src=x onerror=alert(1)>\u001b[31m", tags: { env: "it's \"quoted\"" } })]);
  store.close();
});

describe("traced stats", () => {
  it("--json prints exactly what summarizeTraces returns", () => {
    const result = traced("--db", db, "stats", ...RANGE, "--group-by", "model", "--group-by", "tag.env", "--json");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout);
    const store = TraceStore.open(db);
    const expected = store.summarizeTraces({ from: T0, to: T0 + 3 * HOUR, interval: "1h", groupBy: ["model", "tag.env"] });
    store.close();
    expect(printed).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(printed.totals).toMatchObject({ traces: 7, errors: 1, cost: 0.07, totalTokens: 420 });
  });

  it("prints a table per interval with a total, and the rankings", () => {
    const result = traced("--db", db, "stats", ...RANGE);
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("Traces 2026-11-01 00:00 → 2026-11-01 03:00 UTC, every 1h");
    expect(lines[1]).toBe("");
    expect(lines[2]).toMatch(/^TIME \(UTC\)\s+TRACES\s+ERRORS\s+ERROR %\s+P50\s+P95\s+P99\s+TOKENS\s+COST$/);
    expect(lines[3]).toMatch(/^2026-11-01 00:00\s+4\s+1\s+25\.0%\s+10 ms\s+\d+ ms\s+\d+ ms\s+300\s+\$0\.0500$/);
    expect(lines[4]).toMatch(/^2026-11-01 01:00\s+0\s+0\s+—\s+—\s+—$/);
    expect(lines[5]).toMatch(/^2026-11-01 02:00\s+3\s+0\s+0\.0%\s+9\.0 ms\s+12 ms\s+12 ms\s+120\s+\$0\.0200$/);
    expect(lines[6]).toMatch(/^TOTAL\s+7\s+1\s+14\.3%\s+10 ms/);
    expect(result.stdout).toContain("Top model by cost:");
    expect(result.stdout).toMatch(/gpt-4o\s+3\s+0 \(0\.0%\)\s+6\.7 ms\s+360\s+\$0\.0400/);
    expect(result.stdout).toContain("Top span.name by latency:");
    expect(result.stdout).toContain("Latency percentiles are nearest-rank");
  });

  it("shows stored strings as inert text: control characters are blanked", () => {
    const result = traced("--db", db, "stats", ...RANGE, "--group-by", "span.name", "--group-by", "tag.env");
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stdout).toContain("<img src=x onerror=alert(1)> [31m");
    expect(result.stdout).toContain(`it's "quoted"`);
  });

  it("applies --filter and says when a range is empty", () => {
    const errors = traced("--db", db, "stats", ...RANGE, "--filter", "trace.status = 'ERROR'", "--json");
    expect(JSON.parse(errors.stdout).totals).toMatchObject({ traces: 1, errors: 1 });
    const empty = traced("--db", db, "stats", "--from", "2020-01-01", "--to", "2020-01-02");
    expect(empty.status).toBe(0);
    expect(empty.stdout).toContain("No traces in this range.");
  });

  it("reports wrong options as usage errors (exit 2)", () => {
    const badFilter = traced("--db", db, "stats", "--filter", "trace.nope = 1");
    expect(badFilter.status).toBe(2);
    expect(badFilter.stderr).toMatch(/Unknown trace key "nope"/);
    const badInterval = traced("--db", db, "stats", "--interval", "fortnight");
    expect(badInterval.status).toBe(2);
    expect(badInterval.stderr).toMatch(/"interval" must be/);
    const badGroup = traced("--db", db, "stats", "--group-by", "colour");
    expect(badGroup.status).toBe(2);
    expect(badGroup.stderr).toMatch(/unknown "groupBy" key "colour"/);
  });

  it("summarizes a tracking server's traces, saying what it cannot rank", async () => {
    const mlflow = await FakeMlflowServer.start();
    try {
      const exporter = createMlflowExporter({ trackingUri: mlflow.uri, experimentId: "0" }, {}, new Diagnostics());
      await exporter.export(seededTraces());
      await exporter.shutdown();
      const json = await tracedAsync("--tracking-uri", mlflow.uri, "stats", ...RANGE, "--json");
      expect(json.stderr).toBe("");
      const printed = JSON.parse(json.stdout);
      expect(printed.totals).toMatchObject({ traces: 6, errors: 1, cost: 0.07 });
      expect(printed.groups[0]).toMatchObject({ key: "model", unavailable: expect.stringMatching(/Not available from an MLflow tracking server/) });
      const table = await tracedAsync("--tracking-uri", mlflow.uri, "stats", ...RANGE);
      expect(table.status).toBe(0);
      expect(table.stdout).toContain("Top model: Not available from an MLflow tracking server");
      expect(table.stdout).toMatch(/^TOTAL\s+6\s+1\s+16\.7%/m);
    } finally {
      await mlflow.close();
    }
  });
});
