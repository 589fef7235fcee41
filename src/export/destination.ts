import { config, diagnostics, shared } from "../config/registry.js";
import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
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

export interface FlushOptions {
  /**
   * Wait at most this long (ms). When it runs out the promise resolves `false` and the export
   * goes on in the background; what it then drops is counted and reported as usual.
   */
  timeoutMs?: number;
}

/**
 * Waits until every finished trace has been handed to the exporters and they have flushed
 * (for OTLP and MLflow: until the server answered, retries included). Resolves `true` once
 * every export settled — one that failed is reported and counted in getTracingStats(), never
 * thrown — or `false` when `timeoutMs` ran out first.
 */
export function flushTraces(options?: FlushOptions): Promise<boolean> {
  const timeoutMs = checkFlushOptions(options);
  const flushed = exportPipeline.flush().then(() => true);
  if (timeoutMs === undefined) return flushed;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      diagnostics.reportOnce("flush-timeout", `flushTraces({ timeoutMs: ${timeoutMs} }) returned before the export finished; it goes on in the background`);
      resolve(false);
    }, timeoutMs);
  });
  return Promise.race([flushed, timedOut]).finally(() => clearTimeout(timer));
}

function checkFlushOptions(options: FlushOptions | undefined): number | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== "object" || options === null) throw new TracedUsageError(`flushTraces: options must be an object such as { timeoutMs: 2000 }, got ${describeValue(options)}`);
  checkKnownKeys(options, ["timeoutMs"], "flushTraces");
  const { timeoutMs } = options;
  if (timeoutMs === undefined) return undefined;
  if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new TracedUsageError(`flushTraces: "timeoutMs" must be a non-negative number of milliseconds, got ${describeValue(timeoutMs)}`);
  }
  return timeoutMs;
}
