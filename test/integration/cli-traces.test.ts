/**
 * The `traced` command as a user runs it: `node dist/esm/cli/main.js …` in a child process
 * (the file package.json's `bin.traced` names), checking stdout, stderr and exit codes.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { traceToMlflowJson } from "../../src/model/index.js";
import { TraceStore } from "../../src/query/index.js";
import { goldenText, makeTrace } from "../unit/store-test-traces.js";

const root = join(import.meta.dirname, "../..");
const cli = join(root, "dist/esm/cli/main.js");
const goldenFile = join(root, "test/fixtures/mlflow/golden-trace.json");
const GOLDEN_ID = "tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a";

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
let db: string;

function traced(args: string[], env: NodeJS.ProcessEnv = {}): Result {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TRACED_DB: "", MLFLOW_TRACKING_URI: "", NO_COLOR: "1", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function withDb(...args: string[]): Result {
  return traced(["--db", db, ...args]);
}

/** A store with the golden trace and three small ones, newest last. */
function seed(): void {
  const store = TraceStore.open(db);
  store.importTraces(goldenFile);
  store.writeTraces([
    makeTrace({ name: "ask", timeMs: Date.UTC(2025, 0, 1), durationMs: 1500, state: "OK", requestPreview: '{"question": "hello"}', tags: { env: "prod" } }),
    makeTrace({ name: "ask", timeMs: Date.UTC(2025, 0, 2), durationMs: 20, state: "ERROR", spans: [{ name: "ask" }, { name: "llm", type: "LLM", status: "ERROR" }] }),
    makeTrace({ name: "summarize", timeMs: Date.UTC(2025, 0, 3), durationMs: 5, state: "OK" }),
  ]);
  store.close();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "traced-cli-"));
  db = join(dir, "traces.db");
});

