/** A small coloured badge per span type, so a tree reads at a glance. */

const BADGES: Record<string, string> = {
  AGENT: "AG",
  LLM: "LM",
  CHAT_MODEL: "CM",
  TOOL: "TL",
  RETRIEVER: "RT",
  CHAIN: "CH",
  EMBEDDING: "EM",
  RERANKER: "RR",
  PARSER: "PA",
  MEMORY: "ME",
  GUARDRAIL: "GR",
  EVALUATOR: "EV",
  UNKNOWN: "··",
};

export function SpanTypeIcon({ type }: { type: string }) {
  const known = type in BADGES;
  return (
    <span class={`type-icon type-${known ? type.toLowerCase() : "other"}`} title={type} aria-label={`type ${type}`}>
      {known ? BADGES[type] : type.slice(0, 2).toUpperCase()}
    </span>
  );
}
