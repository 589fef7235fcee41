/**
 * Trace-level and current-span helpers (MLflow's fluent API): they act on whatever span is
 * active in the current async context. Called outside any span they do nothing and say so
 * once; called with wrong argument types they throw at once.
 */
import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import { diagnostics } from "../config/registry.js";
import { SpanAttributeKey, TraceMetadataKey } from "../model/keys.js";
import { type LiveSpan } from "../model/live-span.js";
import { type EventAttributeValue } from "../model/span.js";
import { TraceState } from "../model/status.js";
import { type TokenUsage } from "../model/token-usage.js";
import { activeRecordingSpan } from "./active.js";
import { validateTokenUsage } from "./token-usage.js";
import { type RecordingSpan } from "./recording-span.js";
import { traceLifecycle } from "./trace-lifecycle.js";
import { type TraceUpdates } from "./trace-buffer.js";

export function getCurrentActiveSpan(): LiveSpan | undefined {
  return activeRecordingSpan();
}

export function getActiveTraceId(): string | undefined {
  return activeRecordingSpan()?.traceId;
}

/** The id of the most recently finished trace in this process. */
export function getLastActiveTraceId(): string | undefined {
  return traceLifecycle.lastTrace?.traceId;
}

export interface UpdateTraceOptions {
  tags?: Record<string, string>;
  metadata?: Record<string, string>;
  requestPreview?: string;
  responsePreview?: string;
  clientRequestId?: string;
  /** Stored as MLflow's `mlflow.trace.user` / `mlflow.trace.session` metadata. */
  user?: string;
  session?: string;
  state?: "OK" | "ERROR";
}

const UPDATE_KEYS = ["tags", "metadata", "requestPreview", "responsePreview", "clientRequestId", "user", "session", "state"] as const;

function checkStringMap(value: unknown, where: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TracedUsageError(`${where} must be an object of strings, got ${describeValue(value)}`);
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new TracedUsageError(`${where}.${key} must be a string, got ${describeValue(v)}`);
  }
  return value as Record<string, string>;
}

function checkString(value: unknown, where: string): string | undefined {
  if (value !== undefined && typeof value !== "string") throw new TracedUsageError(`${where} must be a string, got ${describeValue(value)}`);
  return value;
}

export function validateTraceUpdates(options: UpdateTraceOptions, where: string): TraceUpdates {
  if (typeof options !== "object" || options === null) throw new TracedUsageError(`${where}: expected an options object, got ${describeValue(options)}`);
  checkKnownKeys(options, UPDATE_KEYS, where);
  const metadata = { ...checkStringMap(options.metadata, `${where}: metadata`) };
  const user = checkString(options.user, `${where}: user`);
  const session = checkString(options.session, `${where}: session`);
  if (user !== undefined) metadata[TraceMetadataKey.USER] = user;
  if (session !== undefined) metadata[TraceMetadataKey.SESSION] = session;
  if (options.state !== undefined && options.state !== TraceState.OK && options.state !== TraceState.ERROR) {
    throw new TracedUsageError(`${where}: state must be "OK" or "ERROR", got ${describeValue(options.state)}`);
  }
  const updates: TraceUpdates = {};
  const tags = checkStringMap(options.tags, `${where}: tags`);
  if (tags) updates.tags = tags;
  if (Object.keys(metadata).length) updates.metadata = metadata;
  for (const key of ["requestPreview", "responsePreview", "clientRequestId"] as const) {
    const value = checkString(options[key], `${where}: ${key}`);
    if (value !== undefined) updates[key] = value;
  }
  if (options.state) updates.state = options.state;
  return updates;
}

/** Sets tags, metadata, previews, client request id, user or session on the active trace. */
export function updateCurrentTrace(options: UpdateTraceOptions): void {
  const updates = validateTraceUpdates(options, "updateCurrentTrace");
  const span = withActiveSpan("updateCurrentTrace");
  span?.trace.update(updates);
}

function withActiveSpan(caller: string): RecordingSpan | undefined {
  const span = activeRecordingSpan();
  if (span === undefined) diagnostics.reportOnce(`no-active-span:${caller}`, `${caller}() was called outside any span; nothing was recorded`);
  return span;
}

export function setSpanInputs(inputs: unknown): void {
  withActiveSpan("setSpanInputs")?.setInputs(inputs);
}

export function setSpanOutputs(outputs: unknown): void {
  withActiveSpan("setSpanOutputs")?.setOutputs(outputs);
}

export function setSpanAttribute(key: string, value: unknown): void {
  if (typeof key !== "string") throw new TracedUsageError(`setSpanAttribute: key must be a string, got ${describeValue(key)}`);
  withActiveSpan("setSpanAttribute")?.setAttribute(key, value);
}

export function setSpanAttributes(attributes: Record<string, unknown>): void {
  if (typeof attributes !== "object" || attributes === null) throw new TracedUsageError(`setSpanAttributes: expected an object, got ${describeValue(attributes)}`);
  withActiveSpan("setSpanAttributes")?.setAttributes(attributes);
}

/** Records the tools offered to a chat model (OpenAI's tool shape) as `mlflow.chat.tools`. */
export function setSpanChatTools(tools: readonly unknown[]): void {
  if (!Array.isArray(tools)) throw new TracedUsageError(`setSpanChatTools: expected an array of tools, got ${describeValue(tools)}`);
  withActiveSpan("setSpanChatTools")?.setAttribute(SpanAttributeKey.CHAT_TOOLS, tools);
}

/** Records the tokens a model call used on the active span (`mlflow.chat.tokenUsage`; see `LiveSpan.setTokenUsage`). */
export function setSpanTokenUsage(usage: Partial<TokenUsage> & Pick<TokenUsage, "input_tokens" | "output_tokens">): void {
  const validated = validateTokenUsage(usage, "setSpanTokenUsage");
  withActiveSpan("setSpanTokenUsage")?.setAttribute(SpanAttributeKey.CHAT_TOKEN_USAGE, validated);
}

export function logSpanEvent(name: string, attributes?: Record<string, EventAttributeValue>, timeUnixMs?: number): void {
  if (typeof name !== "string" || name === "") throw new TracedUsageError(`logSpanEvent: name must be a non-empty string, got ${describeValue(name)}`);
  withActiveSpan("logSpanEvent")?.addEvent(name, attributes, timeUnixMs);
}

export function addSpanException(error: unknown): void {
  withActiveSpan("addSpanException")?.recordException(error);
}

