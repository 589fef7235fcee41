/**
 * SQL injection corpus: hostile text in values, keys, patterns and whole filters. Every value
 * must reach SQLite as a bound parameter: it matches only itself, never appears in the SQL
 * text, and the database is unchanged afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSearch, FilterError, TraceStore } from "../../src/query/index.js";
import { makeTrace, tempDbPath, traceIdFor } from "./store-test-traces.js";

const HOSTILE_VALUES = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE traces; --",
  "\"; DROP TABLE spans; --",
  "x') OR ('a'='a",
  "') UNION SELECT * FROM traces --",
  "' UNION SELECT sqlite_version(), 1, 2, 3, 4, 5, 6, 7, 8 --",
  "1; ATTACH DATABASE '/tmp/pwn.db' AS pwn; --",
  "%' OR trace_id LIKE '%",
  "*",
  "?",
  "[a-z]*",
  "\\' OR 1=1 --",
  "%",
  "_",
  "\u0000' OR 1=1",
  "'/**/OR/**/1=1--",
  "` OR 1=1 --",
  "admin'--",
  "' || (SELECT group_concat(name) FROM sqlite_master) || '",
  "'); PRAGMA writable_schema = 1; --",
  "日本語' OR 'x'='x",
];

// Hostile text used as keys (tag names, span attribute keys, assessment names).
const HOSTILE_KEYS = ["a' OR '1'='1", "x\" OR 1=1 --", "k'); DROP TABLE trace_tags; --", "$.x", "a\\\"b"];

