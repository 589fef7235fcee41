/** samples/transformers.ts builds with tsc against the built package, runs offline and prints its trace tree. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../..");

describe("samples/transformers", () => {
  it("prints the app span, two model loads, the generation with its tokens and the embedding", () => {
    // Its own output folder: other sample tests compile the same project, maybe at the same time.
    const outDir = join(root, ".tmp/samples-transformers");
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "samples/tsconfig.json"), "--outDir", outDir], { cwd: root });
    const output = execFileSync(process.execPath, [join(outDir, "transformers.js")], { cwd: root, encoding: "utf8" });
    expect(output).toContain("Generated: hello world how are you · embedding of 1×3");
    for (const line of ["answer and index", "AutoModelForCausalLM.from_pretrained", "AutoModel.from_pretrained", "feature-extraction [EMBEDDING]"]) expect(output).toContain(line);
    expect(output).toMatch(/text-generation \[LLM\] .* · 6 tokens \(1 in, 5 out\)/);
  });
});
