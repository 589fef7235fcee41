/**
 * Tracing never breaks a transformers.js call: when traced's own code fails (here its token
 * counting, made to throw), the problem is reported once, the pipeline returns its own result
 * and its span still ends, without the part traced could not record.
 */
import { pipeline } from "@huggingface/transformers";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { SpanAttributeKey } from "../../../src/index.js";
import { autolog } from "../../../src/integrations/transformers/index.js";
import { setupTracing, type TestTracing } from "../../support/tracing.js";
import { useTinyModels } from "./tiny-models.js";

vi.mock("../../../src/integrations/transformers/token-counts.js", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  countGeneration: () => {
    throw new Error("counting bug");
  },
}));

useTinyModels();
let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});
afterEach(() => autolog({ disable: true }));

it("a failure in traced's token counting: each call returns the library's result, its span ends without usage, reported once", async () => {
  autolog();
  const generate = await pipeline("text-generation", "tiny-gpt", { dtype: "fp32" });
  for (let i = 0; i < 2; i++) expect(await generate("hello", { max_new_tokens: 8 })).toEqual([{ generated_text: "hello world how are you" }]);
  const calls = (await tracing.traces()).flatMap((trace) => trace.spans).filter((span) => span.name.startsWith("text-generation"));
  expect(calls).toHaveLength(2);
  for (const call of calls) {
    expect(call.status.code).toBe("OK");
    expect(call.endTimeNs).not.toBeNull();
    expect(call.outputs).toEqual([{ generated_text: "hello world how are you" }]);
    expect(call.getAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE)).toBeUndefined();
  }
  const reports = tracing.diagnostics.filter((d) => d.code === "transformers-token-count-failed");
  expect(reports).toHaveLength(1);
  expect((reports[0]!.error as Error).message).toBe("counting bug");
});
