/** samples/openai-agents.ts builds with tsc against the built package, runs offline and prints the agent's trace tree. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../..");

describe("samples/openai-agents", () => {
  it("prints the run, the agent, two model calls with usage and the tool call", () => {
    // Its own output folder: samples/agent's test compiles the same project, maybe at the same time.
    const outDir = join(root, ".tmp/samples-openai-agents");
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "samples/tsconfig.json"), "--outDir", outDir], { cwd: root });
    const output = execFileSync(process.execPath, [join(outDir, "openai-agents.js")], { cwd: root, encoding: "utf8" });
    expect(output).toContain("Agent: It is sunny and 24°C in Lisbon.");
    for (const line of ["└─ Agent workflow [CHAIN]", "└─ Weather agent [AGENT]", "└─ get_weather [TOOL]", 'out: "sunny and 24°C in Lisbon"']) expect(output).toContain(line);
    expect(output).toMatch(/Response_1 \[CHAT_MODEL\] .* · 32 tokens \(20 in, 12 out\)/);
    expect(output).toMatch(/Response_2 \[CHAT_MODEL\] .* · 72 tokens \(60 in, 12 out\)/);
  });
});
