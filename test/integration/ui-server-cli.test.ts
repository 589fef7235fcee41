/** `traced ui` from the command line: loopback by default, remote binding only on request, clean Ctrl-C. */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TraceStore } from "../../src/query/index.js";
import { CLI, startUi } from "../browser/support/ui-process.js";

let dbPath: string;

beforeAll(() => {
  dbPath = join(mkdtempSync(join(tmpdir(), "traced-ui-cli-")), "traces.db");
  TraceStore.open(dbPath).close();
});

describe("traced ui", () => {
  it("serves on 127.0.0.1, prints the URL, and stops cleanly on Ctrl-C", async () => {
    const ui = await startUi(dbPath);
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(ui.url);
    expect(page.status).toBe(200);
    await expect(page.text()).resolves.toContain('<script type="module"');
    await expect(ui.stop()).resolves.toBe(0);
  });

  it("refuses a non-loopback address without --allow-remote", () => {
    const result = spawnSync(process.execPath, [CLI, "ui", "--db", dbPath, "--host", "0.0.0.0", "--port", "0"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--allow-remote");
  });

  it("warns when told to bind a non-loopback address", async () => {
    const child = spawn(process.execPath, [CLI, "ui", "--db", dbPath, "--host", "0.0.0.0", "--allow-remote", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    // stdout and stderr are separate pipes: wait for both the warning and the URL, in any order.
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (/http:\/\/0\.0\.0\.0:\d+\//.test(stdout) && stderr.includes("warning")) resolve();
      };
      child.stdout.on("data", (chunk: Buffer) => ((stdout += chunk.toString()), check()));
      child.stderr.on("data", (chunk: Buffer) => ((stderr += chunk.toString()), check()));
      child.once("exit", () => reject(new Error(stdout + stderr)));
    });
    expect(stderr).toContain("warning: serving on 0.0.0.0");
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    await expect(exited).resolves.toBe(0);
  });

  it("refuses a database that does not exist", () => {
    const result = spawnSync(process.execPath, [CLI, "ui", "--db", join(tmpdir(), "no-such-dir-traced", "x.db"), "--port", "0"], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("No trace database");
  });
});
