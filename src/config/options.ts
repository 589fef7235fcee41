import { checkKnownKeys, describeValue, TracedUsageError } from "./errors.js";

/** Process-wide settings. Every field has a default; `configure()` changes some of them. */
export interface TracingConfig {
  /** When false, traced functions call straight through: no spans, near-zero cost. */
  enabled: boolean;
  /** Fraction of traces kept, decided once per trace at its root. 0 and 1 are exact. */
  samplingRatio: number;
  /** The MLflow experiment traces belong to (trace_location). */
  experimentId: string;
  /**
   * Turns off trace-context propagation (MLflow's `disable_propagation`):
   * `getTracingContextHeaders()` gives no headers and incoming ones are ignored.
   */
  disablePropagation: boolean;
  /**
   * Rename spans that share a name within a trace to `name_1`, `name_2`, … as MLflow
   * 3.0–3.3 did. MLflow 3.6 keeps the original names: set false for that.
   */
  dedupeSpanNames: boolean;
  /**
   * The capture budget, per captured value (each argument, the output, each attribute): at
   * most this deep, this many characters of JSON, and this many objects, array items and keys
   * visited. Past a cap the capture stops and marks the cut (`[Truncated: max depth]`,
   * `…[truncated N chars]`, `[Truncated: max nodes]`), so one call's cost stays bounded
   * whatever object graph it is given.
   */
  maxCaptureDepth: number;
  maxCaptureChars: number;
  maxCaptureNodes: number;
  /** Export queue: at most this many finished traces wait (MLflow's default is 1000). */
  maxQueueSize: number;
  maxExportBatchSize: number;
  exportTimeoutMs: number;
  /**
   * How long the end of a process waits for network exporters (OTLP, MLflow): at SIGTERM,
   * SIGINT or SIGHUP with no handler of the app's, before the signal ends the process; at
   * `process.exit()`, for the blocking requests that send what is still queued.
   */
  exitFlushTimeoutMs: number;
  /** A trace still open after this long is halted (open spans end as ERROR) and exported; 0 = never. */
  traceTimeoutMs: number;
  /** A trace still open after this long is dropped and counted (MLflow's buffer TTL: 1 hour). */
  openTraceTtlMs: number;
  /**
   * At most this many traces open at once; past it the oldest is dropped and counted. A safety
   * valve, not a limit a busy server should meet: MLflow's 1000 is too low for one Node
   * process serving many concurrent requests, so the default is 100,000 (about 50 MB).
   */
  maxOpenTraces: number;
}

export const DEFAULT_CONFIG: Readonly<TracingConfig> = Object.freeze({
  enabled: true,
  samplingRatio: 1,
  experimentId: "0",
  disablePropagation: false,
  dedupeSpanNames: true,
  maxCaptureDepth: 32,
  maxCaptureChars: 1_000_000,
  maxCaptureNodes: 1_000,
  maxQueueSize: 1000,
  maxExportBatchSize: 512,
  exportTimeoutMs: 30_000,
  exitFlushTimeoutMs: 5_000,
  traceTimeoutMs: 0,
  openTraceTtlMs: 3_600_000,
  maxOpenTraces: 100_000,
});

type Check = (value: unknown) => string | undefined;

const isBoolean: Check = (v) => (typeof v === "boolean" ? undefined : "a boolean");
const isRatio: Check = (v) => (typeof v === "number" && v >= 0 && v <= 1 ? undefined : "a number between 0 and 1");
const isNonEmptyString: Check = (v) => (typeof v === "string" && v !== "" ? undefined : "a non-empty string");
/** Room for a truncation mark, so every capture fits the cap. */
const isCaptureCap: Check = (v) => (typeof v === "number" && Number.isInteger(v) && v >= 64 ? undefined : "an integer of at least 64");
const isPositiveInt: Check = (v) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? undefined : "a positive integer");
const isNonNegativeInt: Check = (v) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? undefined : "a non-negative integer");

export const CONFIG_CHECKS: Record<keyof TracingConfig, Check> = {
  enabled: isBoolean,
  samplingRatio: isRatio,
  experimentId: isNonEmptyString,
  disablePropagation: isBoolean,
  dedupeSpanNames: isBoolean,
  maxCaptureDepth: isPositiveInt,
  maxCaptureChars: isCaptureCap,
  maxCaptureNodes: isPositiveInt,
  maxQueueSize: isPositiveInt,
  maxExportBatchSize: isPositiveInt,
  exportTimeoutMs: isPositiveInt,
  exitFlushTimeoutMs: isPositiveInt,
  traceTimeoutMs: isNonNegativeInt,
  openTraceTtlMs: isPositiveInt,
  maxOpenTraces: isPositiveInt,
};

/** Validates a partial config, throwing a TracedUsageError that names the bad key and value. */
export function validateConfig(options: unknown, where: string, extraKeys: readonly string[] = []): Partial<TracingConfig> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TracedUsageError(`${where}: expected an options object, got ${describeValue(options)}`);
  }
  checkKnownKeys(options, [...Object.keys(CONFIG_CHECKS), ...extraKeys], where);
  for (const [key, value] of Object.entries(options)) {
    const check = CONFIG_CHECKS[key as keyof TracingConfig];
    if (!check || value === undefined) continue;
    const expected = check(value);
    if (expected) throw new TracedUsageError(`${where}: "${key}" must be ${expected}, got ${describeValue(value)}`);
  }
  return options as Partial<TracingConfig>;
}
