import { diagnostics, shared } from "../config/registry.js";
import { type LiveSpan } from "../model/live-span.js";

/**
 * Hooks that see every span when it starts and when it ends, and may change it (redact
 * secrets, add attributes). `onEnd` runs before the span is sealed, so its changes are
 * kept. A throwing processor is isolated: the span and the app carry on, the failure is
 * reported once.
 */
export interface SpanProcessor {
  readonly name?: string;
  onStart?(span: LiveSpan): void;
  onEnd?(span: LiveSpan): void;
}

export const spanProcessors: SpanProcessor[] = shared("processing.spanProcessors", () => []);

export function addSpanProcessor(processor: SpanProcessor): () => void {
  spanProcessors.push(processor);
  return () => {
    const index = spanProcessors.indexOf(processor);
    if (index !== -1) spanProcessors.splice(index, 1);
  };
}

export function runProcessors(hook: "onStart" | "onEnd", span: LiveSpan): void {
  for (const processor of spanProcessors) {
    const run = processor[hook];
    if (run === undefined) continue;
    try {
      run.call(processor, span);
    } catch (error) {
      const label = processor.name ?? processor.constructor?.name ?? "anonymous";
      diagnostics.reportOnce(`processor-failed:${label}:${hook}`, `Span processor ${label} threw in ${hook}; the span was kept unchanged by it`, error);
    }
  }
}
