/**
 * Property-based tests of the search filter (fast-check): any string, random or built from
 * the grammar's own tokens, gives a result or a clean FilterError — never another exception,
 * never a crash — and filter text is never executed as SQL (the store is unchanged after a
 * run of hostile filters).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure, flushTraces, reset, setDestination, trace } from "../../src/index.js";
import { FilterError, parseFilter, TraceStore } from "../../src/query/index.js";
import { createStoreExporter } from "../../src/store/index.js";

const RUNS = process.env.TRACED_FULL === "1" ? 20_000 : 1_000;
const SEED = 20_260_702;

const FIELDS = ["trace.status", "trace.name", "trace.timestamp_ms", "trace.execution_time_ms", "status", "name", "tags.env", "tag.`a b`", "metadata.user", "span.type", "span.name", "span.attributes.model", "attributes.x", "feedback.quality", "request_id", "run_id", "trace.", "span", "tags.", "`", "\"name\""];
const OPS = ["=", "!=", "<", "<=", ">", ">=", "LIKE", "ILIKE", "RLIKE", "IN", "NOT IN", "==", "<>", "NOT", "is", "like"];
const JOIN = [" AND ", " and ", " OR ", " ", "(", ")", ",", ";", "--", "/*"];

const quoted = fc.string({ unit: "binary", maxLength: 12 }).chain((s) => fc.constantFrom(`'${s}'`, `"${s}"`, `'${s.replace(/'/g, "''")}'`, `'${s}`));
const hostile = fc.constantFrom("'; DROP TABLE traces; --", "' OR 1=1 --", "\" OR \"\"=\"", "1); DELETE FROM spans; --", "'%' OR '1'='1'", "\\'", "\u0000", "(SELECT 1)");
const value = fc.oneof(quoted, hostile, fc.integer().map(String), fc.double().map(String), fc.array(quoted, { maxLength: 4 }).map((items) => `(${items.join(", ")})`));
const comparison = fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...OPS), value).map(([field, op, v]) => `${field} ${op} ${v}`);
const tokenSoup = fc.array(fc.oneof(comparison, fc.constantFrom(...FIELDS), fc.constantFrom(...OPS), fc.constantFrom(...JOIN), value), { maxLength: 8 }).map((parts) => parts.join(" "));
const wellFormed = fc.array(comparison, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(" AND "));
const anyFilter = fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), fc.string({ maxLength: 60 }), tokenSoup, wellFormed);

/** A result, or a FilterError (a TracedUsageError with a position): nothing else may escape. */
function outcome(run: () => unknown): "ok" | "filter-error" {
  try {
    run();
    return "ok";
  } catch (error) {
    if (error instanceof FilterError) {
      expect(Number.isInteger(error.position)).toBe(true);
      return "filter-error";
    }
    throw error;
  }
}

describe("parseFilter on arbitrary strings", () => {
  it("returns comparisons or throws a FilterError, never anything else", () => {
    fc.assert(
      fc.property(anyFilter, (filter) => {
        outcome(() => parseFilter(filter));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("survives very long and deeply nested input without a stack overflow", () => {
    for (const filter of ["(".repeat(50_000), "trace.name = 'a'" + " AND trace.name = 'a'".repeat(20_000), "'".repeat(100_000), "trace.name IN (" + "'x', ".repeat(50_000) + "'y')"]) {
      outcome(() => parseFilter(filter));
    }
  });
});

describe("searchTraces on a real store with arbitrary filters", () => {
  const dir = mkdtempSync(join(tmpdir(), "traced-filter-"));
  const path = join(dir, "store.db");
  let store: TraceStore;

  beforeAll(async () => {
    reset();
    configure({ onDiagnostic: () => {} });
    setDestination(createStoreExporter({ path }));
    const ask = trace(function ask(question: string) {
      return `answer to ${question}`;
    });
    for (let i = 0; i < 5; i++) ask(`q${i}`);
    await flushTraces();
    store = TraceStore.open(path);
  });
  afterAll(() => {
    store?.db.close();
    reset();
    rmSync(dir, { recursive: true, force: true });
  });

  const counts = () => ({
    traces: (store.db.prepare("SELECT count(*) AS n FROM traces").get() as { n: number }).n,
    spans: (store.db.prepare("SELECT count(*) AS n FROM spans").get() as { n: number }).n,
  });

  it("answers or rejects cleanly, and filter text never runs as SQL", () => {
    const before = counts();
    expect(before.traces).toBe(5);
    const seen = { ok: 0, "filter-error": 0 };
    fc.assert(
      fc.property(fc.oneof(anyFilter, wellFormed, hostile), (filter) => {
        seen[outcome(() => store.searchTraces({ filter, maxResults: 10 }))]++;
      }),
      { numRuns: Math.min(RUNS, 500), seed: SEED },
    );
    expect(counts()).toEqual(before);
    // The generators reach both outcomes, so both paths were exercised.
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen["filter-error"]).toBeGreaterThan(0);
  });
});
