/**
 * The store's SQLite drivers, each in the Node that uses it: better-sqlite3 on Node 20,
 * node:sqlite on Node 22 and 24 (the binaries of test/toolchains), run as child processes
 * against the built package. One file format: what one driver writes the other reads back
 * as the same MLflow trace. Node 22's experimental-feature warning never reaches the app;
 * without any usable driver the store says what to install.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { traceFromMlflowJson, traceToMlflowJson } from "../../src/model/index.js";
import { sqliteDriverName, StoreDriverError } from "../../src/store/index.js";
import { ensureToolchains, root, toolchain } from "../support/toolchains.js";

const app = join(import.meta.dirname, "fixtures/store-driver/store-app.mjs");
const dist = pathToFileURL(join(root, "dist/esm/")).href;
const goldenFile = join(root, "test/fixtures/mlflow/golden-trace.json");
const golden = traceToMlflowJson(traceFromMlflowJson(readFileSync(goldenFile, "utf8")));

const NODES = { 20: process.execPath, 22: toolchain.node22, 24: toolchain.node24 } as const;
type Major = keyof typeof NODES;

interface AppOutput {
  driver?: string;
  json?: string;
  tag?: string;
  error?: { name: string; message: string };
  warnings: string[];
  stderr: string;
}

async function runApp(major: Major, mode: string, db: string, env: Record<string, string> = {}, distUrl = dist): Promise<AppOutput> {
  const { stdout, stderr } = await promisify(execFile)(NODES[major], [app, distUrl, mode, db, goldenFile], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    timeout: 60_000,
  });
  return { ...(JSON.parse(stdout) as Omit<AppOutput, "stderr">), stderr };
}

const tempDb = (name: string) => join(mkdtempSync(join(tmpdir(), "traced-driver-")), name);

beforeAll(() => ensureToolchains(), 600_000);

describe("choosing the driver", () => {
  it.each([
    [20, "better"],
    [22, "node"],
    [24, "node"],
  ] as const)("Node %i stores with %s, and no SQLite warning reaches the app", async (major, driver) => {
    const out = await runApp(major, "write", tempDb("choose.db"));
    expect(out.error).toBeUndefined();
    expect(out.driver).toBe(driver);
    // The app's own warning still arrives (listener and stderr): only node:sqlite's is held back.
    expect(out.warnings).toEqual(["ExperimentalWarning: the app's own warning"]);
    expect(out.stderr).toContain("the app's own warning");
    expect(out.stderr).not.toMatch(/SQLite/);
  });

  it("uses better-sqlite3 in this process (Node 20), and TRACED_SQLITE_DRIVER forces a driver", () => {
    expect(sqliteDriverName({})).toBe("better");
    expect(sqliteDriverName({ TRACED_SQLITE_DRIVER: "node" })).toBe("node");
    expect(sqliteDriverName({ TRACED_SQLITE_DRIVER: "bun" })).toBe("bun");
    expect(() => sqliteDriverName({ TRACED_SQLITE_DRIVER: "sqlite3" })).toThrow(StoreDriverError);
    expect(() => sqliteDriverName({ TRACED_SQLITE_DRIVER: "sqlite3" })).toThrow('TRACED_SQLITE_DRIVER is "sqlite3"; expected one of node, better, bun');
  });

  it("refuses node:sqlite on a Node that has none without a flag, saying which Node has it", async () => {
    const out = await runApp(20, "write", tempDb("forced.db"), { TRACED_SQLITE_DRIVER: "node" });
    expect(out.error?.name).toBe("StoreDriverError");
    expect(out.error?.message).toContain("TRACED_SQLITE_DRIVER=node, but this runtime (Node 20.");
    expect(out.error?.message).toContain("it needs Node 22.13+ or 24");
  });
});

describe("one file format for both drivers", () => {
  it.each([
    [20, 22],
    [20, 24],
    [22, 20],
    [24, 20],
    [22, 24],
  ] as const)("a file written on Node %i reads back on Node %i as the same MLflow trace", async (writer, reader) => {
    const db = tempDb("shared.db");
    const written = await runApp(writer, "write", db);
    expect(written.error).toBeUndefined();
    const read = await runApp(reader, "read", db);
    expect(read.error).toBeUndefined();
    expect([written.driver, read.driver]).toEqual([writer === 20 ? "better" : "node", reader === 20 ? "better" : "node"]);
    expect(read.json).toBe(golden);
  });

  it("keeps text with U+0000 on Node 24's node:sqlite, and refuses it with a clear error on Node 22's, which would cut it", async () => {
    expect((await runApp(24, "nul", tempDb("nul24.db"))).tag).toBe("a\u0000b");
    expect((await runApp(20, "nul", tempDb("nul20.db"))).tag).toBe("a\u0000b");
    const on22 = await runApp(22, "nul", tempDb("nul22.db"));
    expect(on22.error?.name).toBe("TextWithNulError");
    expect(on22.error?.message).toMatch(/contains U\+0000, which node:sqlite on Node 22\.\d+\.\d+ cannot read back whole; run on Node 24, or install better-sqlite3/);
  });
});

describe("no driver at all", () => {
  /** An app that installed traced whose optional better-sqlite3 failed to install: every other dependency is there. */
  function appWithoutBetterSqlite3(): string {
    const dir = mkdtempSync(join(tmpdir(), "traced-nodriver-"));
    const traced = join(dir, "node_modules/traced");
    mkdirSync(traced, { recursive: true });
    cpSync(join(root, "package.json"), join(traced, "package.json"));
    for (const build of ["esm", "bundle"]) cpSync(join(root, "dist", build), join(traced, "dist", build), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const name of Object.keys(manifest.dependencies)) {
      mkdirSync(join(dir, "node_modules", name, ".."), { recursive: true });
      symlinkSync(join(root, "node_modules", name), join(dir, "node_modules", name), "dir");
    }
    writeFileSync(join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
    return dir;
  }

  it("on Node 20 without better-sqlite3, the store error says what to install", async () => {
    const dir = appWithoutBetterSqlite3();
    const out = await runApp(20, "write", join(dir, "traces.db"), {}, pathToFileURL(join(dir, "node_modules/traced/dist/esm/")).href);
    expect(out.driver).toBe("better");
    expect(out.error?.name).toBe("StoreDriverError");
    expect(out.error?.message).toContain("traced's trace store needs SQLite: Node 20.");
    expect(out.error?.message).toContain("has no built-in node:sqlite (without a flag), and better-sqlite3 could not be loaded (Cannot find module 'better-sqlite3'");
    expect(out.error?.message).toContain("Install the optional peer dependency better-sqlite3 (`npm install better-sqlite3`");
    expect(out.error?.message).toContain("or run on Node 22.13+ or 24, where traced uses the built-in node:sqlite");
  });

  it("the same app on Node 22 needs nothing installed: node:sqlite stores and reads the trace", async () => {
    const dir = appWithoutBetterSqlite3();
    const distUrl = pathToFileURL(join(dir, "node_modules/traced/dist/esm/")).href;
    const db = join(dir, "traces.db");
    expect((await runApp(22, "write", db, {}, distUrl)).error).toBeUndefined();
    const read = await runApp(22, "read", db, {}, distUrl);
    expect(read.driver).toBe("node");
    expect(read.json).toBe(golden);
  });
});
