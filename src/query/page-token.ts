/** Opaque page tokens in MLflow's form: base64 of {"offset": n}. */
import { TracedUsageError } from "../config/errors.js";

export function createPageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64");
}

export function parsePageToken(token: string | undefined | null): number {
  if (token === undefined || token === null || token === "") return 0;
  let offset: unknown;
  try {
    offset = (JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { offset?: unknown }).offset;
  } catch {
    offset = undefined;
  }
  if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0) {
    throw new TracedUsageError(`Invalid page token ${JSON.stringify(token)}: pass the nextPageToken of a previous search`);
  }
  return offset;
}
