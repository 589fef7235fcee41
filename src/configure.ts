/**
 * The public settings surface: one `configure()` for everything, plus the switches users
 * reach for most. Every option is checked here, so a mistake fails at configure time.
 */
import { checkKnownKeys, describeValue, TracedUsageError } from "./config/errors.js";
import { type DiagnosticHandler } from "./config/diagnostics.js";
import { configFromEnv } from "./config/env.js";
import { DEFAULT_CONFIG, validateConfig, type TracingConfig } from "./config/options.js";
import { config, diagnostics } from "./config/registry.js";
import { traceLifecycle } from "./capture/trace-lifecycle.js";
import { openTraces, type OpenTraceStats } from "./capture/open-traces.js";
import { clearDestination, exportPipeline, setExporters } from "./export/destination.js";
import { resolveDestination, type DestinationSpec } from "./destinations.js";
import { spanProcessors, type SpanProcessor } from "./processing/span-processor.js";
import { clearUserPrices, setUserPrices, validatePricing, type PricingOverrides } from "./processing/pricing/model-prices.js";

export interface ConfigureOptions extends Partial<TracingConfig> {
  /** Where finished traces go: exporters or specs (`{ store: { path } }`), one or several. */
  destination?: DestinationSpec;
  /** Replaces the span processors (redaction, enrichment). */
  spanProcessors?: readonly SpanProcessor[];
  /** Receives tracing problems instead of console.warn. */
  onDiagnostic?: DiagnosticHandler;
  /** Model prices (USD per million tokens) that add to or override the built-in table, e.g. a fine-tuned model's. */
  pricing?: PricingOverrides;
}

export function configure(options: ConfigureOptions): void {
  const { destination, spanProcessors: processors, onDiagnostic, pricing, ...settings } = validateConfig(options, "configure", [
    "destination",
    "spanProcessors",
    "onDiagnostic",
    "pricing",
  ]) as ConfigureOptions;
  const prices = pricing === undefined ? undefined : validatePricing(pricing, "configure");
  if (onDiagnostic !== undefined && typeof onDiagnostic !== "function") {
    throw new TracedUsageError(`configure: "onDiagnostic" must be a function, got ${describeValue(onDiagnostic)}`);
  }
  if (processors !== undefined) {
    if (!Array.isArray(processors)) throw new TracedUsageError(`configure: "spanProcessors" must be an array, got ${describeValue(processors)}`);
    processors.forEach((p, i) => {
      if (typeof p !== "object" || p === null || (typeof p.onStart !== "function" && typeof p.onEnd !== "function")) {
        throw new TracedUsageError(`configure: spanProcessors[${i}] must have onStart or onEnd, got ${describeValue(p)}`);
      }
    });
  }
  // Everything is validated; apply all of it.
  const exporters = destination === undefined ? undefined : resolveDestination(destination, "configure: destination");
  if (exporters !== undefined) setExporters(exporters, "configure: destination");
  if (processors !== undefined) spanProcessors.splice(0, spanProcessors.length, ...processors);
  if (onDiagnostic !== undefined) diagnostics.handler = onDiagnostic;
  if (prices !== undefined) setUserPrices(prices);
  for (const [key, value] of Object.entries(settings)) if (value !== undefined) (config as unknown as Record<string, unknown>)[key] = value;
}

/**
 * Where finished traces go, replacing the previous choice: an exporter, a spec such as
 * `{ store: { path: "traces.db" } }`, or a list of them (`[]` exports nothing). Until this
 * is called, traces go to the local trace store (`./traced.db`, or `TRACED_DB`).
 */
export function setDestination(destination: DestinationSpec): void {
  setExporters(resolveDestination(destination, "setDestination"), "setDestination");
}

export interface EnableOptions {
  /** The MLflow experiment the traces started from now on belong to (MLflow's `enable(experiment_id=…)`). */
  experimentId?: string;
}

/** Turns tracing on (after `disable()`), optionally into an experiment, in one call. */
export function enable(options?: EnableOptions): void {
  if (options !== undefined) {
    const { experimentId } = validateConfig(options, "enable");
    checkKnownKeys(options, ["experimentId"], "enable");
    if (experimentId !== undefined) config.experimentId = experimentId;
  }
  config.enabled = true;
}

/** Traced functions call straight through: no spans, no captures. */
export function disable(): void {
  config.enabled = false;
}

export function isEnabled(): boolean {
  return config.enabled;
}

/** Back to defaults (and environment settings): no destination, no processors, counters cleared. */
export function reset(): void {
  Object.assign(config, DEFAULT_CONFIG, configFromEnv(process.env, diagnostics));
  spanProcessors.length = 0;
  clearUserPrices();
  clearDestination();
  exportPipeline.clear();
  diagnostics.reset();
  traceLifecycle.lastTrace = undefined;
  traceLifecycle.openTraces.clear();
  openTraces.clear();
}

export interface TracingStats {
  export: { queued: number; exported: number; dropped: number; failed: number; pending: number };
  /** Traces whose root span has not ended: open now, halted by the timeout, dropped, exported at exit. */
  openTraces: OpenTraceStats;
  /** How often each kind of problem occurred (reported once each). */
  diagnostics: Record<string, number>;
}

export function getTracingStats(): TracingStats {
  return {
    export: { ...exportPipeline.stats, pending: exportPipeline.pending },
    openTraces: { ...openTraces.stats },
    diagnostics: Object.fromEntries(diagnostics.counts),
  };
}
