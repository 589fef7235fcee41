import { type RecordingSpan } from "../../capture/recording-span.js";
import { type LlmCall } from "../llm/llm-call.js";

/** A LangChain run being traced: its span, and for model runs the LLM call that owns the span. */
export interface OpenRun {
  readonly span: RecordingSpan;
  readonly call?: LlmCall | undefined;
  /** A LangGraph graph run: its node runs are AGENT spans. */
  readonly graph?: boolean;
}

/**
 * Runs by LangChain run id, process-wide: run ids are unique, and every handler instance
 * (LangChain copies handlers) must find the spans the others opened, as parents.
 */
export const openRuns = new Map<string, OpenRun>();

/** The span of a run still open; a run whose span was ended elsewhere (the open-trace timeout) is forgotten. */
export function openRunSpan(runId: string | undefined): RecordingSpan | undefined {
  if (runId === undefined) return undefined;
  const run = openRuns.get(runId);
  if (run === undefined) return undefined;
  if (run.span.isEnded) {
    openRuns.delete(runId);
    return undefined;
  }
  return run.span;
}
