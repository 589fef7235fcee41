/** The two TypeScript versions the transformer is tested under, and the compiled transformer. */
import { createRequire } from "node:module";
import type ts from "typescript";
import { ensureTransformerBuilt } from "./build-transformer.js";

const require = createRequire(import.meta.url);

export type TS = typeof ts;

export const compilers: Record<"6" | "5.9", TS> = {
  "6": require("typescript") as TS,
  "5.9": require("typescript-5.9") as TS,
};

export type TransformerModule = typeof import("../../../transformer/src/index.js");

/** Loads the compiled transformer (the JavaScript ts-patch would load), building it if needed. */
export function loadTransformer(): TransformerModule {
  return require(ensureTransformerBuilt()) as TransformerModule;
}
