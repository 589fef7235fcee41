import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Assessment } from "../../src/model/index.js";
import { FilterError, TraceStore, createPageToken } from "../../src/query/index.js";
import { makeTrace, tempDbPath, traceIdFor } from "./store-test-traces.js";

const T0 = 1_700_000_000_000;

function feedback(traceNumber: number, name: string, value: unknown, valid = true): Assessment {
  return {
    assessmentId: `a-${traceNumber}-${name}`,
    name,
    traceId: traceIdFor(traceNumber),
    source: { sourceType: "HUMAN", sourceId: "bob" },
    createTimeMs: T0,
    lastUpdateTimeMs: T0,
    feedback: { value },
    valid,
  };
}

// Five traces with distinct, known features; each test names the ids it expects.
const traces = [
  makeTrace({
    id: traceIdFor(1),
    name: "chat",
    timeMs: T0 + 1000,
    durationMs: 50,
    state: "OK",
    tags: { env: "prod", "team.name": "search" },
    metadata: { "mlflow.trace.user": "alice", "mlflow.sourceRun": "run-1" },
    clientRequestId: "req-1",
    requestPreview: '{"question": "What is MLflow?"}',
    spans: [
      { name: "chat", type: "AGENT", inputs: { question: "What is MLflow?" } },
      { name: "ask_llm", type: "LLM", attributes: { model: "gpt-4o", temperature: 0.2, "weird \"key\"": "x" } },
    ],
    assessments: [feedback(1, "relevance", "yes"), feedback(1, "score", 0.9)],
  }),
  makeTrace({
    id: traceIdFor(2),
    name: "chat",
    timeMs: T0 + 2000,
    durationMs: 500,
    state: "ERROR",
    tags: { env: "dev" },
    metadata: { "mlflow.trace.user": "bob" },
    spans: [
      { name: "chat", type: "AGENT" },
      { name: "retrieve", type: "RETRIEVER", status: "ERROR", attributes: { model: "embed-3" } },
    ],
    assessments: [feedback(2, "relevance", "no"), feedback(2, "score", 0.2)],
  }),
  makeTrace({
    id: traceIdFor(3),
    name: "Summarize",
    timeMs: T0 + 3000,
    durationMs: 5,
    state: "OK",
    tags: { env: "prod" },
    spans: [{ name: "Summarize", type: "CHAIN" }, { name: "ask_llm", type: "LLM", attributes: { model: "gpt-4" } }],
    assessments: [feedback(3, "relevance", "yes", false)],
  }),
  makeTrace({ id: traceIdFor(4), name: "tool-run", timeMs: T0 + 4000, durationMs: 5000, state: "IN_PROGRESS", spans: [{ name: "tool-run", type: "TOOL" }] }),
  makeTrace({ id: traceIdFor(5), name: "chat", timeMs: T0 + 5000, durationMs: null, state: "OK", tags: { env: "pro_d" } }),
];

let store: TraceStore;
beforeAll(() => {
  store = TraceStore.open(tempDbPath());
  store.writeTraces(traces);
});
afterAll(() => store.close());

/** The matching trace numbers, in result order. */
function search(filter: string, orderBy?: string[]): number[] {
  return store.searchTraces({ filter, ...(orderBy ? { orderBy } : {}), includeSpans: false }).traces.map((t) => parseInt(t.traceId.slice(3), 16));
}

