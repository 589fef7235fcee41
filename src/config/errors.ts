/** A mistake in using traced's API, raised where the mistake is made (decoration or configure time). */
export class TracedUsageError extends TypeError {
  override name = "TracedUsageError";

  /**
   * Recognised across copies of traced (ESM and CommonJS builds loaded together). Subclasses
   * inherit this static method: for them (`FilterError`…) the ordinary prototype check applies,
   * or every usage error would pass as one of them.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== TracedUsageError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[USAGE_ERROR_BRAND] === true;
  }
}

const USAGE_ERROR_BRAND = Symbol.for("traced.usageError");
Object.defineProperty(TracedUsageError.prototype, USAGE_ERROR_BRAND, { value: true });

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  if (typeof value === "object") return Array.isArray(value) ? "an array" : `an object (${Object.prototype.toString.call(value)})`;
  return `${typeof value} ${String(value)}`;
}

/** Rejects keys outside `allowed`, naming the first unknown key and the place it was given. */
export function checkKnownKeys(value: object, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new TracedUsageError(`${where}: unknown option "${key}" (expected one of: ${allowed.join(", ")})`);
    }
  }
}

/** Throws a usage error naming `where` unless `value` is a string (non-empty unless `allowEmpty`). */
export function checkString(value: unknown, name: string, where: string, allowEmpty = false): void {
  if (typeof value !== "string" || (!allowEmpty && value === "")) {
    throw new TracedUsageError(`${where}: "${name}" must be a ${allowEmpty ? "" : "non-empty "}string, got ${describeValue(value)}`);
  }
}
