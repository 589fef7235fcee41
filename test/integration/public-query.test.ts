/** The public API end to end: capture → the local store → read back, search, feedback. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeTraceStores, configure, getLastActiveTrace, getTrace, logFeedback, reset, searchTraces, trace } from "../../src/index.js";

afterAll(async () => {
  await closeTraceStores();
  reset();
});

describe("traces written to the store are found again", () => {
  it("getLastActiveTrace, searchTraces with MLflow's filter grammar, logFeedback", async () => {
    reset();
    configure({ destination: { store: { path: join(mkdtempSync(join(tmpdir(), "traced-public-")), "t.db") } }, onDiagnostic: () => {} });
    const classify = trace(async (text: string) => (text.includes("!") ? "excited" : "calm"), { name: "classify", spanType: "LLM" });
    await classify("hello!");
    await classify("hello");
    const last = await getLastActiveTrace();
    expect(last!.rootSpan!.inputs).toEqual({ text: "hello" });
    expect(last!.rootSpan!.outputs).toBe("calm");

    const found = await searchTraces({ filter: "span.type = 'LLM' AND trace.name = 'classify'" });
    expect(found.traces.map((t) => t.rootSpan!.outputs).sort()).toEqual(["calm", "excited"]);
    expect((await searchTraces({ filter: "trace.name = 'nothing'" })).traces).toEqual([]);

    await logFeedback({ traceId: last!.info.traceId, name: "correct", value: true, source: { sourceType: "HUMAN", sourceId: "alice" }, rationale: "right" });
    expect((await getTrace(last!.info.traceId))!.info.assessments[0]).toMatchObject({ name: "correct", feedback: { value: true }, rationale: "right" });
    expect((await searchTraces({ filter: "feedback.correct = 'true'" })).traces.map((t) => t.info.traceId)).toEqual([last!.info.traceId]);
  });
});
