import { config, diagnostics, shared } from "../config/registry.js";
import { describeValue, TracedUsageError } from "../config/errors.js";
import { type TraceExporter } from "./exporter.js";
import { installExitFlush } from "./exit-flush.js";
import { ExportPipeline } from "./pipeline.js";

/** The one export queue of the process; options are read live from the configuration. */
export const exportPipeline: ExportPipeline = shared("export.pipeline", () => new ExportPipeline(config, diagnostics));

export type Destination = TraceExporter | readonly TraceExporter[];

function checkExporter(value: unknown, where: string): TraceExporter {
  if (typeof value !== "object" || value === null || typeof (value as TraceExporter).export !== "function") {
    throw new TracedUsageError(`${where}: expected an exporter (an object with an export(traces) method), got ${describeValue(value)}`);
  }
  return value as TraceExporter;
}

const destinationState = shared("export.destinationState", () => ({
  /** True once the user chose a destination (even an empty one); the default is then never used. */
  chosen: false,
  defaultFactory: undefined as (() => Destination) | undefined,
}));

/** Sends finished traces to these exporters (replacing the previous destination). */
export function setExporters(destination: Destination, where = "setDestination"): void {
  const list = Array.isArray(destination) ? destination : [destination];
  exportPipeline.exporters = list.map((exporter, i) => checkExporter(exporter, Array.isArray(destination) ? `${where}[${i}]` : where));
  destinationState.chosen = true;
  installExitFlush(exportPipeline);
}

/** The destination used when the app chose none (the local trace store), created on first need. */
export function setDefaultDestination(factory: () => Destination): void {
  destinationState.defaultFactory = factory;
}

/** Called when a trace finishes: falls back to the default destination if none was chosen. */
export function ensureDestination(): void {
  if (destinationState.chosen || destinationState.defaultFactory === undefined) return;
  try {
    setExporters(destinationState.defaultFactory(), "default destination");
  } catch (error) {
    destinationState.chosen = true;
    diagnostics.reportOnce("default-destination-failed", "The default trace destination could not be created; traces are not exported", error);
  }
}

/** Forgets the chosen destination: the default applies again. */
export function clearDestination(): void {
  exportPipeline.exporters = [];
  destinationState.chosen = false;
}

export function getExporters(): readonly TraceExporter[] {
  return exportPipeline.exporters;
}

/** Waits until every finished trace has been handed to the exporters and they have flushed. */
export function flushTraces(): Promise<void> {
  return exportPipeline.flush();
}
