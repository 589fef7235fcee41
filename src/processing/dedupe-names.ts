/**
 * MLflow 3.0–3.3 rename spans that share a name within a trace: every occurrence of a
 * repeated name, in start order and the first included, becomes `name_1`, `name_2`, …
 * Names that occur once are unchanged.
 */
export function dedupeSpanNames(names: readonly string[]): string[] {
  const total = new Map<string, number>();
  for (const name of names) total.set(name, (total.get(name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return names.map((name) => {
    if (total.get(name)! < 2) return name;
    const index = (seen.get(name) ?? 0) + 1;
    seen.set(name, index);
    return `${name}_${index}`;
  });
}
