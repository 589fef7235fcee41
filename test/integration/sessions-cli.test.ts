/**
 * `traced sessions list|show` as a user runs them: the built CLI in a child process over a
 * real SQLite store of seeded sessions; the numbers printed equal searchSessions' own.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TraceStore } from "../../src/query/trace-store.js";
import { HOSTILE_SESSION, seedSessions } from "../support/sessions-seed.js";

const cli = join(import.meta.dirname, "../../dist/esm/cli/main.js");
let dir: string;
let db: string;

function traced(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, "--db", db, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TRACED_DB: "", MLFLOW_TRACKING_URI: "", NO_COLOR: "1" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "traced-sessions-cli-"));
  db = join(dir, "traces.db");
  await seedSessions(db);
});

describe("traced sessions list", () => {
  it("prints a table of sessions, most recently active first", () => {
    const { status, stdout, stderr } = traced("sessions", "list");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^SESSION\s+USER\s+TURNS\s+FIRST \(UTC\)\s+LAST \(UTC\)\s+TOKENS\s+COST\s+ERRORS$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/)[0])).toEqual([HOSTILE_SESSION, "s-gamma", "s-beta", "s-alpha"]);
    const alpha = lines.find((line) => line.startsWith("s-alpha"))!.split(/\s{2,}/);
    expect(alpha).toEqual(["s-alpha", "alice", "3", "2026-01-15 09:00:00", "2026-01-15 09:00:02", "660", "$0.000720", "1"]);
    const gamma = lines.find((line) => line.startsWith("s-gamma"))!.split(/\s{2,}/);
    expect(gamma.slice(5)).toEqual(["1100 (1/2)", "$0.00120 (1/2)", "0"]);
    expect(lines.find((line) => line.startsWith("s-beta"))!.split(/\s{2,}/).slice(5)).toEqual(["10", "—", "0"]);
  });

  it("--json gives searchSessions' result; filter, order and paging as traces list has them", () => {
    const json = traced("sessions", "list", "--json", "--order-by", "cost DESC", "-n", "2");
    expect(json.status).toBe(0);
    const store = TraceStore.open(db);
    try {
      expect(JSON.parse(json.stdout)).toEqual(store.searchSessions({ orderBy: ["cost DESC"], maxResults: 2 }));
    } finally {
      store.close();
    }
    expect(JSON.parse(json.stdout).nextPageToken).toEqual(expect.any(String));
    expect(traced("sessions", "list", "-n", "2").stderr).toMatch(/More sessions: add --page-token \S+/);
    const errors = traced("sessions", "list", "--filter", "trace.status = 'ERROR'");
    expect(errors.stdout.trimEnd().split("\n").slice(1).map((l) => l.split(/\s{2,}/)[0])).toEqual(["s-alpha"]);
  });

  it("says so when nothing matches, and rejects a bad order with exit code 2", () => {
    expect(traced("sessions", "list", "--filter", "trace.status = 'IN_PROGRESS'").stdout).toBe("No sessions found.\n");
    const bad = traced("sessions", "list", "--order-by", "price");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/invalid order_by clause "price"/);
  });
});

describe("traced sessions show", () => {
  it("prints the conversation turn by turn, with the ERROR turn's error", () => {
    const { status, stdout } = traced("sessions", "show", "s-alpha");
    expect(status).toBe(0);
    expect(stdout).toContain("Session s-alpha  user alice\n3 turns  2026-01-15 09:00:00 – 2026-01-15 09:00:02 UTC  tokens 660  cost $0.000720  errors 1");
    expect(stdout).toMatch(/Turn 1  tr-\w+  2026-01-15 09:00:00  OK  \S+ \S+  110 tokens  \$0\.000120\n  user: What is 2\+2\?\n  answer: 4\n/);
    expect(stdout).toMatch(/Turn 2  tr-\w+  2026-01-15 09:00:01  ERROR  .*220 tokens  \$0\.000240  1 error span\n  user: And times 3\?\n  answer: 12\n  error: .*tool crashed: calculator offline/);
    expect(stdout.indexOf("Turn 1")).toBeLessThan(stdout.indexOf("Turn 3"));
  });

  it("--json gives getSession's result; an unknown id fails with a clear message", () => {
    const json = traced("sessions", "show", "s-beta", "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({ summary: { sessionId: "s-beta", turns: 1 }, turns: [{ input: "Hello?", answer: "Hi bob." }] });
    const missing = traced("sessions", "show", "nope");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No session "nope" in the store');
  });

  it("prints hostile ids and users as plain text without terminal controls", () => {
    const { stdout } = traced("sessions", "show", HOSTILE_SESSION);
    expect(stdout).toContain(`Session ${HOSTILE_SESSION}  user <script>`);
    expect(stdout).not.toMatch(/\u001b/);
  });
});
