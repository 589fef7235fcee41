/** Costs as people read them: dollars, with enough digits that a cheap call is not "$0.00". */
export function formatCost(usd: number): string {
  if (usd === 0) return "$0";
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd >= 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toPrecision(3)}`;
}

/** The `total_cost` of an `mlflow.llm.cost` / `mlflow.trace.cost` value, decoded or as JSON text. */
export function totalCost(value: unknown): number | undefined {
  let cost = value;
  if (typeof cost === "string") {
    try {
      cost = JSON.parse(cost);
    } catch {
      return undefined;
    }
  }
  if (typeof cost !== "object" || cost === null) return undefined;
  const total = (cost as { total_cost?: unknown }).total_cost;
  return typeof total === "number" && Number.isFinite(total) ? total : undefined;
}
