/** The README's main command: the sample agent builds with tsc, runs, prints its trace trees and writes them to the store. */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openTraceDatabase, TraceReader } from "../../src/store/index.js";

const root = join(import.meta.dirname, "../..");

describe("samples/agent", () => {
  it("prints the trace tree and stores every trace", () => {
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "samples/tsconfig.json")], { cwd: root });
    const db = join(mkdtempSync(join(tmpdir(), "traced-sample-")), "sample.db");
    const output = execFileSync(process.execPath, [join(root, ".tmp/samples/agent.js")], { cwd: root, encoding: "utf8", env: { ...process.env, TRACED_DB: db } });
    for (const line of ["└─ answer [AGENT]", "├─ retrieve [RETRIEVER]", "├─ Completions.create [CHAT_MODEL]", "└─ check_math [GUARDRAIL]", "└─ calculator [TOOL]", "└─ Completions.create [CHAT_MODEL]", "✗ Error: cannot evaluate"]) {
      expect(output).toContain(line);
    }
    const database = openTraceDatabase(db);
    const reader = new TraceReader(database);
    const ids = (database.prepare("SELECT trace_id FROM traces").all() as { trace_id: string }[]).map((r) => r.trace_id);
    const traces = ids.map((id) => reader.trace(id)!);
    database.close();
    expect(traces.map((trace) => trace.rootSpan!.name).sort()).toEqual(["answer", "streamAnswer", "useTool"]);
    // The OpenAI SDK's calls are CHAT_MODEL spans with token usage, summed onto their traces.
    const llmSpans = traces.flatMap((trace) => trace.spans.filter((span) => span.spanType === "CHAT_MODEL"));
    expect(llmSpans).toHaveLength(2);
    for (const span of llmSpans) expect(span.getAttribute("mlflow.chat.tokenUsage")).toMatchObject({ total_tokens: expect.any(Number) });
    expect(traces.filter((trace) => trace.info.metadata["mlflow.trace.tokenUsage"] !== undefined)).toHaveLength(2);
    expect(output).toMatch(/Completions\.create \[CHAT_MODEL\] .* · \d+ tokens \(\d+ in, \d+ out\)/);
  });
});
