/**
 * Options of the OTLP exporter, merged with the standard OpenTelemetry environment
 * variables: options given in code win, then `OTEL_EXPORTER_OTLP_TRACES_*`, then
 * `OTEL_EXPORTER_OTLP_*`, then the specification's defaults. Bad options throw (a
 * programming mistake, at construction); bad variables are reported and ignored.
 */
import { type Diagnostics } from "../../config/diagnostics.js";
import { checkKnownKeys, describeValue, TracedUsageError } from "../../config/errors.js";
import { parseKeyValueList } from "./key-value-list.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";

export type OtlpProtocol = "http/protobuf" | "http/json";
export type OtlpCompression = "gzip" | "none";

export interface OtlpExporterOptions {
  /** The traces endpoint, e.g. `http://localhost:4318/v1/traces` (a bare origin gets `/v1/traces`). */
  endpoint?: string;
  headers?: Record<string, string>;
  /** Per request, in milliseconds (default 10000). */
  timeoutMs?: number;
  compression?: OtlpCompression;
  /** `http/protobuf` (default) or `http/json`. */
  protocol?: OtlpProtocol;
  /** Resource attributes added to (and overriding) those from the environment. */
  resourceAttributes?: Record<string, unknown>;
  /** At most this many encoded bytes wait for the network (default 16 MiB); more is dropped and counted. */
  maxBufferBytes?: number;
  retry?: Partial<RetryPolicy>;
}

export const OTLP_OPTION_KEYS = [
  "endpoint",
  "headers",
  "timeoutMs",
  "compression",
  "protocol",
  "resourceAttributes",
  "maxBufferBytes",
  "retry",
] as const;

export interface TransportSettings {
  url: URL;
  headers: Record<string, string>;
  timeoutMs: number;
  compression: OtlpCompression;
  retry: RetryPolicy;
  maxBufferBytes: number;
}

export interface OtlpSettings extends TransportSettings {
  protocol: OtlpProtocol;
  resourceAttributes: Record<string, unknown> | undefined;
}

export const DEFAULT_OTLP_ENDPOINT = "http://localhost:4318/v1/traces";
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BUFFER_BYTES = 16 * 1024 * 1024;
const TRACES_PATH = "v1/traces";
const PROTOCOLS: readonly string[] = ["http/protobuf", "http/json"];
const COMPRESSIONS: readonly string[] = ["gzip", "none"];

