/** What samples/tagged-app prints when built with the transformer and run (any ts-patch, any Node). */
import { expect } from "vitest";

export function expectTaggedAppRun(run: { status: number | null; stdout: string; stderr: string }): void {
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toContain("Answer based on: a JSDoc tag marks a function for tracing at build time");
  for (const line of ["└─ answer [AGENT]", "├─ retrieve [RETRIEVER]", "├─ rerank [RERANKER]", "└─ generate [LLM]", '"{ topK = 2']) {
    expect(run.stdout).toContain(line);
  }
}
