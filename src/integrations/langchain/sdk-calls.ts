/**
 * A LangChain model that wraps a provider SDK (`ChatOpenAI` wraps `openai`, `ChatAnthropic`
 * `@anthropic-ai/sdk`) sends its request inside the model run, but in the app's async context:
 * LangChain does not make the run active there. With that SDK's autolog on too, the request
 * would be a second CHAT_MODEL span beside the run's, its tokens counted twice. So while a
 * model run is open, an SDK call started under one of the run's ancestors (the span active
 * where the run started) is left to the run's span, which already has the messages, the answer
 * and the usage LangChain reports (framework-recorded.ts).
 *
 * The match is by context, not by identity: an app's own direct SDK call made concurrently,
 * under the same span as an open LangChain model run, is left to that run too.
 */
import { activeRecordingSpan } from "../../capture/active.js";
import { type RecordingSpan } from "../../capture/recording-span.js";
import { registerFrameworkRecordedCheck } from "../llm/framework-recorded.js";
import { openRuns } from "./open-runs.js";

/** Set while the handler opens a model run's own span (it goes through the same LLM core check). */
let openingOwnRun = false;

export function openingModelRun<T>(open: () => T): T {
  openingOwnRun = true;
  try {
    return open();
  } finally {
    openingOwnRun = false;
  }
}

function descendsFrom(span: RecordingSpan, ancestor: RecordingSpan | undefined): boolean {
  // Every span descends from "no active span".
  if (ancestor === undefined) return true;
  for (let parent = span.parent; parent !== undefined; parent = parent.parent) if (parent === ancestor) return true;
  return false;
}

function modelRunInProgress(): boolean {
  if (openRuns.size === 0 || openingOwnRun) return false;
  const active = activeRecordingSpan();
  for (const run of openRuns.values()) {
    if (run.call !== undefined && !run.span.isEnded && descendsFrom(run.span, active)) return true;
  }
  return false;
}

let registered = false;

/** Registers the check once (the handler calls it when it is constructed). */
export function leaveSdkCallsToModelRuns(): void {
  if (registered) return;
  registered = true;
  registerFrameworkRecordedCheck(modelRunInProgress);
}
