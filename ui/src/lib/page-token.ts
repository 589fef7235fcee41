/**
 * The server's page tokens are MLflow's: base64 of `{"offset": n}`. Reading the offset lets
 * the pager number pages and step back from any page, a deep-linked one included.
 */
export function pageOffset(token: string | null): number {
  if (token === null) return 0;
  try {
    const offset = (JSON.parse(atob(token)) as { offset?: unknown }).offset;
    return typeof offset === "number" && Number.isInteger(offset) && offset > 0 ? offset : 0;
  } catch {
    return 0;
  }
}

/** The token of the page starting at `offset`; the first page has none. */
export function pageTokenAt(offset: number): string | null {
  return offset <= 0 ? null : btoa(JSON.stringify({ offset }));
}
