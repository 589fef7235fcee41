/**
 * The frameworks are optional peers (issue 14): the built main entry reaches none of them, and
 * each framework entry reaches its own framework only. esbuild walks every import of the built
 * files, static and dynamic, with packages left external; the packages it meets are what the
 * entry could ever load.
 */
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

/** The packages (not node: builtins) that `entry` of the `format` build imports, directly or through traced's own files. */
async function packagesReached(format: "esm" | "cjs", entry: string): Promise<string[]> {
  const result = await build({ entryPoints: [join(root, "dist", format, entry)], bundle: true, write: false, metafile: true, platform: "node", format, packages: "external", logLevel: "silent" });
  const packages = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const { path, external } of input.imports) {
      if (!external || path.startsWith("node:")) continue;
      packages.add(path.split("/").slice(0, path.startsWith("@") ? 2 : 1).join("/"));
    }
  }
  return [...packages].sort();
}

const FRAMEWORKS = ["ai", "@langchain/core", "@langchain/langgraph", "@openai/agents", "@huggingface/transformers"];
const ENTRIES: [string, string[]][] = [
  // traced/ai reads the AI SDK's events and spans structurally: it imports no `ai` (and only types of @opentelemetry/api).
  ["integrations/ai/index.js", []],
  ["integrations/langchain/index.js", ["@langchain/core"]],
  ["integrations/openai-agents/index.js", ["@openai/agents"]],
  ["integrations/transformers/index.js", ["@huggingface/transformers"]],
];

describe.each(["esm", "cjs"] as const)("framework peers (%s build)", (format) => {
  it("the main entry reaches no framework", async () => {
    expect((await packagesReached(format, "index.js")).filter((name) => FRAMEWORKS.includes(name))).toEqual([]);
  });

  it.each(ENTRIES)("%s reaches its own framework only", async (entry, own) => {
    expect((await packagesReached(format, entry)).filter((name) => FRAMEWORKS.includes(name))).toEqual(own);
  });
});
