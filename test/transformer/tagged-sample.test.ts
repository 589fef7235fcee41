/** samples/tagged-app: a tag-only app (no import of traced) built with tspc (ts-patch) and run; its trace is in the store. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTransformerBuilt, root } from "./support/build-transformer.js";
import { expectTaggedAppRun, taggedAppDb } from "./support/tagged-app.js";

beforeAll(() => {
  ensureTransformerBuilt();
});

describe("samples/tagged-app", () => {
  it("builds with tspc and stores the traced tree", () => {
    const build = spawnSync(process.execPath, [join(root, "node_modules/ts-patch/bin/tspc.js"), "-p", "samples/tagged-app/tsconfig.json"], { cwd: root, encoding: "utf8" });
    expect(build.stdout + build.stderr).toBe("");
    expect(build.status).toBe(0);
    const db = taggedAppDb();
    const run = spawnSync(process.execPath, [join(root, ".tmp/samples/tagged-app/app.js")], { cwd: root, encoding: "utf8", env: { ...process.env, TRACED_DB: db } });
    expectTaggedAppRun(run, db);
  });
});
