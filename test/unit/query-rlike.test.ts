/** RLIKE: RE2 (linear-time) matching with Python `re` syntax where it differs, checked at parse time, compiled once. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const compiles = vi.hoisted(() => ({ count: 0 }));
vi.mock("re2js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("re2js")>();
  const original = actual.RE2JS.compile.bind(actual.RE2JS);
  actual.RE2JS.compile = (regex: string, flags?: number) => {
    compiles.count++;
    return original(regex, flags);
  };
  return actual;
});

import { FilterError, TraceStore } from "../../src/query/index.js";
import { toRe2Syntax } from "../../src/query/rlike-pattern.js";
import { makeTrace, tempDbPath } from "./store-test-traces.js";

let store: TraceStore;
const NAMES = ["Alpha", "beta", "a\u00e9z", "end\n", "x1x1", "[br]", "line1\nline2"];

beforeAll(() => {
  store = TraceStore.open(tempDbPath());
  store.writeTraces(NAMES.map((name, i) => makeTrace({ name, timeMs: 1_700_000_000_000 + i })));
  // Many rows for the one-compilation-per-pattern check.
  store.writeTraces(Array.from({ length: 60 }, (_, i) => makeTrace({ name: `bulk-${i}`, timeMs: 1_600_000_000_000 + i })));
});

afterAll(() => store.close());

/** A filter's string literal: a backslash escapes the next character, `''` is a quote. */
const literal = (pattern: string) => `'${pattern.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

const names = (filter: string) =>
  store
    .searchTraces({ filter, includeSpans: false, maxResults: 500 })
    .traces.map((t) => t.info.tags["mlflow.traceName"])
    .filter((n) => !n!.startsWith("bulk-"))
    .sort();

describe("RLIKE syntax", () => {
  it.each([
    ["(?i)^alpha$", ["Alpha"]], // inline flags: Python's, not JavaScript's
    ["(?P<first>b)eta", ["beta"]], // Python's named group
    ["ta\\Z", ["beta"]], // Python's \Z is the end of the text
    ["\\u00e9", ["a\u00e9z"]], // Python's \u escape
    ["[]r[]", ["[br]"]], // `]` first in a class is a member
    ["d$", []], // `$` is the very end, not before a final newline (Python differs here)
    ["^line2", []], // no multiline unless asked
    ["(?m)^line2", ["line1\nline2"]],
    ["lpha", ["Alpha"]], // a search, not a whole-text match
    ["^\\w+$", ["Alpha", "beta", "x1x1"]], // \w is ASCII: Python would also match "aéz"
  ])("%s", (pattern, expected) => {
    expect(names(`trace.name RLIKE ${literal(pattern)}`)).toEqual(expected.sort());
  });

  it.each([
    ["(x1)\\1", "backreference"],
    ["(?P<n>x)(?P=n)", "named backreference"],
    ["x(?=1)", "lookahead"],
    ["x(?!1)", "negative lookahead"],
    ["(?<=x)1", "lookbehind"],
    ["(?<!x)1", "negative lookbehind"],
    ["(?>x)", "atomic group"],
    ["(?(1)a|b)", "conditional group"],
    ["a(?#note)", "comment group"],
  ])("%s is refused with a FilterError naming the %s", (pattern, construct) => {
    const filter = `trace.name RLIKE ${literal(pattern)}`;
    expect(() => store.searchTraces({ filter })).toThrow(FilterError);
    expect(() => store.searchTraces({ filter })).toThrow(`RLIKE does not support ${construct} `);
  });

  it("a lookahead-looking text inside a class or escaped is literal, not refused", () => {
    expect(toRe2Syntax("[(?=]\\(?=")).toBe("[(?=]\\(?=");
    expect(toRe2Syntax("[\\1]\\\\1")).toBe("[\\1]\\\\1"); // `\\` then `1` is no backreference
    expect(() => toRe2Syntax("\\\\\\1")).toThrow("backreference");
  });

  it("other RE2 syntax errors name what RE2 could not parse", () => {
    expect(() => store.searchTraces({ filter: "trace.name RLIKE 'a++'" })).toThrow(/Invalid regular expression: .*\+\+/);
    expect(() => store.searchTraces({ filter: "trace.name RLIKE '(?x) a'" })).toThrow(/Invalid regular expression: .*\(\?x/);
  });
});

describe("RLIKE compilation", () => {
  it("compiles a pattern once for a query, not once per row", () => {
    const before = compiles.count;
    const found = store.searchTraces({ filter: "trace.name RLIKE '^bulk-[0-9]+$'", includeSpans: false, maxResults: 500 }).traces;
    expect(found).toHaveLength(60);
    expect(compiles.count - before).toBe(1);
    // The same pattern in a later query reuses the compiled form.
    store.searchTraces({ filter: "trace.name RLIKE '^bulk-[0-9]+$'", includeSpans: false });
    expect(compiles.count - before).toBe(1);
  });
});
