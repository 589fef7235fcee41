import { type Serialized } from "@langchain/core/load/serializable";
import { SpanType } from "../../model/span-type.js";

/** A run's span name: the run name LangChain gives, else the serialized class name, else the run kind. */
export function runName(serialized: Serialized | undefined, name: string | undefined, fallback: string): string {
  if (typeof name === "string" && name !== "") return name;
  const own = (serialized as { name?: unknown } | undefined)?.name;
  if (typeof own === "string" && own !== "") return own;
  const id = serialized?.id;
  const last = Array.isArray(id) ? id[id.length - 1] : undefined;
  return typeof last === "string" && last !== "" ? last : fallback;
}

/** LangGraph's compiled graphs serialize under the `langgraph` namespace (`langgraph.pregel.CompiledStateGraph`). */
export function isGraph(serialized: Serialized | undefined): boolean {
  const id = serialized?.id;
  return Array.isArray(id) && id[0] === "langgraph";
}

/**
 * A chain run's span type: AGENT for a LangGraph graph and for its nodes (a node's run carries
 * `langgraph_node` naming it; runs inside the node inherit the metadata under their own names).
 */
export function chainSpanType(serialized: Serialized | undefined, name: string, metadata: Record<string, unknown> | undefined, parentIsGraph: boolean): string {
  if (isGraph(serialized)) return SpanType.AGENT;
  if (parentIsGraph && metadata?.langgraph_node === name && !name.startsWith("__")) return SpanType.AGENT;
  return SpanType.CHAIN;
}