describe("searchTraces: fields and operators", () => {
  it.each<[string, number[]]>([
    ["", [5, 4, 3, 2, 1]],
    // trace attributes
    ["trace.status = 'OK'", [5, 3, 1]],
    ["status = 'ERROR'", [2]],
    ["attributes.status != 'OK'", [4, 2]],
    ["trace.status IN ('ERROR', 'IN_PROGRESS')", [4, 2]],
    ["trace.status NOT IN ('OK')", [4, 2]],
    ["trace.status LIKE 'IN_%'", [4]],
    ["trace.status ILIKE 'err%'", [2]],
    ["trace.status RLIKE '^(OK|ERROR)$'", [5, 3, 2, 1]],
    [`trace.timestamp_ms > ${T0 + 3000}`, [5, 4]],
    [`trace.timestamp_ms >= ${T0 + 3000}`, [5, 4, 3]],
    [`timestamp < ${T0 + 2000}`, [1]],
    [`trace.timestamp_ms <= ${T0 + 2000}`, [2, 1]],
    [`trace.timestamp_ms = ${T0 + 2000}`, [2]],
    [`trace.timestamp_ms != ${T0 + 2000}`, [5, 4, 3, 1]],
    ["trace.execution_time_ms > 100", [4, 2]],
    ["execution_time < 10", [3]],
    // Trace 5 has no duration, so no end time.
    [`trace.end_time_ms >= ${T0 + 2500}`, [4, 3, 2]],
    [`trace.request_id = '${traceIdFor(3)}'`, [3]],
    [`trace.request_id IN ('${traceIdFor(3)}', '${traceIdFor(1)}')`, [3, 1]],
    ["trace.client_request_id = 'req-1'", [1]],
    ["trace.name = 'chat'", [5, 2, 1]],
    ["trace.name != 'chat'", [4, 3]],
    ["name IN ('Summarize', 'tool-run')", [4, 3]],
    ["trace.name LIKE 'S%'", [3]],
    ["trace.name LIKE 's%'", []],
    ["trace.name ILIKE 's%'", [3]],
    ["trace.run_id = 'run-1'", [1]],
    ["trace.text ILIKE '%what is mlflow%'", [1]],
    ["trace.text LIKE '%retrieve%'", [2]],
    // tags and metadata
    ["tag.env = 'prod'", [3, 1]],
    ["tags.env != 'prod'", [5, 2]],
    ["tag.env LIKE 'pro_'", [3, 1]],
    ["tag.env LIKE 'pro%d'", [5, 3, 1]],
    ["tag.env RLIKE '^pro_d$'", [5]],
    ["tag.`team.name` = 'search'", [1]],
    ["tag.team.name = 'search'", [1]],
    ["tag.`mlflow.traceName` = 'chat'", [5, 2, 1]],
    ["metadata.`mlflow.trace.user` = 'alice'", [1]],
    ["metadata.mlflow.trace.user ILIKE 'B%'", [2]],
    ["request_metadata.`mlflow.trace.user` != 'alice'", [2]],
    // spans
    ["span.name = 'ask_llm'", [3, 1]],
    ["span.name != 'chat'", [4, 3, 2, 1]],
    ["span.name LIKE 'ask%'", [3, 1]],
    ["span.name ILIKE 'SUMM%'", [3]],
    ["span.name RLIKE 'ret.*ve'", [2]],
    ["span.name IN ('retrieve', 'tool-run')", [4, 2]],
    ["span.type = 'LLM'", [3, 1]],
    ["span.type NOT IN ('AGENT', 'LLM', 'UNKNOWN')", [4, 3, 2]],
    ["span.status = 'ERROR'", [2]],
    ["span.status = 'STATUS_CODE_ERROR'", [2]],
    ["span.attributes.model = 'gpt-4'", [3]],
    ["span.attributes.model LIKE 'gpt-4%'", [3, 1]],
    ["span.attributes.model ILIKE 'GPT%'", [3, 1]],
    ["span.attributes.model IN ('gpt-4o', 'embed-3')", [2, 1]],
    ["span.attributes.model != 'gpt-4'", [2, 1]],
    ["span.attributes.temperature = '0.2'", [1]],
    ["span.attributes.`mlflow.spanType` = 'TOOL'", [4]],
    ['span.attributes.`weird "key"` = \'x\'', [1]],
    // assessments (an invalid, overridden one does not count)
    ["feedback.relevance = 'yes'", [1]],
    ["feedback.relevance != 'yes'", [2]],
    ["feedback.relevance IN ('no', 'maybe')", [2]],
    ["feedback.score > 0.5", [1]],
    ["feedback.score <= 0.5", [2]],
    ["feedback.score = 0.9", [1]],
    ["expectation.relevance = 'yes'", []],
    // combinations
    ["trace.name = 'chat' AND tag.env = 'prod'", [1]],
    ["span.type = 'LLM' AND trace.execution_time_ms < 10 AND tag.env = 'prod'", [3]],
  ])("%s", (filter, expected) => {
    expect(search(filter)).toEqual(expected);
  });
});

describe("searchTraces: invalid filters", () => {
  it.each<[string, RegExp]>([
    ["trace.state = 'OK'", /trace\.status/],
    ["trace.foo = 'x'", /Unknown trace key "foo"/],
    ["bogus.key = 'x'", /Unknown key prefix "bogus"/],
    ["span.color = 'red'", /Unknown span key/],
    ["trace.timestamp_ms = '5'", /compares with a number/],
    ["trace.status = 5", /compares with a quoted string/],
    ["trace.status > 'OK'", /does not support >/],
    ["tag.env IN ('a')", /does not support IN/],
    ["trace.text = 'x'", /does not support =/],
    ["trace.status RLIKE '('", /Invalid regular expression/],
    ["feedback.score > 'high'", /compares with a number/],
    ["feedback.score LIKE 5", /compares with a quoted pattern/],
    ["span.attributes = 'x'", /needs a key/],
  ])("%s", (filter, message) => {
    expect(() => search(filter)).toThrow(FilterError);
    expect(() => search(filter)).toThrow(message);
  });
});

