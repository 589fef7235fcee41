/**
 * Patterns that take a backtracking engine exponential time, against long inputs: RLIKE
 * answers quickly through the public searchTraces, `traced traces list --filter`, and
 * `traced ui`, whose other requests keep being answered while such a filter runs.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeTraceStores, configure, reset, searchTraces } from "../../src/index.js";
import { SqliteTraceStore } from "../../src/store-entry.js";
import { CLI, startUi, type RunningUi } from "../browser/support/ui-process.js";
import { makeTrace, traceIdFor } from "../unit/store-test-traces.js";

// The issue's trace, a long one that defeats every pattern below at its last character, and
// short ones the patterns do match.
const NAMES = {
  [traceIdFor(901)]: "a".repeat(27) + "!",
  [traceIdFor(902)]: "a".repeat(100_000) + "!",
  [traceIdFor(903)]: "aaaa",
  [traceIdFor(904)]: "a".repeat(20),
  [traceIdFor(905)]: "ab cd ef",
};
const ISSUE = traceIdFor(901);
const LONG = traceIdFor(902);

// Filter literals (a backslash escapes the next character) and the traces each one matches.
const CASES: ReadonlyArray<readonly [string, string, string[]]> = [
  ["(a+)+$", "(a+)+$", [traceIdFor(903), traceIdFor(904)]],
  ["(a|aa)+$", "(a|aa)+$", [traceIdFor(903), traceIdFor(904)]],
  ["(.*a){20}", "(.*a){20}", [ISSUE, LONG, traceIdFor(904)]],
  ["^(\\w+\\s?)*$", "^(\\\\w+\\\\s?)*$", [traceIdFor(903), traceIdFor(904), traceIdFor(905)]],
];

let dbPath: string;

beforeAll(() => {
  dbPath = join(mkdtempSync(join(tmpdir(), "traced-rlike-")), "traces.db");
  const store = SqliteTraceStore.open(dbPath);
  store.writeTraces(Object.entries(NAMES).map(([id, name], i) => makeTrace({ id, name, timeMs: 1_700_000_000_000 + i })));
  store.close();
});

afterAll(async () => {
  await closeTraceStores();
  reset();
});

describe("catastrophic RLIKE patterns against long inputs", () => {
  it("public searchTraces answers each in linear time", async () => {
    reset();
    configure({ destination: { store: { path: dbPath } }, onDiagnostic: () => {} });
    // The long name is stored whole, so the patterns do meet all 100,001 characters.
    expect((await searchTraces({ filter: "trace.name LIKE 'aaaa%!'", includeSpans: false })).traces.map((t) => t.info.tags["mlflow.traceName"]!.length).sort((x, y) => x - y)).toEqual([28, 100_001]);
    for (const [, literal, expected] of CASES) {
      const found = await searchTraces({ filter: `trace.name RLIKE '${literal}'`, includeSpans: false });
      expect(found.traces.map((t) => t.info.traceId).sort()).toEqual([...expected].sort());
    }
  });

  it.each(CASES)("traced traces list --filter \"trace.name RLIKE '%s'\" finishes", async (_pattern, literal, expected) => {
    const child = spawn(process.execPath, [CLI, "--db", dbPath, "traces", "list", "--filter", `trace.name RLIKE '${literal}'`, "--json"], {
      env: { ...process.env, TRACED_DB: "", MLFLOW_TRACKING_URI: "", NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Generous: a backtracking engine needs about a minute for the 28-character trace alone.
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    clearTimeout(timer);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    for (const id of Object.keys(NAMES)) expect(stdout.includes(id)).toBe(expected.includes(id));
  });

  describe("traced ui", () => {
    let ui: RunningUi;

    beforeAll(async () => {
      ui = await startUi(dbPath);
    });

    afterAll(async () => {
      await ui?.stop();
    });

    /** Resolves with the status and body, or with "timeout" after `ms`. */
    async function get(path: string, ms: number): Promise<{ status: number; body: { traces: unknown[] } } | "timeout"> {
      try {
        const response = await fetch(new URL(path, ui.url), { signal: AbortSignal.timeout(ms) });
        return { status: response.status, body: (await response.json()) as { traces: unknown[] } };
      } catch (error) {
        if ((error as Error).name === "TimeoutError") return "timeout";
        throw error;
      }
    }

    it("answers an RLIKE filter quickly, and a plain /api/traces sent during it answers too", async () => {
      const filter = encodeURIComponent("trace.name RLIKE '(a+)+$'");
      const slow = get(`/api/traces?filter=${filter}`, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const plain = get("/api/traces", 10_000);
      const [filtered, all] = await Promise.all([slow, plain]);
      expect(filtered).not.toBe("timeout");
      expect(all).not.toBe("timeout");
      if (filtered === "timeout" || all === "timeout") return;
      expect(filtered.status).toBe(200);
      expect(all.status).toBe(200);
      expect(all.body.traces).toHaveLength(Object.keys(NAMES).length);
      expect(JSON.stringify(filtered.body)).not.toContain(ISSUE);
      expect(JSON.stringify(filtered.body)).toContain(traceIdFor(903));
    });

    it.each(CASES)("keeps answering other requests while '%s' runs", async (_pattern, literal) => {
      const slow = get(`/api/traces?filter=${encodeURIComponent(`trace.name RLIKE '${literal}'`)}`, 10_000);
      const plain = get("/api/traces?maxResults=1", 5_000);
      const [filtered, one] = await Promise.all([slow, plain]);
      expect(filtered === "timeout" ? filtered : filtered.status).toBe(200);
      expect(one === "timeout" ? one : one.status).toBe(200);
    });
  });
});
