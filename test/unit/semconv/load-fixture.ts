/** The foreign-convention fixtures: spans written from each convention's documented attribute names. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ForeignAttributes, type ForeignEvent } from "../../../src/integrations/llm/semconv/convention.js";

export interface ForeignSpanFixture {
  name: string;
  attributes: ForeignAttributes;
  events?: ForeignEvent[];
}

export function loadFixture(convention: "gen-ai" | "openinference" | "openllmetry"): Record<string, ForeignSpanFixture> {
  return JSON.parse(readFileSync(join(import.meta.dirname, "../../fixtures/otel-genai", `${convention}.json`), "utf8")) as Record<string, ForeignSpanFixture>;
}
