/** The tiny ONNX models (samples/tiny-onnx-models.ts) in a fresh folder for one test file, with transformers.js reading only from it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { env } from "@huggingface/transformers";
import { afterAll, beforeAll } from "vitest";
import { writeTinyModels } from "../../../samples/tiny-onnx-models.js";

/** Registers the folder's setup and removal; the returned function gives its path once set up. */
export function useTinyModels(): () => string {
  let models: string | undefined;
  beforeAll(() => {
    models = mkdtempSync(join(tmpdir(), "traced-transformers-"));
    writeTinyModels(models);
    env.allowRemoteModels = false;
    env.localModelPath = models;
  });
  afterAll(() => rmSync(models!, { recursive: true, force: true }));
  return () => models!;
}
