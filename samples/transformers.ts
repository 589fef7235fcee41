/**
 * transformers.js traced by `traced/transformers`, offline: a tiny text-generation model and a
 * tiny embedding model are written to a temporary folder (no download), loaded with
 * `pipeline()`, and called inside an app span. `autolog()` traces each model load and each
 * pipeline call; the trace tree prints when it finishes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { env, pipeline } from "@huggingface/transformers";
import { ConsoleExporter, configure, flushTraces, withSpan } from "traced";
import { autolog } from "traced/transformers";
import { writeTinyModels } from "./tiny-onnx-models.js";

configure({ destination: new ConsoleExporter({ previewChars: 70 }) });
autolog();

const models = mkdtempSync(join(tmpdir(), "traced-sample-models-"));
writeTinyModels(models);
env.allowRemoteModels = false;
env.localModelPath = models;

try {
  await withSpan("answer and index", async () => {
    const generate = await pipeline("text-generation", "tiny-gpt", { dtype: "fp32" });
    const embed = await pipeline("feature-extraction", "tiny-bert", { dtype: "fp32" });
    const [answer] = (await generate("hello", { max_new_tokens: 8 })) as { generated_text: string }[];
    const vector = await embed(answer!.generated_text, { pooling: "mean" });
    console.log(`Generated: ${answer!.generated_text} · embedding of ${vector.dims.join("×")}`);
  });
  await flushTraces();
} finally {
  rmSync(models, { recursive: true, force: true });
}
