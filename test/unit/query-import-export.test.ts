import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TraceFormatError, traceToMlflowDict, traceToMlflowJson } from "../../src/model/index.js";
import { TraceStore } from "../../src/query/index.js";
import { goldenText, goldenTrace, makeTrace, tempDbPath } from "./store-test-traces.js";

const goldenFile = join(import.meta.dirname, "../fixtures/mlflow/golden-trace.json");
let store: TraceStore;
let dir: string;

beforeEach(() => {
  const path = tempDbPath();
  dir = dirname(path);
  store = TraceStore.open(path);
});
afterEach(() => store.close());

describe("MLflow JSON import and export", () => {
  it("golden trace: import, then export to a directory, gives the same bytes", () => {
    expect(store.importTraces(goldenFile)).toBe(1);
    const out = join(dir, "out");
    mkdirSync(out);
    expect(store.exportTraces({ directory: out })).toBe(1);
    expect(readdirSync(out)).toEqual(["tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a.json"]);
    expect(readFileSync(join(out, "tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a.json"), "utf8")).toBe(goldenText.trimEnd() + "\n");
  });

  it("one trace exported to a file is an array of one, as several would be", () => {
    store.importTraces(goldenFile);
    const file = join(dir, "one.json");
    store.exportTraces({ file });
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown[];
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed).toEqual([JSON.parse(goldenText)]);
  });

  it("format jsonl writes one trace per line, and imports back", () => {
    const traces = [goldenTrace(), makeTrace({ name: "a" })];
    store.writeTraces(traces);
    const file = join(dir, "all.jsonl");
    expect(store.exportTraces({ file, format: "jsonl" })).toBe(2);
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(lines.slice(0, 2).map((line) => (JSON.parse(line) as { info: { trace_id: string } }).info.trace_id).sort()).toEqual(traces.map((t) => t.traceId).sort());

    const other = TraceStore.open(join(dir, "other.db"));
    expect(other.importTraces(file)).toBe(2);
    for (const trace of traces) expect(traceToMlflowJson(other.getTrace(trace.traceId)!)).toBe(traceToMlflowJson(trace));
    other.close();
  });

  it("a broken line of JSON Lines is reported by line number", () => {
    const file = join(dir, "broken.jsonl");
    writeFileSync(file, `${traceToMlflowJson(makeTrace({ name: "a" }))}\n{oops\n`);
    expect(() => store.importTraces(file)).toThrow(/broken\.jsonl line 2: not valid JSON/);
    // A pretty-printed file with a mistake is not mistaken for JSON Lines.
    writeFileSync(file, '{\n  "info": {,\n}\n');
    expect(() => store.importTraces(file)).toThrow(/broken\.jsonl: not valid JSON/);
  });

  it("several traces go to one file as an array, and come back identical", () => {
    const traces = [goldenTrace(), makeTrace({ name: "a" }), makeTrace({ name: "b" })];
    store.writeTraces(traces);
    const file = join(dir, "all.json");
    const progress: Array<[number, number]> = [];
    expect(store.exportTraces({ file }, { onProgress: (done, total) => progress.push([done, total]) })).toBe(3);
    expect(progress).toEqual([[1, 3], [2, 3], [3, 3]]);
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown[];
    expect(parsed).toHaveLength(3);

    const other = TraceStore.open(join(dir, "other.db"));
    expect(other.importTraces(file)).toBe(3);
    for (const trace of traces) expect(traceToMlflowJson(other.getTrace(trace.traceId)!)).toBe(traceToMlflowJson(trace));
    other.close();
  });

  it("exports only the traces a filter selects", () => {
    store.writeTraces([makeTrace({ name: "keep" }), makeTrace({ name: "skip" })]);
    const file = join(dir, "kept.json");
    expect(store.exportTraces({ file }, { filter: "trace.name = 'keep'" })).toBe(1);
    expect(JSON.parse(readFileSync(file, "utf8"))[0].info.tags["mlflow.traceName"]).toBe("keep");
  });

  it("an empty export writes an empty array", () => {
    const file = join(dir, "none.json");
    expect(store.exportTraces({ file })).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual([]);
  });

  it("imports a directory of files, a search response ({traces: [...]}) and re-imports idempotently", () => {
    const input = join(dir, "in");
    mkdirSync(input);
    writeFileSync(join(input, "a.json"), goldenText);
    const b = makeTrace({ name: "b" });
    const c = makeTrace({ name: "c" });
    writeFileSync(join(input, "bc.json"), JSON.stringify({ traces: [traceToMlflowDict(b), traceToMlflowDict(c)] }, (_k, v) => (typeof v === "bigint" ? Number(v) : v)));
    writeFileSync(join(input, "notes.txt"), "ignored");
    expect(store.importTraces(input)).toBe(3);
    expect(store.importTraces(input)).toBe(3);
    expect(store.countTraces()).toBe(3);
    expect(store.getTrace(c.traceId)!.spans[0]!.name).toBe("c");
  });

  it("reports a broken file by name and imports nothing from it", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{"info": {"trace_id": "tr-1"}, "data": {"spans": [{"span_id": "AAAAAAAAAAA="}]}}');
    expect(() => store.importTraces(bad)).toThrow(TraceFormatError);
    expect(() => store.importTraces(bad)).toThrow(/bad\.json/);
    writeFileSync(bad, "{not json");
    expect(() => store.importTraces(bad)).toThrow(/bad\.json: not valid JSON/);
    expect(store.countTraces()).toBe(0);
  });
});