/** A filter string literal: backslash escapes the next character, a doubled quote is a quote. */
function quote(value: string): string {
  return "'" + value.replace(/\\/g, "\\\\").replace(/'/g, "''") + "'";
}

/** The compiled SQL must not carry the value; one- or two-character values are too short to tell. */
function expectNotSpliced(sql: string, value: string): void {
  if (value.length > 2) expect(sql).not.toContain(value);
}

function backtick(key: string): string {
  return "`" + key + "`";
}

let store: TraceStore;
const benign = makeTrace({ id: traceIdFor(1000), name: "benign", tags: { t: "safe" } });

beforeAll(() => {
  store = TraceStore.open(tempDbPath());
  // One trace per hostile value, carrying it as tag value, name, span name, attribute and metadata.
  store.writeTraces([
    benign,
    ...HOSTILE_VALUES.map((value, i) =>
      makeTrace({
        id: traceIdFor(i + 1),
        name: value,
        tags: { t: value, ...Object.fromEntries(HOSTILE_KEYS.map((k) => [k, `v${i}`])) },
        metadata: { m: value },
        spans: [{ name: value, type: value, attributes: { a: value, ...Object.fromEntries(HOSTILE_KEYS.map((k) => [k, `v${i}`])) } }],
      }),
    ),
  ]);
});
afterAll(() => store.close());

function tableCounts(): Record<string, number> {
  const names = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(names.map((n) => [n, store.db.prepare(`SELECT count(*) FROM "${n}"`).pluck().get() as number]));
}

describe("filter values are bound, never spliced", () => {
  const before = () => tableCounts();

  it.each(HOSTILE_VALUES.map((value, i) => [value, i + 1] as const))("value %j matches only its own trace", (value, id) => {
    const counts = before();
    for (const field of ["tag.t", "trace.name", "span.name", "span.type", "span.attributes.a", "metadata.m"]) {
      const filter = `${field} = ${quote(value)}`;
      const found = store.searchTraces({ filter, includeSpans: false }).traces.map((t) => t.traceId);
      expect(found, filter).toEqual([traceIdFor(id)]);
      expectNotSpliced(compileSearch({ filter }, 0, 10).sql, value);
    }
    // The benign trace and its root span are named "benign"; its span has no attribute "a".
    for (const [field, alsoBenign] of [["trace.name", true], ["span.name", true], ["span.type", false], ["span.attributes.a", false]] as const) {
      const filter = `${field} IN ('benign', ${quote(value)})`;
      const found = store.searchTraces({ filter, includeSpans: false }).traces.map((t) => t.traceId);
      expect(found, filter).toEqual(alsoBenign ? [traceIdFor(id), benign.traceId] : [traceIdFor(id)]);
    }
    expect(tableCounts()).toEqual(counts);
  });

  it.each(HOSTILE_VALUES)("pattern %j in LIKE / ILIKE / RLIKE runs as a pattern, not as SQL", (value) => {
    const counts = before();
    for (const op of ["LIKE", "ILIKE"]) {
      const filter = `tag.t ${op} ${quote(value)} AND trace.text ${op} ${quote(value)}`;
      expect(() => store.searchTraces({ filter })).not.toThrow();
      expectNotSpliced(compileSearch({ filter }, 0, 10).sql, value);
    }
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const found = store.searchTraces({ filter: `tag.t RLIKE ${quote("^" + escaped + "$")}`, includeSpans: false }).traces;
    expect(found.map((t) => t.info.tags.t)).toEqual([value]);
    expect(tableCounts()).toEqual(counts);
  });

  it("a LIKE pattern's GLOB specials are literal", () => {
    expect(store.searchTraces({ filter: "tag.t LIKE '*'", includeSpans: false }).traces.map((t) => t.info.tags.t)).toEqual(["*"]);
    expect(store.searchTraces({ filter: "tag.t LIKE '[a-z]*'", includeSpans: false }).traces.map((t) => t.info.tags.t)).toEqual(["[a-z]*"]);
    expect(store.searchTraces({ filter: "tag.t LIKE '?'", includeSpans: false }).traces.map((t) => t.info.tags.t)).toEqual(["?"]);
  });

  it.each(HOSTILE_KEYS.map((key, i) => [key, i] as const))("key %j is bound too (tags, span attributes, order by)", (key) => {
    const counts = before();
    const tagFilter = `tag.${backtick(key)} = 'v3'`;
    expect(store.searchTraces({ filter: tagFilter, includeSpans: false }).traces.map((t) => t.traceId)).toEqual([traceIdFor(4)]);
    expect(compileSearch({ filter: tagFilter }, 0, 10).sql).not.toContain(key);
    const attributeFilter = `span.attributes.${backtick(key)} = 'v5'`;
    expect(store.searchTraces({ filter: attributeFilter, includeSpans: false }).traces.map((t) => t.traceId)).toEqual([traceIdFor(6)]);
    expect(compileSearch({ filter: attributeFilter }, 0, 10).sql).not.toContain(key);
    const ordered = store.searchTraces({ orderBy: [`tag.${backtick(key)} DESC`], includeSpans: false, maxResults: 1000 });
    expect(ordered.traces).toHaveLength(HOSTILE_VALUES.length + 1);
    expect(tableCounts()).toEqual(counts);
  });

  it.each([
    "trace.status = 'OK'; DROP TABLE traces",
    "trace.status = 'OK' -- comment",
    "trace.status = 'OK' /* x */",
    "trace.status = 'OK') OR (1=1",
    "1=1",
    "trace.status = 'OK' UNION SELECT * FROM spans",
    "trace.status = (SELECT 'OK')",
    "trace.status = 'OK' OR 1=1",
    "tag.x = 'a' AND 1 = 1",
    "trace.status = 'OK' AND trace.status = 'OK'; ATTACH DATABASE 'x' AS y",
    "`traces`.`trace_id` = 'x'",
    "trace.timestamp_ms > 0 OR 1",
  ])("hostile filter %j is a FilterError, not SQL", (filter) => {
    const counts = before();
    expect(() => store.searchTraces({ filter })).toThrow(FilterError);
    expect(tableCounts()).toEqual(counts);
  });

  it("the benign trace is still found after the whole corpus ran", () => {
    expect(store.searchTraces({ filter: "tag.t = 'safe'" }).traces.map((t) => t.traceId)).toEqual([benign.traceId]);
  });
});
