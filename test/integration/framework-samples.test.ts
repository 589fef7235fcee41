/**
 * samples/ai-sdk.ts (AI SDK 6) and samples/langchain.ts build with tsc against the built package
 * (compiled once, into their own folder), run offline on their frameworks' mock models and print
 * their trace trees. (AI SDK 7's sample runs under Node 22: ai/sample-7.test.ts.)
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
// Its own output folder: other sample tests compile the same project, maybe at the same time.
const outDir = join(root, ".tmp/samples-frameworks");
const run = (script: string) => execFileSync(process.execPath, [join(outDir, script)], { cwd: root, encoding: "utf8" });

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "samples/tsconfig.json"), "--outDir", outDir], { cwd: root });
}, 120_000);

describe("framework samples", () => {
  it("samples/ai-sdk: the agent with its tool and the tool's own span, then the stream, with usage", () => {
    const output = run("ai-sdk.js");
    expect(output).toContain("answer: It is 21°C and sunny in Paris.");
    expect(output).toContain("streamed: Spans nest as they ran.");
    for (const line of ["└─ weather_agent [AGENT]", "└─ ai.generateText [AGENT]", "├─ ai.toolCall [TOOL]", "└─ weather_api [RETRIEVER]", "└─ ai.streamText [AGENT]"]) expect(output).toContain(line);
    expect(output).toMatch(/ai\.generateText\.doGenerate_2 \[CHAT_MODEL\] .* · 26 tokens \(20 in, 6 out\)/);
    expect(output).toMatch(/ai\.streamText\.doStream \[CHAT_MODEL\] .* · 26 tokens \(20 in, 6 out\)/);
  });

  it("samples/langchain: the chain's three steps, then the LangGraph agent with its nodes, model calls and tool", () => {
    const output = run("langchain.js");
    expect(output).toContain("chain: Paris.");
    expect(output).toContain("graph: It is sunny in Paris today.");
    for (const line of ["└─ RunnableSequence [CHAIN]", "├─ ChatPromptTemplate [CHAIN]", "├─ FakeListChatModel [CHAT_MODEL]", "└─ StrOutputParser [CHAIN]", "└─ LangGraph [AGENT]", "├─ tools [AGENT]", "└─ get_weather [TOOL]", "└─ forecast [RETRIEVER]"]) {
      expect(output).toContain(line);
    }
    expect(output).toMatch(/ScriptedChatModel_1 \[CHAT_MODEL\] .* · 52 tokens \(40 in, 12 out\)/);
  });
});
