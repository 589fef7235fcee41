/**
 * Destinations by name: turns `{ store: … }`, `{ mlflow: … }` and `{ otlp: … }` into
 * exporters (the default destination is set in default-destination.ts).
 */
import { checkKnownKeys, describeValue, TracedUsageError } from "./config/errors.js";
import { type TraceExporter } from "./export/exporter.js";
import { createMlflowExporter, type MlflowExporterOptions } from "./export/mlflow/index.js";
import { createOtlpExporter, type OtlpExporterOptions } from "./export/otlp/index.js";
import { createStoreExporter, type StoreExporterOptions } from "./store/store-exporter.js";

/** An exporter, or a named destination with its options (`true` for all defaults). */
export type DestinationEntry =
  | TraceExporter
  | { store: StoreExporterOptions | true }
  | { mlflow: MlflowExporterOptions | true }
  | { otlp: OtlpExporterOptions | true };
export type DestinationSpec = DestinationEntry | readonly DestinationEntry[];

const FACTORIES: Record<string, (options: object) => TraceExporter> = {
  store: createStoreExporter,
  mlflow: createMlflowExporter,
  otlp: createOtlpExporter,
};
const NAMED = Object.keys(FACTORIES);

function resolveEntry(entry: unknown, where: string): TraceExporter {
  if (typeof entry === "object" && entry !== null && typeof (entry as TraceExporter).export === "function") return entry as TraceExporter;
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw new TracedUsageError(`${where}: expected an exporter or a destination such as { store: { path } }, { mlflow: { trackingUri } } or { otlp: { endpoint } }, got ${describeValue(entry)}`);
  }
  checkKnownKeys(entry, NAMED, where);
  const names = Object.keys(entry);
  if (names.length > 1) throw new TracedUsageError(`${where}: one destination per entry (got ${names.join(", ")}); pass a list for several`);
  if (names.length === 1) {
    const options = (entry as Record<string, unknown>)[names[0]!];
    return FACTORIES[names[0]!]!(options === true ? {} : (options as object));
  }
  throw new TracedUsageError(`${where}: expected an exporter or a destination such as { store: { path } }, { mlflow: { trackingUri } } or { otlp: { endpoint } }, got an object without either`);
}

export function resolveDestination(spec: DestinationSpec, where: string): TraceExporter[] {
  return Array.isArray(spec) ? spec.map((entry, i) => resolveEntry(entry, `${where}[${i}]`)) : [resolveEntry(spec, where)];
}
