import { type Diagnostics } from "./diagnostics.js";
import { CONFIG_CHECKS, type TracingConfig } from "./options.js";

/**
 * Settings from the environment. MLflow's variable names are used where they mean the
 * same thing; a bad value is reported and ignored (there is no caller to throw to).
 */
const ENV_VARIABLES: ReadonlyArray<[string, keyof TracingConfig, (text: string) => unknown]> = [
  ["TRACED_ENABLED", "enabled", parseBoolean],
  ["MLFLOW_TRACING_ENABLED", "enabled", parseBoolean],
  ["MLFLOW_TRACE_SAMPLING_RATIO", "samplingRatio", Number],
  ["MLFLOW_EXPERIMENT_ID", "experimentId", String],
  ["TRACED_DEDUPE_SPAN_NAMES", "dedupeSpanNames", parseBoolean],
  ["TRACED_MAX_CAPTURE_CHARS", "maxCaptureChars", Number],
  ["TRACED_MAX_CAPTURE_NODES", "maxCaptureNodes", Number],
  ["MLFLOW_ASYNC_TRACE_LOGGING_MAX_QUEUE_SIZE", "maxQueueSize", Number],
  ["TRACED_EXIT_FLUSH_TIMEOUT_MS", "exitFlushTimeoutMs", Number],
  ["MLFLOW_TRACE_TIMEOUT_SECONDS", "traceTimeoutMs", secondsToMs],
  ["MLFLOW_TRACE_BUFFER_TTL_SECONDS", "openTraceTtlMs", secondsToMs],
  ["MLFLOW_TRACE_BUFFER_MAX_SIZE", "maxOpenTraces", Number],
];

function secondsToMs(text: string): unknown {
  const seconds = Number(text);
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : text;
}

function parseBoolean(text: string): unknown {
  const lower = text.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(lower)) return true;
  if (["0", "false", "no", "off"].includes(lower)) return false;
  return text;
}

export function configFromEnv(env: NodeJS.ProcessEnv, diagnostics: Diagnostics): Partial<TracingConfig> {
  const result: Partial<TracingConfig> = {};
  for (const [name, key, parse] of ENV_VARIABLES) {
    const text = env[name];
    if (text === undefined || text === "") continue;
    const value = parse(text);
    const expected = CONFIG_CHECKS[key](value);
    if (expected) {
      diagnostics.report("bad-env", `Ignoring ${name}=${JSON.stringify(text)}: it must be ${expected}`);
      continue;
    }
    (result as Record<string, unknown>)[key] = value;
  }
  return result;
}
