/**
 * The store as real processes use it: two writer processes on one file, flush at a normal
 * exit and at process.exit(), and a burst larger than the export queue. Child processes load
 * the built package (dist/), as an app would.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openSqlite } from "../../src/store/index.js";

const run = promisify(execFile);
const dist = pathToFileURL(join(import.meta.dirname, "../../dist/esm/")).href;

function script(dir: string, name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `import * as traced from ${JSON.stringify(dist + "index.js")};\n` +
      `import { createStoreExporter } from ${JSON.stringify(dist + "store/index.js")};\n` +
      `import { Span, Trace } from ${JSON.stringify(dist + "model/index.js")};\n` +
      body,
  );
  return file;
}

function count(path: string, sql = "SELECT count(*) FROM traces"): number {
  const db = openSqlite(path, { readonly: true, busyTimeoutMs: 5000 });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe("store with real processes", () => {
  it("two processes writing one file lose no rows and never surface SQLITE_BUSY", async () => {
    const dir = mkdtempSync(join(tmpdir(), "traced-writers-"));
    const db = join(dir, "shared.db");
    // Each writer exports 200 batches of 10 traces x 5 spans straight through the exporter,
    // so both hold and wait for the write lock many times.
    const writer = script(
      dir,
      "writer.mjs",
      `
      const [path, worker] = process.argv.slice(2);
      const exporter = createStoreExporter({ path });
      const hex = (n, width) => n.toString(16).padStart(width, "0");
      let failures = 0;
      for (let batch = 0; batch < 200; batch++) {
        const traces = [];
        for (let k = 0; k < 10; k++) {
          const n = Number(worker) * 1_000_000 + batch * 10 + k;
          const id = "tr-" + hex(n, 32);
          const spans = Array.from({ length: 5 }, (_, s) => new Span({
            traceId: id, spanId: hex(s + 1, 16), parentId: s ? hex(1, 16) : null, name: "w" + worker + "s" + s,
            startTimeNs: 1n, endTimeNs: 2n, status: { code: "OK", message: "" }, attributes: { "mlflow.spanType": '"LLM"' }, events: [],
          }));
          traces.push(new Trace({ traceId: id, traceLocation: { type: "MLFLOW_EXPERIMENT", experimentId: "0" }, requestTimeMs: n,
            executionDurationMs: 1, state: "OK", metadata: {}, tags: { worker }, assessments: [] }, spans));
        }
        try { await exporter.export(traces); } catch (error) { failures++; console.error(error.code ?? error.message); }
      }
      await exporter.shutdown();
      console.log(JSON.stringify({ failures }));
      `,
    );
    const [a, b] = await Promise.all([run(process.execPath, [writer, db, "1"]), run(process.execPath, [writer, db, "2"])]);
    expect(JSON.parse(a.stdout)).toEqual({ failures: 0 });
    expect(JSON.parse(b.stdout)).toEqual({ failures: 0 });
    expect(a.stderr + b.stderr).not.toMatch(/SQLITE_BUSY/);
    expect(count(db)).toBe(4000);
    expect(count(db, "SELECT count(*) FROM spans")).toBe(20000);
    expect(count(db, "SELECT count(DISTINCT value) FROM trace_tags WHERE key = 'worker'")).toBe(2);
  });

  it("a writer killed mid-stream leaves a sound file holding only whole batches", async () => {
    const dir = mkdtempSync(join(tmpdir(), "traced-kill-"));
    const db = join(dir, "killed.db");
    const writer = script(
      dir,
      "endless.mjs",
      `
      const [path] = process.argv.slice(2);
      const exporter = createStoreExporter({ path });
      const hex = (n, width) => n.toString(16).padStart(width, "0");
      for (let batch = 0; ; batch++) {
        const traces = Array.from({ length: 20 }, (_, k) => {
          const id = "tr-" + hex(batch * 20 + k + 1, 32);
          const spans = Array.from({ length: 5 }, (_, s) => new Span({ traceId: id, spanId: hex(s + 1, 16), parentId: s ? hex(1, 16) : null,
            name: "s" + s, startTimeNs: 1n, endTimeNs: 2n, status: { code: "OK", message: "" }, attributes: {}, events: [] }));
          return new Trace({ traceId: id, traceLocation: { type: "MLFLOW_EXPERIMENT" }, requestTimeMs: batch, executionDurationMs: 1,
            state: "OK", metadata: {}, tags: {}, assessments: [] }, spans);
        });
        exporter.exportSync(traces);
        if (batch === 20) console.log("ready");
      }
      `,
    );
    const child = spawn(process.execPath, [writer, db], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout!.on("data", () => resolve()));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));

    const traces = count(db);
    expect(traces).toBeGreaterThanOrEqual(21 * 20);
    expect(traces % 20).toBe(0);
    expect(count(db, "SELECT count(*) FROM spans")).toBe(traces * 5);
    const check = openSqlite(db, { readonly: true, busyTimeoutMs: 5000 });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
  });

  it("writes every queued trace when the process ends normally, and at process.exit()", async () => {
    const dir = mkdtempSync(join(tmpdir(), "traced-exit-"));
    const app = script(
      dir,
      "app.mjs",
      `
      const [path, mode] = process.argv.slice(2);
      traced.setDestination(createStoreExporter({ path }));
      const work = traced.trace(function work(x) { return x * 2; });
      for (let i = 0; i < 50; i++) work(i);
      if (mode === "exit") process.exit(0);
      `,
    );
    for (const mode of ["natural", "exit"]) {
      const db = join(dir, `${mode}.db`);
      await run(process.execPath, [app, db, mode]);
      expect(count(db), mode).toBe(50);
      expect(count(db, "SELECT count(*) FROM spans WHERE name = 'work'"), mode).toBe(50);
    }
  });

  it("under a burst larger than the queue, drops are counted and everything kept is stored", async () => {
    const dir = mkdtempSync(join(tmpdir(), "traced-burst-"));
    const db = join(dir, "burst.db");
    const app = script(
      dir,
      "burst.mjs",
      `
      const [path] = process.argv.slice(2);
      const diagnostics = [];
      traced.configure({ destination: createStoreExporter({ path }), maxQueueSize: 100, onDiagnostic: (d) => diagnostics.push(d.code) });
      const work = traced.trace(function work(x) { return x; });
      const before = process.memoryUsage().heapUsed;
      // All synchronous: the exporter cannot run until the burst is over.
      for (let i = 0; i < 20000; i++) work(i);
      const grown = process.memoryUsage().heapUsed - before;
      await traced.flushTraces();
      console.log(JSON.stringify({ stats: traced.getTracingStats().export, diagnostics, grownMb: grown / 1e6 }));
      `,
    );
    const { stdout } = await run(process.execPath, [app, db]);
    const { stats, diagnostics, grownMb } = JSON.parse(stdout) as {
      stats: { exported: number; dropped: number; failed: number };
      diagnostics: string[];
      grownMb: number;
    };
    expect(stats.dropped).toBe(20000 - 100);
    expect(stats.exported).toBe(100);
    expect(stats.failed).toBe(0);
    expect(diagnostics.filter((code) => code === "traces-dropped")).toHaveLength(1);
    expect(count(db)).toBe(100);
    // 20,000 traces were created but at most 100 were held: far below what keeping them all would take.
    expect(grownMb).toBeLessThan(50);
  });
});