export function resolveOtlpSettings(options: OtlpExporterOptions, env: NodeJS.ProcessEnv, diagnostics: Diagnostics, where = "createOtlpExporter"): OtlpSettings {
  checkOptionsObject(options, OTLP_OPTION_KEYS, where);
  const prefixes = ["OTEL_EXPORTER_OTLP_TRACES_", "OTEL_EXPORTER_OTLP_"];
  const variable = (name: string) => envVariable(env, prefixes, name);

  let endpoint: string;
  if (options.endpoint !== undefined) endpoint = tracesUrl(checkUrl(options.endpoint, `${where}: "endpoint"`));
  else {
    const signal = envValue(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    const base = envValue(env, "OTEL_EXPORTER_OTLP_ENDPOINT");
    // The signal variable is the full URL; the general one is a base that gets `v1/traces`.
    endpoint = signal ?? (base !== undefined ? base.replace(/\/*$/, "/") + TRACES_PATH : DEFAULT_OTLP_ENDPOINT);
    if (!isHttpUrl(endpoint)) {
      diagnostics.report("otlp-bad-env", `Ignoring OTLP endpoint ${JSON.stringify(endpoint)} from the environment: not an http(s) URL`);
      endpoint = DEFAULT_OTLP_ENDPOINT;
    }
  }

  const protocolText = options.protocol ?? fromEnv(variable("PROTOCOL"), PROTOCOLS, "PROTOCOL", diagnostics) ?? "http/protobuf";
  if (!PROTOCOLS.includes(protocolText)) {
    const hint = protocolText === "grpc" ? " (gRPC is not supported; use http/protobuf)" : "";
    throw new TracedUsageError(`${where}: "protocol" must be "http/protobuf" or "http/json", got ${describeValue(protocolText)}${hint}`);
  }

  return {
    ...resolveTransportSettings(options, endpoint, env, prefixes, diagnostics, where),
    protocol: protocolText as OtlpProtocol,
    resourceAttributes: options.resourceAttributes === undefined ? undefined : checkRecord(options.resourceAttributes, `${where}: "resourceAttributes"`),
  };
}

/** Headers, timeout, compression, retry and buffer: shared with the MLflow exporter. */
export function resolveTransportSettings(
  options: Pick<OtlpExporterOptions, "headers" | "timeoutMs" | "compression" | "retry" | "maxBufferBytes">,
  endpoint: string,
  env: NodeJS.ProcessEnv,
  /** Variable-name prefixes, the most specific first (`OTEL_EXPORTER_OTLP_TRACES_`). */
  prefixes: readonly string[],
  diagnostics: Diagnostics,
  where: string,
  defaultCompression: OtlpCompression = "none",
): TransportSettings {
  const variable = (name: string) => envVariable(env, prefixes, name);
  // Header lists merge, the more specific variable winning per header.
  const headers: Record<string, string> = {};
  for (const prefix of [...prefixes].reverse()) {
    const parsed = parseKeyValueList(envValue(env, `${prefix}HEADERS`));
    if (parsed.invalid.length) {
      diagnostics.report("otlp-bad-env", `Ignoring unreadable items of ${prefix}HEADERS: ${parsed.invalid.join(", ")}`);
    }
    Object.assign(headers, parsed.values);
  }
  if (options.headers !== undefined) Object.assign(headers, checkStringRecord(options.headers, `${where}: "headers"`));

  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (options.timeoutMs !== undefined) timeoutMs = checkPositiveInt(options.timeoutMs, `${where}: "timeoutMs"`);
  else {
    const text = variable("TIMEOUT");
    if (text !== undefined) {
      const value = Number(text);
      if (Number.isInteger(value) && value > 0) timeoutMs = value;
      else diagnostics.report("otlp-bad-env", `Ignoring OTLP TIMEOUT=${JSON.stringify(text)}: it must be a positive integer (milliseconds)`);
    }
  }

  const compression = options.compression ?? fromEnv(variable("COMPRESSION"), COMPRESSIONS, "COMPRESSION", diagnostics) ?? defaultCompression;
  if (!COMPRESSIONS.includes(compression)) {
    throw new TracedUsageError(`${where}: "compression" must be "gzip" or "none", got ${describeValue(compression)}`);
  }

  let retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
  if (options.retry !== undefined) {
    checkOptionsObject(options.retry, Object.keys(DEFAULT_RETRY_POLICY), `${where}: "retry"`);
    for (const [key, value] of Object.entries(options.retry)) {
      if (value !== undefined) (retry as unknown as Record<string, number>)[key] = checkNonNegativeInt(value, `${where}: "retry.${key}"`);
    }
    if (retry.maxAttempts < 1) throw new TracedUsageError(`${where}: "retry.maxAttempts" must be at least 1`);
  }

  const maxBufferBytes = options.maxBufferBytes === undefined ? DEFAULT_MAX_BUFFER_BYTES : checkPositiveInt(options.maxBufferBytes, `${where}: "maxBufferBytes"`);
  return { url: new URL(endpoint), headers, timeoutMs, compression: compression as OtlpCompression, retry, maxBufferBytes };
}

function envVariable(env: NodeJS.ProcessEnv, prefixes: readonly string[], name: string): string | undefined {
  for (const prefix of prefixes) {
    const value = envValue(env, prefix + name);
    if (value !== undefined) return value;
  }
  return undefined;
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function fromEnv(text: string | undefined, allowed: readonly string[], name: string, diagnostics: Diagnostics): string | undefined {
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  if (allowed.includes(lower)) return lower;
  diagnostics.report("otlp-bad-env", `Ignoring OTLP ${name}=${JSON.stringify(text)} from the environment: expected one of ${allowed.join(", ")}`);
  return undefined;
}

/** A bare origin (no path) means the standard traces path on it. */
function tracesUrl(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname === "/" && !url.endsWith("/") ? `${parsed.origin}/${TRACES_PATH}` : url;
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

export function checkUrl(value: unknown, where: string): string {
  if (typeof value !== "string" || !isHttpUrl(value)) {
    throw new TracedUsageError(`${where} must be an http:// or https:// URL, got ${describeValue(value)}`);
  }
  return value;
}

export function checkOptionsObject(value: unknown, keys: readonly string[], where: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TracedUsageError(`${where}: expected an options object, got ${describeValue(value)}`);
  }
  checkKnownKeys(value, keys, where);
}

function checkRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TracedUsageError(`${where} must be an object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

function checkStringRecord(value: unknown, where: string): Record<string, string> {
  const record = checkRecord(value, where);
  for (const [key, item] of Object.entries(record)) {
    if (typeof item !== "string") throw new TracedUsageError(`${where}: "${key}" must be a string, got ${describeValue(item)}`);
  }
  return record as Record<string, string>;
}

function checkPositiveInt(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new TracedUsageError(`${where} must be a positive integer, got ${describeValue(value)}`);
  }
  return value;
}

function checkNonNegativeInt(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TracedUsageError(`${where} must be a non-negative integer, got ${describeValue(value)}`);
  }
  return value;
}
