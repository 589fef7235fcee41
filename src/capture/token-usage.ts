import { describeValue, TracedUsageError } from "../config/errors.js";
import { TOKEN_USAGE_FIELDS, type TokenUsage } from "../model/token-usage.js";

/** Checks a token usage given by the app and completes its total; a mistake throws, naming the field. */
export function validateTokenUsage(usage: unknown, where: string): TokenUsage {
  if (typeof usage !== "object" || usage === null || Array.isArray(usage)) throw new TracedUsageError(`${where}: expected a token usage object, got ${describeValue(usage)}`);
  const record = usage as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(TOKEN_USAGE_FIELDS as readonly string[]).includes(key)) {
      throw new TracedUsageError(`${where}: unknown field "${key}" (MLflow's fields: ${TOKEN_USAGE_FIELDS.join(", ")})`);
    }
    const value = record[key];
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) {
      throw new TracedUsageError(`${where}: "${key}" must be a non-negative number, got ${describeValue(value)}`);
    }
  }
  for (const key of ["input_tokens", "output_tokens"] as const) {
    if (record[key] === undefined) throw new TracedUsageError(`${where}: "${key}" is required`);
  }
  const result: Record<string, number> = {};
  for (const key of TOKEN_USAGE_FIELDS) if (record[key] !== undefined) result[key] = record[key] as number;
  result.total_tokens ??= result.input_tokens! + result.output_tokens!;
  return result as unknown as TokenUsage;
}
