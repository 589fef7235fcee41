/**
 * A trace still open when the process ends (a request in flight) is not lost: the exit flush
 * exports it as it is, state IN_PROGRESS, with the spans that did end, into the SQLite store.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

const CHILD = join(import.meta.dirname, "fixtures/open-trace-child.mjs");
const dir = mkdtempSync(join(tmpdir(), "traced-open-exit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runChild(mode: "normal" | "exit" | "sigterm", storePath: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, mode, storePath], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk: Buffer) => {
      if (mode === "sigterm" && chunk.toString().includes("ready")) child.kill("SIGTERM");
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}

function storedTraces(storePath: string) {
  const db = new Database(storePath, { readonly: true });
  try {
    const traces = db.prepare("SELECT trace_row, state FROM traces ORDER BY state").all() as { trace_row: number; state: string }[];
    const spans = db.prepare("SELECT span_row >> 20 AS trace_row, name, end_time_ns FROM spans ORDER BY name").all() as { trace_row: number; name: string; end_time_ns: number | null }[];
    return traces.map((t) => ({
      state: t.state,
      spans: spans.filter((s) => s.trace_row === t.trace_row).map((s) => [s.name, s.end_time_ns === null ? "open" : "ended"]),
    }));
  } finally {
    db.close();
  }
}

describe("a trace still open when the process ends", () => {
  it.each([
    ["normal", { code: 0, signal: null }],
    ["exit", { code: 0, signal: null }],
    ["sigterm", { code: null, signal: "SIGTERM" }],
  ] as const)("is exported as IN_PROGRESS (%s)", async (mode, expectedEnd) => {
    const storePath = join(dir, `${mode}.db`);
    const end = await runChild(mode, storePath);
    expect(end).toMatchObject(expectedEnd);
    expect(storedTraces(storePath)).toEqual([
      { state: "IN_PROGRESS", spans: [["handle", "open"], ["lookup", "ended"]] },
      { state: "OK", spans: [["finished", "ended"]] },
    ]);
    // Exporting what is open at exit is not a failure: nothing is printed.
    expect(end.stderr).toBe("");
  });
});
