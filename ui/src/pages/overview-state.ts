/** The Overview's state as URL parameters, and the trace-list filters its clicks open. */

export const OVERVIEW_RANGES: Record<string, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
};

export const OVERVIEW_INTERVALS = ["", "1m", "5m", "15m", "1h", "6h", "1d"];

export interface OverviewState {
  filter: string;
  /** An age preset (`24h`) or an ISO start. */
  from: string;
  /** Empty (now, to the hour) or an ISO end. */
  to: string;
  /** Empty: chosen by the server. */
  interval: string;
  /** A tag key whose values are ranked too (empty: none). */
  tagKey: string;
}

export function readOverviewState(query: URLSearchParams): OverviewState {
  return {
    filter: query.get("filter") ?? "",
    from: query.get("from") || "24h",
    to: query.get("to") ?? "",
    interval: query.get("interval") ?? "",
    tagKey: query.get("tag") ?? "",
  };
}

export function overviewUrl(state: OverviewState): string {
  const query = new URLSearchParams();
  if (state.filter) query.set("filter", state.filter);
  if (state.from !== "24h") query.set("from", state.from);
  if (state.to) query.set("to", state.to);
  if (state.interval) query.set("interval", state.interval);
  if (state.tagKey) query.set("tag", state.tagKey);
  const text = query.toString();
  return text ? `/overview?${text}` : "/overview";
}

export function groupByOf(state: OverviewState): string[] {
  return ["model", "span.name", ...(state.tagKey ? [`tag.${state.tagKey}`] : [])];
}

/** A string literal of the filter grammar: quotes doubled, backslashes escaped. */
export function filterLiteral(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** A key of the filter grammar, backtick-quoted unless it is plain. */
function filterKey(prefix: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${prefix}.${key}` : `${prefix}.\`${key}\``;
}

/** The condition selecting a group's traces: a model, a span name, a tag or metadata value. */
export function groupCondition(groupKey: string, value: string): string {
  if (groupKey === "model") return `span.attributes.\`mlflow.llm.model\` = ${filterLiteral(value)}`;
  if (groupKey === "span.name") return `span.name = ${filterLiteral(value)}`;
  const dot = groupKey.indexOf(".");
  return `${filterKey(groupKey.slice(0, dot), groupKey.slice(dot + 1))} = ${filterLiteral(value)}`;
}

/** The trace list's URL for the page's filter, a time span and extra conditions. */
export function traceListUrl(filter: string, fromMs: number, toMs: number, extra: string[] = []): string {
  const parts = [filter.trim(), `trace.timestamp_ms >= ${fromMs}`, `trace.timestamp_ms < ${toMs}`, ...extra].filter(Boolean);
  return `/?${new URLSearchParams({ filter: parts.join(" AND ") })}`;
}
