/**
 * Destinations by name: turns `{ store: … }` (and, as they land, the server exporters'
 * specs) into exporters, and makes the local store the default destination.
 */
import { checkKnownKeys, describeValue, TracedUsageError } from "./config/errors.js";
import { setDefaultDestination } from "./export/destination.js";
import { type TraceExporter } from "./export/exporter.js";
import { createStoreExporter, type StoreExporterOptions } from "./store/store-exporter.js";

/** An exporter, or a named destination with its options. */
export type DestinationEntry = TraceExporter | { store: StoreExporterOptions | true };
export type DestinationSpec = DestinationEntry | readonly DestinationEntry[];

const NAMED = ["store"] as const;

function resolveEntry(entry: unknown, where: string): TraceExporter {
  if (typeof entry === "object" && entry !== null && typeof (entry as TraceExporter).export === "function") return entry as TraceExporter;
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw new TracedUsageError(`${where}: expected an exporter or a destination such as { store: { path } }, got ${describeValue(entry)}`);
  }
  checkKnownKeys(entry, NAMED, where);
  const { store } = entry as { store?: StoreExporterOptions | true };
  if (store !== undefined) return createStoreExporter(store === true ? {} : store);
  throw new TracedUsageError(`${where}: expected an exporter or a destination such as { store: { path } }, got an object without either`);
}

export function resolveDestination(spec: DestinationSpec, where: string): TraceExporter[] {
  return Array.isArray(spec) ? spec.map((entry, i) => resolveEntry(entry, `${where}[${i}]`)) : [resolveEntry(spec, where)];
}

setDefaultDestination(() => createStoreExporter());