describe("searchTraces: ordering and pages", () => {
  it("orders by timestamp descending by default, request id breaking ties", () => {
    expect(search("")).toEqual([5, 4, 3, 2, 1]);
  });

  it.each<[string[], number[]]>([
    [["timestamp_ms ASC"], [1, 2, 3, 4, 5]],
    [["execution_time_ms DESC"], [4, 2, 1, 3, 5]],
    [["trace.execution_time_ms"], [5, 3, 1, 2, 4]],
    [["status"], [2, 4, 5, 3, 1]],
    // Binary collation, as in MLflow's SQL store: capitals sort first; ties by timestamp DESC.
    [["name ASC"], [3, 5, 2, 1, 4]],
    // A trace without the tag sorts last in DESC order.
    [["tag.env DESC"], [3, 1, 5, 2, 4]],
    [["metadata.`mlflow.trace.user` ASC", "timestamp_ms ASC"], [3, 4, 5, 1, 2]],
    [["request_id DESC"], [5, 4, 3, 2, 1]],
  ])("order by %j", (orderBy, expected) => {
    expect(search("", orderBy)).toEqual(expected);
  });

  it("rejects an unknown order_by key or malformed clause", () => {
    expect(() => search("", ["color"])).toThrow(/Invalid order_by key "color"/);
    expect(() => search("", ["timestamp_ms SIDEWAYS"])).toThrow(/Invalid order_by clause/);
    expect(() => search("", ["timestamp_ms; DROP TABLE traces"])).toThrow(/Invalid order_by clause/);
  });

  it("pages with opaque tokens until every trace was seen exactly once", () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = store.searchTraces({ maxResults: 2, includeSpans: false, ...(pageToken ? { pageToken } : {}) });
      expect(page.traces.length).toBeLessThanOrEqual(2);
      seen.push(...page.traces.map((t) => t.traceId));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(seen).toEqual([5, 4, 3, 2, 1].map(traceIdFor));
  });

  it("gives no next token when the last page is exactly full", () => {
    const page = store.searchTraces({ maxResults: 5, includeSpans: false });
    expect(page.traces).toHaveLength(5);
    expect(page.nextPageToken).toBeUndefined();
  });

  it("uses MLflow's token form (base64 of {offset}) and rejects garbage tokens", () => {
    const page = store.searchTraces({ maxResults: 1, includeSpans: false });
    expect(JSON.parse(Buffer.from(page.nextPageToken!, "base64").toString())).toEqual({ offset: 1 });
    expect(store.searchTraces({ pageToken: createPageToken(4), includeSpans: false }).traces.map((t) => t.traceId)).toEqual([traceIdFor(1)]);
    expect(() => store.searchTraces({ pageToken: "not-a-token" })).toThrow(/Invalid page token/);
    expect(() => store.searchTraces({ pageToken: createPageToken(-1) })).toThrow(/Invalid page token/);
  });

  it("checks its options", () => {
    expect(() => store.searchTraces({ maxResults: 0 })).toThrow(/maxResults/);
    expect(() => store.searchTraces({ maxResults: 1.5 })).toThrow(/maxResults/);
    expect(() => store.searchTraces({ filtr: "x" } as never)).toThrow(/unknown option "filtr"/);
  });

  it("returns full traces with spans unless told otherwise, and filters by experiment", () => {
    const [trace] = store.searchTraces({ filter: `trace.request_id = '${traceIdFor(1)}'` }).traces;
    expect(trace!.spans.map((s) => s.name)).toEqual(["chat", "ask_llm"]);
    expect(trace!.info.assessments.map((a) => a.name)).toEqual(["relevance", "score"]);
    expect(store.searchTraces({ experimentIds: ["0"] }).traces).toHaveLength(5);
    expect(store.searchTraces({ experimentIds: ["42"] }).traces).toHaveLength(0);
  });

  it("counts matches", () => {
    expect(store.countTraces({ filter: "trace.name = 'chat'" })).toBe(3);
  });
});
