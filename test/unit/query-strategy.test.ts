/**
 * Each child-table condition compiles two ways (drive: collect matches first; probe: check
 * each trace in result order). The search picks one by counting matches; both must always
 * give the same traces. This runs every filter both ways over the same data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveCondition } from "../../src/query/filter-fields.js";
import { parseFilter } from "../../src/query/filter-parser.js";
import { compileConditions, type Strategy } from "../../src/query/filter-sql.js";
import { TraceStore } from "../../src/query/index.js";
import { makeTrace, tempDbPath, traceIdFor } from "./store-test-traces.js";

let store: TraceStore;
beforeAll(() => {
  store = TraceStore.open(tempDbPath());
  const types = ["LLM", "TOOL", "CHAIN", "RETRIEVER"];
  store.writeTraces(
    Array.from({ length: 60 }, (_, i) =>
      makeTrace({
        id: traceIdFor(i + 1),
        name: `flow${i % 4}`,
        timeMs: 1_700_000_000_000 + (i % 7) * 1000,
        tags: { env: i % 3 ? "prod" : "dev", shard: String(i % 5) },
        metadata: { user: `u${i % 6}` },
        spans: [
          { name: `flow${i % 4}`, type: "AGENT" },
          { name: `step${i % 9}`, type: types[i % 4]!, status: i % 11 === 0 ? "ERROR" : "OK", attributes: { model: `m${i % 3}` } },
        ],
        assessments: [
          {
            assessmentId: `a-${i}`,
            name: "score",
            traceId: traceIdFor(i + 1),
            source: { sourceType: "CODE" },
            createTimeMs: 0,
            lastUpdateTimeMs: 0,
            feedback: { value: i % 10 },
          },
        ],
      }),
    ),
  );
});
afterAll(() => store.close());

function ids(filter: string, strategy: Strategy): string[] {
  const where = compileConditions(
    parseFilter(filter).map((c) => resolveCondition(c, filter)),
    () => strategy,
  );
  const sql = `SELECT trace_id FROM traces t WHERE ${where.sql} ORDER BY t.request_time_ms DESC, t.trace_id`;
  return store.db.prepare(sql).pluck().all(...where.params) as string[];
}

describe("drive and probe give the same traces", () => {
  it.each([
    "span.name = 'step3'",
    "span.name != 'step3'",
    "span.type IN ('LLM', 'TOOL')",
    "span.type NOT IN ('LLM')",
    "span.status = 'ERROR'",
    "span.name LIKE 'step%'",
    "span.name RLIKE '[0-3]$'",
    "tag.env = 'dev'",
    "tag.shard != '2'",
    "tag.env ILIKE 'PR%'",
    "metadata.user = 'u1'",
    "trace.name = 'flow2'",
    "feedback.score >= 7",
    "feedback.score = '3'",
    "span.type = 'TOOL' AND tag.env = 'prod' AND feedback.score < 5",
  ])("%s", (filter) => {
    const driven = ids(filter, "drive");
    expect(driven.length).toBeGreaterThan(0);
    expect(ids(filter, "probe")).toEqual(driven);
  });
});
