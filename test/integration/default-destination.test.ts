/**
 * With no destination chosen, finished traces go to the local store, ./traced.db (or
 * TRACED_DB), and a process that simply ends has written them all. Runs as an app would:
 * a child process importing the built package.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openTraceDatabase, TraceReader } from "../../src/store/index.js";

const root = join(import.meta.dirname, "../..");

const APP = `
const { trace } = await import(${JSON.stringify(join(root, "dist/esm/index.js"))});
const answer = trace(async function answer(question) { return question.toUpperCase(); }, { spanType: "CHAIN" });
for (let i = 0; i < 25; i++) await answer("q" + i);
// No flush: the normal end of the process must write what is queued.
`;

function readAll(path: string): string[] {
  const db = openTraceDatabase(path);
  try {
    const reader = new TraceReader(db);
    const ids = (db.prepare("SELECT trace_id FROM traces").all() as { trace_id: string }[]).map((r) => r.trace_id);
    return ids.map((id) => JSON.stringify(reader.trace(id)!.rootSpan!.inputs)).sort();
  } finally {
    db.close();
  }
}

describe("default destination", () => {
  it("writes to ./traced.db in the working directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "traced-default-"));
    writeFileSync(join(dir, "app.mjs"), APP);
    execFileSync(process.execPath, ["app.mjs"], { cwd: dir, env: { ...process.env, TRACED_DB: "", MLFLOW_TRACKING_URI: "" } });
    const path = join(dir, "traced.db");
    expect(existsSync(path)).toBe(true);
    expect(readAll(path)).toHaveLength(25);
  });

  it("honours TRACED_DB", () => {
    const dir = mkdtempSync(join(tmpdir(), "traced-default-"));
    writeFileSync(join(dir, "app.mjs"), APP);
    const path = join(dir, "elsewhere.db");
    execFileSync(process.execPath, ["app.mjs"], { cwd: dir, env: { ...process.env, TRACED_DB: path } });
    expect(readAll(path)).toContain('{"question":"q7"}');
  });
});
