/**
 * What a foreign span convention (OpenTelemetry GenAI `gen_ai.*`, the AI SDK's `ai.*`,
 * OpenInference, OpenLLMetry) becomes in MLflow's terms. Each convention is one pure
 * translator from a span's name and attributes; the OpenTelemetry bridge and the AI SDK
 * tracer both record through them, so a span means the same whichever way it arrived.
 */
import { type SpanTypeName } from "../../../model/span-type.js";

/** Attribute values as OpenTelemetry carries them. */
export type ForeignAttributeValue = string | number | boolean | readonly (string | number | boolean | null | undefined)[] | undefined;
export type ForeignAttributes = Readonly<Record<string, ForeignAttributeValue>>;

/** MLflow's reading of one foreign span. */
export interface ConventionMapping {
  spanType: SpanTypeName;
  /** The span's inputs (`mlflow.spanInputs`), when the convention records them. */
  inputs?: unknown;
  /** The span's outputs (`mlflow.spanOutputs`). */
  outputs?: unknown;
  /** MLflow attributes to set: `mlflow.chat.tokenUsage`, `mlflow.llm.model`, `mlflow.llm.provider`, `mlflow.message.format`, `mlflow.chat.tools`, … */
  attributes: Record<string, unknown>;
}

/** A span event as OpenTelemetry carries it (older conventions put message content in events). */
export interface ForeignEvent {
  readonly name: string;
  readonly attributes?: ForeignAttributes;
}

/** Returns the mapping, or `undefined` when the span is not of this convention. Never throws on odd values. */
export type ConventionTranslator = (name: string, attributes: ForeignAttributes, events?: readonly ForeignEvent[]) => ConventionMapping | undefined;
