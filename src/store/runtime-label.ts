/** The running runtime as the store's messages name it: "Node 22.23.3", "Deno 2.9.6", "Bun 1.4.5". */
export function runtimeLabel(): string {
  const deno = (globalThis as { Deno?: { version?: { deno?: string } } }).Deno;
  if (deno) return `Deno ${deno.version?.deno ?? ""}`.trim();
  if (process.versions.bun) return `Bun ${process.versions.bun}`;
  return `Node ${process.versions.node}`;
}