describe("traced --help and usage errors", () => {
  it.each([[["--help"]], [["traces", "--help"]], [["traces", "list", "--help"]], [["traces", "show", "--help"]], [["traces", "export", "--help"]], [["traces", "import", "--help"]], [["traces", "delete", "--help"]], [["traces", "tag", "--help"]], [["traces", "feedback", "--help"]], [["traces", "expectation", "--help"]], [["help", "traces"]]])(
    "%j prints help and exits 0",
    (args) => {
      const result = traced(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: traced/);
    },
  );

  it("prints its version", () => {
    expect(traced(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [["traces", "lst"], /unknown command 'lst'[\s\S]*Did you mean list/],
    [["traces", "list", "--bogus"], /unknown option '--bogus'/],
    [["traces", "show"], /missing required argument 'trace-id'/],
    [["traces", "list", "--max-results", "0"], /expected a positive integer/],
    [["traces", "delete"], /Give trace ids or --older-than/],
    [["traces", "delete", "--older-than", "soon"], /expected an age such as 7d/],
    [["traces", "delete", "--older-than", "7"], /'7' is invalid\. a number needs a unit: expected an age such as 7d, 12h, 30m, 45s or 2w, or an ISO date such as 2024-10-27/],
    [["traces", "export", "--format", "xml"], /argument 'xml' is invalid\. Allowed choices are json, jsonl/],
    [["traces", "export", "--format", "jsonl", "--dir", "out"], /--format applies to stdout and --output/],
  ])("%j is a usage error: exit 2 with a message", (args, message) => {
    const result = traced(["--db", db, ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("names a file that is not a traced database and says what was expected", () => {
    const notes = join(dir, "notes.txt");
    writeFileSync(notes, "shopping list\n".repeat(100));
    for (const args of [["traces", "list"], ["traces", "show", GOLDEN_ID], ["traces", "import", goldenFile]]) {
      const result = traced(["--db", notes, ...args]);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(`traced: ${notes} is not an SQLite database: expected an SQLite trace database written by traced, or a path where a new one can be created\n`);
    }
    expect(readFileSync(notes, "utf8")).toBe("shopping list\n".repeat(100));
  });

  it("reports a missing database with exit 1 instead of creating one", () => {
    const result = withDb("traces", "list");
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`traced: No trace database at ${db} (choose one with --db, --tracking-uri or TRACED_DB)\n`);
    expect(existsSync(db)).toBe(false);
  });
});

describe("traced traces list", () => {
  beforeEach(seed);

  it("prints a table, newest first: id, name, state, duration, time, request preview", () => {
    const result = withDb("traces", "list");
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^TRACE ID\s+NAME\s+STATE\s+DURATION\s+TIME \(UTC\)\s+REQUEST$/);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^tr-\w+\s+summarize\s+OK\s+5\.0 ms\s+2025-01-03 00:00:00$/);
    expect(lines[3]).toMatch(/ask\s+OK\s+1\.50 s\s+2025-01-01 00:00:00\s+\{"question": "hello"\}$/);
    expect(lines[4]).toMatch(new RegExp(`^${GOLDEN_ID}\\s+agent\\s+ERROR\\s+42 ms\\s+2024-10-27 03:33:20\\s+\\{"q": "hi"\\}$`));
  });

  it("durations read as in traced ui: a trace under a millisecond is < 1 ms", () => {
    const store = TraceStore.open(db);
    store.writeTraces([makeTrace({ name: "instant", timeMs: Date.UTC(2025, 0, 4), durationMs: 0, state: "OK" })]);
    store.close();
    const first = withDb("traces", "list", "-n", "1").stdout.split("\n")[1]!;
    expect(first).toMatch(/^tr-\w+\s+instant\s+OK\s+< 1 ms\s+2025-01-04 00:00:00$/);
  });

  it("filters with MLflow's grammar and orders", () => {
    const errors = withDb("traces", "list", "--filter", "trace.status = 'ERROR' AND span.type = 'LLM'");
    expect(errors.stdout.trimEnd().split("\n").slice(1).map((l) => l.split(/\s+/)[1])).toEqual(["ask", "agent"]);
    const slowest = withDb("traces", "list", "--order-by", "execution_time_ms DESC", "-n", "1");
    expect(slowest.stdout).toContain("1.50 s");
    expect(slowest.stderr).toMatch(/^More traces: add --page-token \S+\n$/);
  });

  it("pages with --page-token", () => {
    const first = withDb("traces", "list", "-n", "3", "--json");
    const body = JSON.parse(first.stdout) as { traces: Array<{ trace_id: string }>; next_page_token: string };
    expect(body.traces).toHaveLength(3);
    const second = JSON.parse(withDb("traces", "list", "-n", "3", "--json", "--page-token", body.next_page_token).stdout) as typeof body;
    expect(second.traces.map((t) => t.trace_id)).toEqual([GOLDEN_ID]);
    expect(second.next_page_token).toBeUndefined();
  });

  it("--json prints MLflow trace info", () => {
    const body = JSON.parse(withDb("traces", "list", "--json", "--filter", `trace.request_id = '${GOLDEN_ID}'`).stdout);
    expect(body.traces[0]).toEqual(JSON.parse(goldenText).info);
  });

  it("a malformed filter exits 2, naming the position and token", () => {
    const result = withDb("traces", "list", "--filter", "trace.status = 'OK' OR trace.status = 'ERROR'");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('OR is not supported: search_traces joins comparisons with AND only at position 20 (near "OR")');
  });

  it("says so when nothing matches", () => {
    expect(withDb("traces", "list", "--filter", "tag.env = 'nowhere'").stdout).toBe("No traces found.\n");
  });

  it("reads the database from TRACED_DB or MLFLOW_TRACKING_URI when --db is not given", () => {
    expect(traced(["traces", "list", "--json"], { TRACED_DB: db }).status).toBe(0);
    const viaUri = traced(["traces", "list", "--json"], { MLFLOW_TRACKING_URI: `sqlite:///${db}` });
    expect(JSON.parse(viaUri.stdout).traces).toHaveLength(4);
  });
});

describe("traced traces show", () => {
  beforeEach(seed);

  it("prints the span tree with inputs and outputs, then tags, metadata and assessments", () => {
    const result = withDb("traces", "show", GOLDEN_ID);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("└─ agent [AGENT] 42 ms ✗ ValueError: boom");
    expect(result.stdout).toContain('   in:  {"q":"hi"}');
    expect(result.stdout).toContain("   └─ generate [LLM] 30 ms");
    expect(result.stdout).toContain("  fruit = apple");
    expect(result.stdout).toContain("  mlflow.trace.user = alice");
    expect(result.stdout).toContain('  feedback relevance = yes by LLM_JUDGE judge-v1: "on topic"');
    expect(result.stdout).toContain('  expectation expected_facts = ["a","b"] by HUMAN bob');
    expect(result.stdout).not.toContain("\x1b[");
  });

  it("prints each span's attributes and events: the exception's type, message and stack, the stream", () => {
    const lines = withDb("traces", "show", GOLDEN_ID).stdout.split("\n");
    const agent = lines.indexOf("└─ agent [AGENT] 42 ms ✗ ValueError: boom");
    expect(lines.slice(agent, agent + 11)).toEqual([
      "└─ agent [AGENT] 42 ms ✗ ValueError: boom",
      '   in:  {"q":"hi"}',
      '   out: "hello"',
      "   exception at 42 ms: ValueError: boom",
      "     at agent (app.ts:3:9)",
      "   └─ generate [LLM] 30 ms  · 5 tokens (3 in, 2 out)",
      '      in:  {"prompt":"hi","temperature":0.2}',
      '      out: "hello"',
      "      model = fake-llm",
      '      stream at 17 ms: 2 chunks over 10 ms: "hello"',
      "",
    ]);
  });

  it("cuts long values and the stack by default; --full prints them whole", () => {
    const frames = Array.from({ length: 20 }, (_, i) => `    at step${i} (tool.ts:${i + 1}:5)`);
    const long = "word ".repeat(100).trim();
    const store = TraceStore.open(db);
    const trace = makeTrace({ name: "tool", spans: [{ name: "tool", status: "ERROR", attributes: { note: long } }] });
    store.writeTraces([trace]);
    store.close();
    // The exception event goes in through MLflow JSON, as an SDK would have written it.
    const dict = JSON.parse(withDb("traces", "show", trace.traceId, "--json").stdout);
    dict.data.spans[0].events = [
      {
        name: "exception",
        time_unix_nano: dict.data.spans[0].end_time_unix_nano,
        attributes: { "exception.type": "RangeError", "exception.message": "too far", "exception.stacktrace": ["RangeError: too far", ...frames].join("\n") },
      },
    ];
    const file = join(dir, "tool.json");
    writeFileSync(file, JSON.stringify(dict));
    expect(withDb("traces", "import", file).status).toBe(0);

    const short = withDb("traces", "show", trace.traceId).stdout;
    expect(short).toContain("   exception at 10 ms: RangeError: too far");
    expect(short).toContain("     at step4 (tool.ts:5:5)");
    expect(short).not.toContain("at step5 ");
    expect(short).toContain("     … 15 more stack lines (--full shows them)");
    expect(short).toMatch(/ {3}note = (word ){20,}.*…\n/);
    expect(short).not.toContain(long);

    const full = withDb("traces", "show", trace.traceId, "--full").stdout;
    expect(full).toContain("     at step19 (tool.ts:20:5)");
    expect(full).toContain(`   note = ${long}\n`);
  });

  it("shows assessments' values as values", () => {
    expect(withDb("traces", "feedback", GOLDEN_ID, "correct", "false").status).toBe(0);
    expect(withDb("traces", "feedback", GOLDEN_ID, "score", "0.8").status).toBe(0);
    const shown = withDb("traces", "show", GOLDEN_ID).stdout;
    expect(shown).toContain("  feedback correct = false by HUMAN");
    expect(shown).toContain("  feedback score = 0.8 by HUMAN");
    expect(shown).not.toContain('{"value"');
  });

  it("--json prints the exact MLflow trace JSON", () => {
    expect(withDb("traces", "show", GOLDEN_ID, "--json").stdout).toBe(goldenText.trimEnd() + "\n");
  });

  it("an unknown id exits 1", () => {
    const result = withDb("traces", "show", "tr-00000000000000000000000000000000");
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("traced: Trace tr-00000000000000000000000000000000 not found\n");
  });
});

describe("traced traces export and import", () => {
  beforeEach(seed);

  it("exports to stdout as a JSON array that imports back unchanged", () => {
    const result = withDb("traces", "export");
    expect(result.status).toBe(0);
    const exported = JSON.parse(result.stdout) as unknown[];
    expect(exported).toHaveLength(4);
    const file = join(dir, "all.json");
    writeFileSync(file, result.stdout);
    const other = join(dir, "other.db");
    const imported = traced(["--db", other, "traces", "import", file]);
    expect(imported).toMatchObject({ status: 0, stdout: "Imported 4 traces\n" });
    const a = TraceStore.open(db);
    const b = TraceStore.open(other);
    for (const { traces } of [a.searchTraces()]) {
      for (const trace of traces) expect(traceToMlflowJson(b.getTrace(trace.traceId)!)).toBe(traceToMlflowJson(trace));
    }
    a.close();
    b.close();
  });

  it("exports a filtered selection to a file, and to a directory of per-trace files", () => {
    const file = join(dir, "golden.json");
    const one = withDb("traces", "export", "--filter", "trace.name = 'agent'", "--output", file);
    expect(one).toMatchObject({ status: 0, stderr: `Exported 1 trace to ${file}\n` });
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual([JSON.parse(goldenText)]);

    const out = join(dir, "out");
    expect(withDb("traces", "export", "--dir", out).status).toBe(0);
    expect(readdirSync(out)).toHaveLength(4);
    expect(readFileSync(join(out, `${GOLDEN_ID}.json`), "utf8")).toBe(goldenText.trimEnd() + "\n");

    const fresh = join(dir, "fresh.db");
    expect(traced(["--db", fresh, "traces", "import", out]).stdout).toBe("Imported 4 traces\n");
  });

  it("writes one shape whatever the count: an array for none, one or several", () => {
    for (const [filter, count] of [["trace.name = 'nothing'", 0], ["trace.name = 'agent'", 1], ["trace.name = 'ask'", 2]] as const) {
      const file = join(dir, `${count}.json`);
      expect(withDb("traces", "export", "--filter", filter, "-o", file).status).toBe(0);
      const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
      expect(Array.isArray(parsed)).toBe(true);
      expect(parsed).toHaveLength(count);
      const stdout = JSON.parse(withDb("traces", "export", "--filter", filter).stdout) as unknown;
      expect(stdout).toEqual(parsed);
    }
  });

  it("--format jsonl streams one trace per line, which imports back", () => {
    const result = withDb("traces", "export", "--format", "jsonl");
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => (JSON.parse(line) as { info: { trace_id: string } }).info.trace_id)).toContain(GOLDEN_ID);
    const file = join(dir, "all.jsonl");
    expect(withDb("traces", "export", "--format", "jsonl", "-o", file).stderr).toBe(`Exported 4 traces to ${file}\n`);
    expect(readFileSync(file, "utf8")).toBe(result.stdout);
    expect(traced(["--db", join(dir, "copy.db"), "traces", "import", file]).stdout).toBe("Imported 4 traces\n");
  });

  it("a closed pipe ends the export quietly with exit 0, as Unix tools do", () => {
    // More than a pipe buffer (64 KiB) of output, so the export is still writing when head leaves.
    const store = TraceStore.open(db);
    store.writeTraces(Array.from({ length: 60 }, (_, i) => makeTrace({ name: `big${i}`, spans: [{ name: `big${i}`, inputs: "x".repeat(4000) }] })));
    store.close();
    for (const format of ["json", "jsonl"]) {
      const command = `'${process.execPath}' '${cli}' --db '${db}' traces export --format ${format} | head -c 80`;
      const result = spawnSync("bash", ["-o", "pipefail", "-c", command], { encoding: "utf8", env: { ...process.env, TRACED_DB: "" } });
      expect(result.stderr).toBe("");
      expect(result.stdout).toHaveLength(80);
      expect(result.status).toBe(0);
    }
  });

  it("shows progress while exporting on a terminal", () => {
    // `script` gives the command a pseudo-terminal, as an interactive shell would.
    const out = join(dir, "tty-out");
    mkdirSync(out);
    const command = [process.execPath, cli, "--db", db, "traces", "export", "--dir", out].map((a) => `'${a}'`).join(" ");
    const transcript = execFileSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(transcript).toContain("Exporting traces 4/4 (100%)");
    expect(transcript).toContain(`Exported 4 traces to ${out}`);
  });

  it("does not print progress when stderr is not a terminal", () => {
    expect(withDb("traces", "export", "--dir", join(dir, "quiet")).stderr).toBe(`Exported 4 traces to ${join(dir, "quiet")}\n`);
  });

  it("import reports a missing path or a broken file with exit 1", () => {
    expect(withDb("traces", "import", join(dir, "nope.json"))).toMatchObject({ status: 1, stderr: `traced: No such file or directory: ${join(dir, "nope.json")}\n` });
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{broken");
    const result = withDb("traces", "import", bad);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/bad\.json: not valid JSON/);
  });
});

describe("traced traces delete and tag", () => {
  beforeEach(seed);

  it("deletes by id; unknown ids exit 1 after deleting the rest", () => {
    expect(withDb("traces", "delete", GOLDEN_ID)).toMatchObject({ status: 0, stdout: "Deleted 1 trace\n" });
    const again = withDb("traces", "delete", GOLDEN_ID);
    expect(again).toMatchObject({ status: 1, stdout: "Deleted 0 traces\n" });
    expect(again.stderr).toMatch(/1 of the given trace ids were not found/);
  });

  it("deletes by age or date, with --max-traces", () => {
    expect(withDb("traces", "delete", "--older-than", "2025-01-02T12:00:00Z", "--max-traces", "1").stdout).toBe("Deleted 1 trace\n");
    expect(JSON.parse(withDb("traces", "list", "--json").stdout).traces).toHaveLength(3);
    expect(withDb("traces", "delete", "--older-than", "1d").stdout).toBe("Deleted 3 traces\n");
  });

  it("sets and deletes a tag", () => {
    expect(withDb("traces", "tag", GOLDEN_ID, "reviewed", "yes")).toMatchObject({ status: 0, stdout: `Set tag reviewed on ${GOLDEN_ID}\n` });
    expect(withDb("traces", "list", "--filter", "tag.reviewed = 'yes'").stdout).toContain(GOLDEN_ID);
    expect(withDb("traces", "tag", GOLDEN_ID, "reviewed", "--delete").stdout).toBe(`Deleted tag reviewed from ${GOLDEN_ID}\n`);
    expect(withDb("traces", "tag", GOLDEN_ID, "reviewed", "--delete")).toMatchObject({ status: 1 });
    expect(withDb("traces", "tag", GOLDEN_ID, "reviewed")).toMatchObject({ status: 2 });
    expect(withDb("traces", "tag", "tr-00000000000000000000000000000000", "k", "v").stderr).toMatch(/not found/);
  });
});

describe("traced traces feedback and expectation", () => {
  beforeEach(seed);

  it("logs feedback in MLflow's shape, searchable at once", () => {
    const result = withDb("traces", "feedback", GOLDEN_ID, "correct", "true", "--rationale", "checked", "--source-id", "ann");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      assessment_name: "correct",
      trace_id: GOLDEN_ID,
      source: { source_type: "HUMAN", source_id: "ann" },
      feedback: { value: true },
      rationale: "checked",
      valid: true,
    });
    expect(withDb("traces", "list", "--filter", "feedback.correct = 'true'").stdout).toContain(GOLDEN_ID);
    expect(withDb("traces", "show", GOLDEN_ID).stdout).toContain('feedback correct = true by HUMAN ann: "checked"');
  });

  it("logs an expectation; plain text stays text, JSON is parsed", () => {
    const text = JSON.parse(withDb("traces", "expectation", GOLDEN_ID, "answer", "hello there", "--source-type", "CODE").stdout);
    expect(text).toMatchObject({ expectation: { value: "hello there" }, source: { source_type: "CODE" } });
    const list = JSON.parse(withDb("traces", "expectation", GOLDEN_ID, "facts", '["a","b"]').stdout);
    expect(list.expectation).toEqual({ serialized_value: { serialization_format: "JSON_FORMAT", value: '["a","b"]' } });
  });

  it("rejects a bad source type (exit 2) and an unknown trace (exit 1)", () => {
    expect(withDb("traces", "feedback", GOLDEN_ID, "x", "1", "--source-type", "ROBOT")).toMatchObject({ status: 2 });
    const missing = withDb("traces", "feedback", "tr-00000000000000000000000000000000", "x", "1");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/not found/);
    expect(withDb("traces", "feedback", GOLDEN_ID, "x", "1", "--span-id", "nope")).toMatchObject({ status: 2 });
  });
});
