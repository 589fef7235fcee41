/**
 * A span processor that removes secrets and PII before anything leaves the process: values
 * under matching keys are replaced whole, and matching patterns inside strings are replaced
 * in place, in inputs, outputs, attributes and event attributes.
 */
import { checkKnownKeys, TracedUsageError } from "../config/errors.js";
import { SpanAttributeKey } from "../model/keys.js";
import { type LiveSpan } from "../model/live-span.js";
import { type SpanProcessor } from "./span-processor.js";

export interface RedactorOptions {
  /** Keys whose values are replaced (exact names, case-insensitive, or patterns). */
  keys?: ReadonlyArray<string | RegExp>;
  /** Patterns replaced inside any string value. */
  patterns?: readonly RegExp[];
  replacement?: string;
}

/** Common secrets: API keys and bearer tokens, passwords, authorization headers. */
export const DEFAULT_REDACTED_KEYS: readonly RegExp[] = [/pass(word|wd)?$/i, /secret/i, /^authorization$/i, /api[-_]?key/i, /token$/i, /^cookie$/i];
export const DEFAULT_REDACTED_PATTERNS: readonly RegExp[] = [/\bsk-[A-Za-z0-9_-]{16,}/g, /\bBearer\s+[A-Za-z0-9._~+/-]+=*/g, /\bAKIA[0-9A-Z]{16}\b/g];

const ATTRIBUTE_KEYS_SKIPPED = new Set<string>([SpanAttributeKey.TRACE_ID, SpanAttributeKey.SPAN_TYPE, SpanAttributeKey.INPUTS, SpanAttributeKey.OUTPUTS]);

export function createRedactor(options: RedactorOptions = {}): SpanProcessor {
  checkKnownKeys(options, ["keys", "patterns", "replacement"], "createRedactor");
  const keys = options.keys ?? DEFAULT_REDACTED_KEYS;
  const patterns = (options.patterns ?? DEFAULT_REDACTED_PATTERNS).map((pattern) => {
    if (!(pattern instanceof RegExp)) throw new TracedUsageError(`createRedactor: patterns must be regular expressions, got ${String(pattern)}`);
    return pattern.global ? pattern : new RegExp(pattern.source, pattern.flags + "g");
  });
  const replacement = options.replacement ?? "[REDACTED]";
  const keyMatches = (key: string) => keys.some((k) => (typeof k === "string" ? k.toLowerCase() === key.toLowerCase() : k.test(key)));

  const redact = (value: unknown, seen: Set<object>): unknown => {
    if (typeof value === "string") return patterns.reduce((text, pattern) => text.replace(pattern, replacement), value);
    if (typeof value !== "object" || value === null || seen.has(value)) return value;
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => redact(item, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = keyMatches(key) ? replacement : redact(item, seen);
    return out;
  };

  return {
    name: "redactor",
    onEnd(span: LiveSpan) {
      const changed = (before: unknown, after: unknown) => JSON.stringify(before) !== JSON.stringify(after);
      const inputs = span.inputs;
      const redactedInputs = redact(inputs, new Set());
      if (changed(inputs, redactedInputs)) span.setInputs(redactedInputs);
      const outputs = span.outputs;
      const redactedOutputs = redact(outputs, new Set());
      if (changed(outputs, redactedOutputs)) span.setOutputs(redactedOutputs);
      for (const key of span.attributeKeys()) {
        if (ATTRIBUTE_KEYS_SKIPPED.has(key)) continue;
        const value = span.getAttribute(key);
        const redacted = keyMatches(key) ? replacement : redact(value, new Set());
        if (changed(value, redacted)) span.setAttribute(key, redacted);
      }
      // Events can only be rewritten on a span that records them (not on the no-op span).
      (span as LiveSpan & { redactEvents?: (rewrite: (attributes: object) => unknown) => void }).redactEvents?.((attributes) => redact(attributes, new Set()));
    },
  };
}
