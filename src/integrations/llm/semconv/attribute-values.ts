/** Reading OpenTelemetry attribute values the way the conventions write them. */
import { type ForeignAttributes, type ForeignAttributeValue } from "./convention.js";

/** Structured values travel as JSON text; text that is not JSON stays as it is. */
export function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function nonEmptyText(value: ForeignAttributeValue): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The first of `keys` that is set. */
export function firstOf(attributes: ForeignAttributes, ...keys: string[]): ForeignAttributeValue {
  for (const key of keys) if (attributes[key] !== undefined) return attributes[key];
  return undefined;
}

/**
 * Flattened lists (`gen_ai.prompt.0.role`, `gen_ai.prompt.0.tool_calls.1.name`) back into
 * objects: `{ 0: { role, tool_calls: { 1: { name } } } }` becomes a list of objects in index order.
 */
export function indexedList(attributes: ForeignAttributes, prefix: string): Record<string, unknown>[] | undefined {
  const items = new Map<number, Record<string, unknown>>();
  for (const [key, value] of Object.entries(attributes)) {
    if (!key.startsWith(prefix) || value === undefined) continue;
    const match = /^(\d+)\.(.+)$/.exec(key.slice(prefix.length));
    if (match === null) continue;
    const index = Number(match[1]);
    const item = items.get(index) ?? {};
    items.set(index, item);
    setPath(item, match[2]!.split("."), value);
  }
  if (items.size === 0) return undefined;
  return [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => listsFromIndexes(item) as Record<string, unknown>);
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    node = typeof next === "object" && next !== null ? (next as Record<string, unknown>) : (node[part] = {});
  }
  node[path.at(-1)!] = value;
}

/** Objects whose keys are all indexes become lists. */
function listsFromIndexes(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, listsFromIndexes(item)] as const);
  if (entries.length > 0 && entries.every(([key]) => /^\d+$/.test(key))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, item]) => item);
  }
  return Object.fromEntries(entries);
}

/** Sets `key` only when there is a value. */
export function putDefined(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}
