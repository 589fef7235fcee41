/**
 * samples/ai-sdk-7.ts: in an app folder with the built traced and `ai` 7 (from test/toolchains),
 * it typechecks against `ai` 7's own types, then runs offline under Node 22 (which strips its
 * types) and prints its three trace trees.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeNode22App, runNode22Script } from "../../support/node22-app.js";
import { ensureToolchains, root } from "../../support/toolchains.js";

const tsconfig = { compilerOptions: { module: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck: true, types: ["node"] }, files: ["ai-sdk-7.ts"] };
let app: string;

beforeAll(() => {
  ensureToolchains();
  app = makeNode22App("ai7-sample", { ai: "ai7", zod: "zod", "@types/node": "@types/node" }, join(root, "samples/ai-sdk-7.ts"));
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify(tsconfig));
}, 600_000);

describe("samples/ai-sdk-7", () => {
  it("typechecks against AI SDK 7 (tracedIntegration and tracedMiddleware fit its interfaces)", () => {
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(app, "tsconfig.json")], { cwd: app, encoding: "utf8" });
  });

  it("prints the agent with its tool, the stream, and the streamObject whose connection dropped, ERROR", async () => {
    const output = await runNode22Script(app, "ai-sdk-7.ts");
    expect(output).toContain("answer: It is 21°C and sunny in Paris.");
    expect(output).toContain("streamed: Spans nest as they ran.");
    expect(output).toContain("object: failed (connection reset by peer)");
    for (const line of ["└─ weather_agent [AGENT]", "└─ ai.generateText [AGENT]", "├─ ai.toolCall [TOOL]", "└─ weather_api [RETRIEVER]", "└─ ai.streamText [AGENT]", "└─ ai.streamObject [CHAIN]", "✗ Error: connection reset by peer"]) {
      expect(output).toContain(line);
    }
    expect(output).toMatch(/ai\.generateText\.doGenerate_1 \[CHAT_MODEL\] .* · 26 tokens \(20 in, 6 out\)/);
    expect(output).toMatch(/ai\.streamText\.doStream \[CHAT_MODEL\] .* · 26 tokens \(20 in, 6 out\)/);
    expect(output).toMatch(/ai\.streamObject\.doStream \[CHAT_MODEL\]/);
  });
});
