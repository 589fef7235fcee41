/**
 * Cost end to end: real OpenAI SDK calls over HTTP to the local wire server, the traces
 * written to a real SQLite store, filtered by cost, and shown by the `traced` command.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configure, withSpan } from "../../src/index.js";
import { tracedOpenAI } from "../../src/integrations/openai/index.js";
import { TraceStore } from "../../src/query/index.js";
import { chatCompletion } from "../support/llm-replies/openai.js";
import { useOpenAI } from "../support/openai-fixture.js";

const openai = useOpenAI();
const cli = join(import.meta.dirname, "../../dist/esm/cli/main.js");
const ask = (model: string) => ({ model, messages: [{ role: "user" as const, content: "hi" }] });

function cost(attributeOrMetadata: string | undefined): unknown {
  return attributeOrMetadata === undefined ? undefined : JSON.parse(attributeOrMetadata);
}

describe("cost of traced LLM calls", () => {
  it("a priced model's span gets mlflow.llm.cost and the trace mlflow.trace.cost", async () => {
    openai.server.fallback(() => chatCompletion({ model: "gpt-4o-mini-2024-07-18", usage: { promptTokens: 1000, completionTokens: 500, cachedTokens: 200 } }));
    await tracedOpenAI(openai.client()).chat.completions.create(ask("gpt-4o-mini"));
    const trace = await openai.tracing.onlyTrace();
    const expected = { input_cost: 0.000135, output_cost: 0.0003, total_cost: 0.000435 };
    expect(cost(trace.rootSpan!.attributes["mlflow.llm.cost"])).toEqual(expected);
    expect(cost(trace.info.metadata["mlflow.trace.cost"])).toEqual(expected);
  });

  it("sums the calls under one root, and keeps the trace's usage as before", async () => {
    openai.server.fallback(() => chatCompletion({ model: "gpt-4o-2024-08-06", usage: { promptTokens: 100, completionTokens: 10 } }));
    const client = tracedOpenAI(openai.client());
    await withSpan("agent", async () => {
      await client.chat.completions.create(ask("gpt-4o"));
      await client.chat.completions.create(ask("gpt-4o"));
    });
    const trace = await openai.tracing.onlyTrace();
    // per call 100 × $2.50/M + 10 × $10/M
    expect(cost(trace.info.metadata["mlflow.trace.cost"])).toEqual({ input_cost: 0.0005, output_cost: 0.0002, total_cost: 0.0007 });
    expect(cost(trace.info.metadata["mlflow.trace.tokenUsage"])).toEqual({ input_tokens: 200, output_tokens: 20, total_tokens: 220 });
    expect(trace.rootSpan!.attributes["mlflow.llm.cost"]).toBeUndefined();
  });

  it("an unknown model gets no cost and is reported once; configure({ pricing }) then prices it", async () => {
    openai.server.fallback(() => chatCompletion({ model: "ft:gpt-4o-mini-2024-07-18:acme::x1", usage: { promptTokens: 2000, completionTokens: 1000 } }));
    const client = tracedOpenAI(openai.client());
    await client.chat.completions.create(ask("ft:gpt-4o-mini-2024-07-18:acme::x1"));
    await client.chat.completions.create(ask("ft:gpt-4o-mini-2024-07-18:acme::x1"));
    const unpriced = await openai.tracing.traces();
    expect(unpriced.map((t) => t.info.metadata["mlflow.trace.cost"])).toEqual([undefined, undefined]);
    expect(unpriced.map((t) => t.rootSpan!.attributes["mlflow.llm.cost"])).toEqual([undefined, undefined]);
    const reports = openai.tracing.diagnostics.filter((d) => d.code.startsWith("cost-unknown-model"));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain('"ft:gpt-4o-mini-2024-07-18:acme::x1"');

    configure({ pricing: { "ft:gpt-4o-mini-2024-07-18:acme::x1": { input: 0.3, output: 1.2 } } });
    await client.chat.completions.create(ask("ft:gpt-4o-mini-2024-07-18:acme::x1"));
    const priced = await openai.tracing.onlyTrace();
    expect(cost(priced.info.metadata["mlflow.trace.cost"])).toEqual({ input_cost: 0.0006, output_cost: 0.0012, total_cost: 0.0018 });
  });

  it("filters by cost in a real SQLite store, and the CLI shows it", async () => {
    const client = tracedOpenAI(openai.client());
    for (const [model, prompt] of [["gpt-4o", 10_000], ["gpt-4o-mini", 10], ["my-unpriced", 10]] as const) {
      openai.server.fallback(() => chatCompletion({ model, usage: { promptTokens: prompt, completionTokens: 0 } }));
      await withSpan(`call ${model}`, () => client.chat.completions.create(ask(model)));
    }
    const traces = await openai.tracing.traces();
    const db = join(mkdtempSync(join(tmpdir(), "traced-cost-")), "traces.db");
    const store = TraceStore.open(db);
    try {
      store.writeTraces(traces);
      const names = (filter: string) => store.searchTraces({ filter, includeSpans: false }).traces.map((t) => t.info.tags["mlflow.traceName"]).sort();
      expect(names("trace.cost > 0.01")).toEqual(["call gpt-4o"]); // 10,000 × $2.50/M = $0.025
      expect(names("trace.cost > 0")).toEqual(["call gpt-4o", "call gpt-4o-mini"]);
      expect(names("trace.input_cost <= 0.0000015 AND trace.output_cost = 0")).toEqual(["call gpt-4o-mini"]);
      expect(() => store.searchTraces({ filter: "trace.cost > '0.01'" })).toThrow(/compares with a number \(USD\)/);
    } finally {
      store.close();
    }

    const run = (...args: string[]) => spawnSync(process.execPath, [cli, "--db", db, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const list = run("traces", "list", "--filter", "trace.cost > 0.01");
    expect(list.status).toBe(0);
    const [header, line] = list.stdout.trim().split("\n");
    expect(header).toMatch(/DURATION\s+COST\s+TIME/);
    expect(line).toContain("$0.0250");
    const id = traces.find((t) => t.info.tags["mlflow.traceName"] === "call gpt-4o")!.info.traceId;
    const show = run("traces", "show", id);
    expect(show.status).toBe(0);
    expect(show.stdout.split("\n")[0]).toContain("$0.0250");
    expect(show.stdout).toMatch(/10000 tokens \(10000 in, 0 out\) · \$0\.0250/);
  });
});
