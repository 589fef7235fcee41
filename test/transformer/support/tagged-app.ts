/**
 * What samples/tagged-app does when built with the transformer and run (any ts-patch, any Node):
 * it imports no traced itself, so its trace reaches the store only through `traced/runtime`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { openTraceDatabase, TraceReader } from "../../../src/store/index.js";
import { renderTraceTree } from "../../../src/view/trace-tree.js";

/** A fresh store file for one run of the app (pass it as TRACED_DB). */
export function taggedAppDb(): string {
  return join(mkdtempSync(join(tmpdir(), "traced-tagged-app-")), "traces.db");
}

export function expectTaggedAppRun(run: { status: number | null; stdout: string; stderr: string }, db: string): void {
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toContain("Answer based on: a JSDoc tag marks a function for tracing at build time");
  const database = openTraceDatabase(db);
  try {
    const reader = new TraceReader(database);
    const ids = (database.prepare("SELECT trace_id FROM traces").all() as { trace_id: string }[]).map((r) => r.trace_id);
    expect(ids).toHaveLength(1);
    const tree = renderTraceTree(reader.trace(ids[0]!)!, { color: false });
    for (const line of ["answer [AGENT]", "├─ retrieve [RETRIEVER]", "├─ rerank [RERANKER]", "└─ generate [LLM]"]) expect(tree).toContain(line);
    const retrieve = reader.trace(ids[0]!)!.spans.find((span) => span.name === "retrieve")!;
    expect(Object.keys(retrieve.inputs as object)).toContain("{ topK = 2 }");
  } finally {
    database.close();
  }
}
